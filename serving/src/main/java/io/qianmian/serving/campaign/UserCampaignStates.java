package io.qianmian.serving.campaign;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Every user's campaign state — recent impression times, attribution and uplift arm per (user,
 * campaign) — in arrays of ints, longs and chars instead of a map of small objects.
 *
 * <p>Why: a store's shoppers number in the millions and each answer may meet a new one. As objects,
 * each new shopper was linked from a large table in the old generation, and every young collection
 * had to scan the table's thousands of dirtied cards for those links: most of a homepage's tail
 * latency. Primitive arrays hold no references, so the collector never looks inside them.
 *
 * <p>The users are spread over {@link Shard}s by the hash of their id; a shard is guarded by its own
 * monitor, which callers hold around every call on it — concurrent requests of users in other
 * shards never wait for each other.
 */
final class UserCampaignStates {
  static final byte NO_ARM = 0;
  static final byte TREATED = 1;
  static final byte CONTROL = 2;
  /** {@link Shard#lastShown} of an entry never shown. */
  static final long NEVER = Long.MIN_VALUE;
  private static final int SHARD_BITS = 8;

  private final Shard[] shards = new Shard[1 << SHARD_BITS];
  private final Names campaigns;
  private final Names segments;

  /**
   * @param campaigns the codes of campaign ids that entries hold
   * @param segments the codes of segment names that entries hold
   */
  UserCampaignStates(Names campaigns, Names segments) {
    this.campaigns = campaigns;
    this.segments = segments;
    for (int s = 0; s < shards.length; s++) {
      shards[s] = new Shard();
    }
  }

  /** The shard holding the user; lock it around every call on it. */
  Shard shard(String userId) {
    return shards[hash(userId) & (shards.length - 1)];
  }

  private static int hash(String userId) {
    int h = userId.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  /** Writes every user's entries, for {@link #read} to rebuild them. Not concurrently with changes. */
  void write(DataOutput out) throws IOException {
    int users = 0;
    for (Shard s : shards) {
      synchronized (s) {
        users += s.users;
      }
    }
    out.writeInt(users);
    for (Shard s : shards) {
      synchronized (s) {
        s.write(out, campaigns, segments);
      }
    }
  }

  /** Reads one user's entries as {@link #write} wrote them. */
  void read(DataInput in) throws IOException {
    String userId = in.readUTF();
    int entries = in.readInt();
    if (entries < 0) {
      throw new IOException("negative entry count " + entries + " of user " + userId);
    }
    Shard s = shard(userId);
    synchronized (s) {
      for (int k = 0; k < entries; k++) {
        s.read(in, userId, campaigns.code(in.readUTF()), segments);
      }
    }
  }

  /**
   * Some of the users and their entries: one (user, campaign) entry is an int index into the
   * shard's arrays. Not thread-safe: callers hold the shard's monitor.
   */
  static final class Shard {
    // Users: open addressing over (hash << 32 | user + 1), 0 empty; ids end to end in one char array.
    private long[] table = new long[16];
    private int users;
    private int[] keyEnd = new int[8];
    private char[] keys = new char[64];
    private int[] firstEntry = new int[8];

    // Entries: INTS ints and LONGS longs each, at entry * stride.
    private static final int NEXT = 0;
    private static final int CAMPAIGN = 1;
    private static final int SHOW_COUNT = 2;
    private static final int SHOWS_AT = 3;
    private static final int SHOWS_CLASS = 4;
    private static final int LAST_SEGMENT = 5;
    private static final int UNCONVERTED = 6;
    private static final int ARM = 7;
    private static final int REACH_SEGMENT = 8;
    private static final int REACH_CONVERTED = 9;
    private static final int INTS = 10;
    private static final int LAST_SHOWN = 0;
    private static final int REACHED_AT = 1;
    private static final int LONGS = 2;
    private int[] ints = new int[4 * INTS];
    private long[] longs = new long[4 * LONGS];
    /** Per entry: the order id of the last redemption counted, null before one. */
    private String[] lastOrders = new String[4];
    private int entries;

    // Impression times, oldest first, in blocks of 1, 2, 4 … 64 and then MAX_IMPRESSIONS longs; a
    // freed block starts a list of free blocks of its class.
    private static final int CLASSES = 8;
    private long[] shows = new long[16];
    private int showsEnd;
    private final int[] freeBlocks = filled(CLASSES, -1);

    private static int[] filled(int n, int value) {
      int[] a = new int[n];
      Arrays.fill(a, value);
      return a;
    }

    // --- Users and entries. ---

    /** The user's number in this shard, or -1 when the user has no entry. */
    int user(String userId) {
      int h = hash(userId);
      int mask = table.length - 1;
      for (int i = (h >>> SHARD_BITS) & mask; ; i = (i + 1) & mask) {
        long t = table[i];
        if (t == 0) {
          return -1;
        }
        if ((int) (t >>> 32) == h && sameId((int) t - 1, userId)) {
          return (int) t - 1;
        }
      }
    }

    /** The user's entry for the campaign, or -1. */
    int entry(int user, int campaign) {
      if (user < 0) {
        return -1;
      }
      for (int e = firstEntry[user] - 1; e >= 0; e = ints[e * INTS + NEXT] - 1) {
        if (ints[e * INTS + CAMPAIGN] == campaign) {
          return e;
        }
      }
      return -1;
    }

    /** The user's entry for the campaign, added (with the user) when missing. */
    int entryOrAdd(String userId, int campaign) {
      int user = user(userId);
      if (user < 0) {
        user = addUser(userId);
      }
      int e = entry(user, campaign);
      return e >= 0 ? e : addEntry(user, campaign);
    }

    /** The user's first entry, or -1; {@link #nextEntry} walks on. */
    int firstEntry(int user) {
      return user < 0 ? -1 : firstEntry[user] - 1;
    }

    int nextEntry(int entry) {
      return ints[entry * INTS + NEXT] - 1;
    }

    int campaign(int entry) {
      return ints[entry * INTS + CAMPAIGN];
    }

    private boolean sameId(int user, String userId) {
      int start = user == 0 ? 0 : keyEnd[user - 1];
      if (keyEnd[user] - start != userId.length()) {
        return false;
      }
      for (int k = 0; k < userId.length(); k++) {
        if (keys[start + k] != userId.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /** Adds a user this shard does not hold; returns its number. */
    int addUser(String userId) {
      if (2 * (users + 1) > table.length) {
        rehash(table.length * 2);
      }
      int user = users++;
      if (user == keyEnd.length) {
        keyEnd = Arrays.copyOf(keyEnd, user * 2);
        firstEntry = Arrays.copyOf(firstEntry, user * 2);
      }
      int start = user == 0 ? 0 : keyEnd[user - 1];
      if (start + userId.length() > keys.length) {
        keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + userId.length()));
      }
      userId.getChars(0, userId.length(), keys, start);
      keyEnd[user] = start + userId.length();
      int h = hash(userId);
      put(table, h, user);
      return user;
    }

    private void rehash(int capacity) {
      long[] grown = new long[capacity];
      for (long t : table) {
        if (t != 0) {
          put(grown, (int) (t >>> 32), (int) t - 1);
        }
      }
      table = grown;
    }

    private static void put(long[] table, int hash, int user) {
      int mask = table.length - 1;
      int i = (hash >>> SHARD_BITS) & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = (long) hash << 32 | (user + 1L);
    }

    /** Adds an entry the user does not have; returns it. */
    int addEntry(int user, int campaign) {
      int e = entries++;
      if (e == lastOrders.length) {
        ints = Arrays.copyOf(ints, e * 2 * INTS);
        longs = Arrays.copyOf(longs, e * 2 * LONGS);
        lastOrders = Arrays.copyOf(lastOrders, e * 2);
      }
      int b = e * INTS;
      ints[b + NEXT] = firstEntry[user];
      ints[b + CAMPAIGN] = campaign;
      ints[b + SHOWS_AT] = -1;
      longs[e * LONGS + LAST_SHOWN] = NEVER;
      firstEntry[user] = e + 1;
      return e;
    }

    // --- One entry. ---

    /** Whether cooldown and frequency cap let the campaign of this entry be shown at {@code now}. */
    boolean allows(int entry, Campaign c, long now) {
      long lastShown = longs[entry * LONGS + LAST_SHOWN];
      if (lastShown != NEVER && now - lastShown < c.cooldown().toMillis()) {
        return false;
      }
      Campaign.FrequencyCap cap = c.frequencyCap();
      if (cap == null) {
        return true;
      }
      long from = now - cap.period().toMillis();
      int at = ints[entry * INTS + SHOWS_AT];
      int recent = 0;
      for (int k = ints[entry * INTS + SHOW_COUNT] - 1; k >= 0 && shows[at + k] > from; k--) {
        recent++;
      }
      return recent < cap.impressions();
    }

    /** Records an impression in {@code segment}; true when it is the user's first reach of the campaign. */
    boolean show(int entry, long now, int segment) {
      int b = entry * INTS;
      int n = ints[b + SHOW_COUNT];
      int at = ints[b + SHOWS_AT];
      int cls = ints[b + SHOWS_CLASS];
      if (at < 0) {
        cls = 0;
        at = allocate(cls);
      } else if (n == capacity(cls)) {
        if (cls < CLASSES - 1) {
          int to = allocate(cls + 1);
          System.arraycopy(shows, at, shows, to, n);
          free(at, cls);
          at = to;
          cls++;
        } else {
          System.arraycopy(shows, at + 1, shows, at, n - 1);
          n--;
        }
      }
      // Kept sorted: a replayed or late request may be older than the newest impression.
      int k = n;
      while (k > 0 && shows[at + k - 1] > now) {
        shows[at + k] = shows[at + k - 1];
        k--;
      }
      shows[at + k] = now;
      ints[b + SHOW_COUNT] = n + 1;
      ints[b + SHOWS_AT] = at;
      ints[b + SHOWS_CLASS] = cls;
      ints[b + LAST_SEGMENT] = segment + 1;
      ints[b + UNCONVERTED]++;
      longs[entry * LONGS + LAST_SHOWN] = Math.max(longs[entry * LONGS + LAST_SHOWN], now);
      return reach(entry, TREATED, now, segment);
    }

    /** Takes back the impression {@link #show} recorded at {@code time}. */
    void unshow(int entry, long time) {
      int b = entry * INTS;
      int n = ints[b + SHOW_COUNT];
      int at = ints[b + SHOWS_AT];
      for (int k = n - 1; k >= 0; k--) {
        if (shows[at + k] == time) {
          System.arraycopy(shows, at + k + 1, shows, at + k, n - k - 1);
          n--;
          break;
        }
      }
      ints[b + SHOW_COUNT] = n;
      longs[entry * LONGS + LAST_SHOWN] = n == 0 ? NEVER : shows[at + n - 1];
      ints[b + UNCONVERTED] = Math.max(0, ints[b + UNCONVERTED] - 1);
    }

    /** Puts the user in an arm at its first reach; true when this was it. */
    boolean reach(int entry, byte arm, long now, int segment) {
      int b = entry * INTS;
      if (ints[b + ARM] != NO_ARM) {
        return false;
      }
      ints[b + ARM] = arm;
      ints[b + REACH_SEGMENT] = segment + 1;
      longs[entry * LONGS + REACHED_AT] = now;
      return true;
    }

    /** Forgets the reach (its recording was given back). */
    void unreach(int entry) {
      ints[entry * INTS + ARM] = NO_ARM;
    }

    byte arm(int entry) {
      return (byte) ints[entry * INTS + ARM];
    }

    long reachedAt(int entry) {
      return longs[entry * LONGS + REACHED_AT];
    }

    /** The segment at the first reach; -1 when none. */
    int reachSegment(int entry) {
      return ints[entry * INTS + REACH_SEGMENT] - 1;
    }

    boolean reachConverted(int entry) {
      return ints[entry * INTS + REACH_CONVERTED] != 0;
    }

    void markReachConverted(int entry) {
      ints[entry * INTS + REACH_CONVERTED] = 1;
    }

    long lastShown(int entry) {
      return longs[entry * LONGS + LAST_SHOWN];
    }

    /** The segment of the latest impression; -1 when none. */
    int lastSegment(int entry) {
      return ints[entry * INTS + LAST_SEGMENT] - 1;
    }

    /** Matches one impression not yet matched by a conversion; false when there is none. */
    boolean convert(int entry) {
      int b = entry * INTS;
      if (ints[b + UNCONVERTED] == 0) {
        return false;
      }
      ints[b + UNCONVERTED]--;
      return true;
    }

    /** False when this order was the last one counted (the same purchase again); remembers it. */
    boolean newOrder(int entry, String orderId) {
      if (orderId == null) {
        return true;
      }
      if (orderId.equals(lastOrders[entry])) {
        return false;
      }
      lastOrders[entry] = orderId;
      return true;
    }

    // --- Impression blocks. ---

    private static int capacity(int cls) {
      return cls == CLASSES - 1 ? Campaign.FrequencyCap.MAX_IMPRESSIONS : 1 << cls;
    }

    private static int classFor(int n) {
      int cls = 0;
      while (cls < CLASSES - 1 && capacity(cls) < n) {
        cls++;
      }
      return cls;
    }

    private int allocate(int cls) {
      int at = freeBlocks[cls];
      if (at >= 0) {
        freeBlocks[cls] = (int) shows[at];
        return at;
      }
      at = showsEnd;
      showsEnd += capacity(cls);
      if (showsEnd > shows.length) {
        shows = Arrays.copyOf(shows, Math.max(shows.length * 2, showsEnd));
      }
      return at;
    }

    private void free(int at, int cls) {
      shows[at] = freeBlocks[cls];
      freeBlocks[cls] = at;
    }

    // --- Snapshots: per user its id, its entry count, then per entry its campaign and fields. ---

    private void write(DataOutput out, Names campaigns, Names segments) throws IOException {
      int[] order = new int[8];
      for (int user = 0; user < users; user++) {
        int start = user == 0 ? 0 : keyEnd[user - 1];
        out.writeUTF(new String(keys, start, keyEnd[user] - start));
        int count = 0;
        for (int e = firstEntry(user); e >= 0; e = nextEntry(e)) {
          order = count == order.length ? Arrays.copyOf(order, count * 2) : order;
          order[count++] = e;
        }
        out.writeInt(count);
        // Oldest first: reading adds each entry in front, and so rebuilds this very list.
        for (int k = count - 1; k >= 0; k--) {
          out.writeUTF(campaigns.name(campaign(order[k])));
          writeEntry(out, order[k], segments);
        }
      }
    }

    private void writeEntry(DataOutput out, int e, Names segments) throws IOException {
      int b = e * INTS;
      int n = ints[b + SHOW_COUNT];
      out.writeInt(n);
      for (int k = 0; k < n; k++) {
        out.writeLong(shows[ints[b + SHOWS_AT] + k]);
      }
      out.writeLong(longs[e * LONGS + LAST_SHOWN]);
      writeName(out, lastSegment(e), segments);
      out.writeInt(ints[b + UNCONVERTED]);
      writeNullable(out, lastOrders[e]);
      out.writeByte(ints[b + ARM]);
      out.writeLong(longs[e * LONGS + REACHED_AT]);
      writeName(out, reachSegment(e), segments);
      out.writeBoolean(reachConverted(e));
    }

    private void read(DataInput in, String userId, int campaign, Names segments) throws IOException {
      int e = entryOrAdd(userId, campaign);
      int b = e * INTS;
      int n = in.readInt();
      if (n < 0 || n > Campaign.FrequencyCap.MAX_IMPRESSIONS) {
        throw new IOException("bad impression count " + n);
      }
      if (n > 0) {
        int cls = classFor(n);
        int at = allocate(cls);
        for (int k = 0; k < n; k++) {
          shows[at + k] = in.readLong();
        }
        ints[b + SHOWS_AT] = at;
        ints[b + SHOWS_CLASS] = cls;
      }
      ints[b + SHOW_COUNT] = n;
      longs[e * LONGS + LAST_SHOWN] = in.readLong();
      ints[b + LAST_SEGMENT] = readName(in, segments) + 1;
      ints[b + UNCONVERTED] = in.readInt();
      lastOrders[e] = in.readBoolean() ? in.readUTF() : null;
      ints[b + ARM] = in.readByte();
      longs[e * LONGS + REACHED_AT] = in.readLong();
      ints[b + REACH_SEGMENT] = readName(in, segments) + 1;
      ints[b + REACH_CONVERTED] = in.readBoolean() ? 1 : 0;
    }

    private static void writeName(DataOutput out, int code, Names names) throws IOException {
      writeNullable(out, code < 0 ? null : names.name(code));
    }

    private static int readName(DataInput in, Names names) throws IOException {
      return in.readBoolean() ? names.code(in.readUTF()) : -1;
    }

    private static void writeNullable(DataOutput out, String s) throws IOException {
      out.writeBoolean(s != null);
      if (s != null) {
        out.writeUTF(s);
      }
    }
  }
}
