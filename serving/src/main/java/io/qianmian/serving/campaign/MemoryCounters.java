package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import io.qianmian.serving.campaign.Campaign.Budget;
import io.qianmian.serving.campaign.Campaign.BudgetUnit;
import io.qianmian.serving.campaign.Campaign.Pacing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Campaign counters in memory. Budgets are lock-free (compare-and-set on one counter per campaign
 * and day); a user's caps, cooldowns and reach are guarded by that user's own monitor, which only
 * that user's concurrent requests contend for. {@link JournaledCounterStore} adds durability.
 */
final class MemoryCounters implements CounterStore {
  /** Exposure variants of campaign hold-outs are logged as experiment {@code campaign:<id>}. */
  static final String HOLDOUT_PREFIX = "campaign:";
  static final String CONTROL = "control";
  static final String TREATMENT = "treatment";
  /** Client clocks run a little behind the server's: purchases this much before a reach still count. */
  private static final long CLOCK_SKEW_MS = 5 * 60_000L;
  private static final long NONE = Long.MIN_VALUE;

  private final CounterSettings settings;
  private final long window;
  private final ConcurrentHashMap<String, CampaignCounters> campaigns = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();

  MemoryCounters(CounterSettings settings) {
    this.settings = settings;
    this.window = settings.attributionWindow().toMillis();
  }

  // --- Checks and reservations. ---

  @Override
  public boolean mayShow(Campaign c, String userId, long now) {
    CampaignCounters k = campaigns.get(c.id());
    if (k != null && !k.budgetAllows(c, day(now))) {
      return false;
    }
    UserState u = users.get(userId);
    if (u == null) {
      return true;
    }
    synchronized (u) {
      Entry e = u.entries.get(c.id());
      return e == null || e.allows(c, now);
    }
  }

  @Override
  public List<Reservation.Slot> reserve(Reservation r) {
    return hold(r).granted();
  }

  /**
   * What {@link #hold} took, so that {@link #release} can give it back.
   *
   * @param granted the slots granted
   * @param firstReach per granted slot, then per held-out campaign: whether it was the user's first
   *     reach (and counted as such)
   * @param heldOut held-out campaigns whose reach was recorded
   */
  record Hold(Reservation reservation, List<Reservation.Slot> granted, boolean[] firstReach, List<Campaign> heldOut) {
    boolean isEmpty() {
      return granted.isEmpty() && heldOut.isEmpty();
    }
  }

  /** Reserves in memory: the atomic part of {@link #reserve}. */
  Hold hold(Reservation r) {
    long now = r.time();
    long day = day(now);
    String segment = segmentKey(r.segment());
    UserState u = users.computeIfAbsent(r.userId(), id -> new UserState());
    List<Reservation.Slot> granted = new ArrayList<>(r.planned().size());
    List<Campaign> heldOut = new ArrayList<>(r.heldOut().size());
    boolean[] first = new boolean[r.planned().size() + r.heldOut().size()];
    synchronized (u) {
      for (Reservation.Slot s : r.planned()) {
        Campaign c = s.campaign();
        Entry e = u.entries.get(c.id());
        if (e != null && !e.allows(c, now)) {
          continue;
        }
        CampaignCounters k = counters(c.id());
        if (!k.acquire(c, day)) {
          continue;
        }
        if (e == null) {
          e = new Entry();
          u.entries.put(c.id(), e);
        }
        first[granted.size()] = e.show(now, segment);
        k.segment(segment).impressions.increment();
        if (first[granted.size()]) {
          k.segment(segment).treatedUsers.increment();
        }
        granted.add(new Reservation.Slot(c, granted.size(), s.probability()));
      }
      for (Campaign c : r.heldOut()) {
        Entry e = u.entries.computeIfAbsent(c.id(), id -> new Entry());
        boolean reached = e.reach(Entry.CONTROL, now, segment);
        first[granted.size() + heldOut.size()] = reached;
        if (reached) {
          counters(c.id()).segment(segment).controlUsers.increment();
        }
        heldOut.add(c);
      }
    }
    return new Hold(r, List.copyOf(granted), first, List.copyOf(heldOut));
  }

  /** Gives back what {@link #hold} took, when it could not be made durable. */
  void release(Hold h) {
    Reservation r = h.reservation();
    long day = day(r.time());
    String segment = segmentKey(r.segment());
    UserState u = users.get(r.userId());
    synchronized (u) {
      for (int k = 0; k < h.granted().size(); k++) {
        Campaign c = h.granted().get(k).campaign();
        CampaignCounters counters = counters(c.id());
        counters.release(c, day);
        counters.segment(segment).impressions.decrement();
        Entry e = u.entries.get(c.id());
        e.unshow(r.time());
        if (h.firstReach()[k]) {
          counters.segment(segment).treatedUsers.decrement();
          e.arm = Entry.NO_ARM;
        }
      }
      for (int k = 0; k < h.heldOut().size(); k++) {
        if (h.firstReach()[h.granted().size() + k]) {
          String id = h.heldOut().get(k).id();
          counters(id).segment(segment).controlUsers.decrement();
          u.entries.get(id).arm = Entry.NO_ARM;
        }
      }
    }
  }

  // --- Outcomes. ---

  @Override
  public void outcome(Outcome o) {
    String id = o.campaignId();
    boolean purchase = o.type() == EventType.PURCHASE;
    if (id == null && !purchase) {
      return;
    }
    UserState u = purchase && id != null ? users.computeIfAbsent(o.userId(), x -> new UserState()) : users.get(o.userId());
    if (u == null) {
      countCampaignEvent(o, null, segmentKey(null));
      return;
    }
    synchronized (u) {
      if (id != null) {
        Entry e = purchase ? u.entries.computeIfAbsent(id, x -> new Entry()) : u.entries.get(id);
        countCampaignEvent(o, e, e == null || e.lastSegment == null ? segmentKey(null) : e.lastSegment);
      }
      if (purchase) {
        for (Map.Entry<String, Entry> me : u.entries.entrySet()) {
          Entry e = me.getValue();
          if (e.arm != Entry.NO_ARM && !e.reachConverted && o.timestamp() >= e.reachedAt - CLOCK_SKEW_MS
              && o.timestamp() <= e.reachedAt + window) {
            e.reachConverted = true;
            SegmentCounters s = counters(me.getKey()).segment(e.reachSegment);
            (e.arm == Entry.CONTROL ? s.controlConverters : s.treatedConverters).increment();
          }
        }
      }
    }
  }

  /** Clicks, revenue, redemptions and conversions of an event carrying a campaign id. */
  private void countCampaignEvent(Outcome o, Entry e, String segment) {
    if (o.campaignId() == null) {
      return;
    }
    CampaignCounters k = counters(o.campaignId());
    SegmentCounters s = k.segment(segment);
    switch (o.type()) {
      case CLICK -> s.clicks.increment();
      case REFUND -> s.revenue.add(o.revenue());
      case PURCHASE -> {
        s.revenue.add(o.revenue());
        if (e == null || e.newOrder(o.orderId())) {
          k.redemptions.incrementAndGet();
          k.redemptionsToday.add(day(o.timestamp()), 1);
          if (e != null && e.unconverted > 0 && o.timestamp() <= e.lastShown + window) {
            e.unconverted--;
            s.conversions.increment();
          }
        }
      }
      default -> {}
    }
  }

  // --- Replay of a journal. ---

  /** Counts a logged record again, without checking limits: how a journal rebuilds the counters. */
  void replay(LogRecord record) {
    switch (record) {
      case Exposure e -> replay(e);
      case Outcome o -> outcome(o);
    }
  }

  private void replay(Exposure x) {
    boolean campaignsInvolved = !x.campaigns().isEmpty();
    for (Exposure.ExposedVariant v : x.experiments()) {
      campaignsInvolved |= v.experimentId().startsWith(HOLDOUT_PREFIX);
    }
    if (!campaignsInvolved) {
      return;
    }
    String segment = segmentKey(x.segment());
    long day = day(x.time());
    UserState u = users.computeIfAbsent(x.userId(), id -> new UserState());
    synchronized (u) {
      for (Exposure.ShownCampaign sc : x.campaigns()) {
        CampaignCounters k = counters(sc.campaignId());
        k.impressions.incrementAndGet();
        k.impressionsToday.add(day, 1);
        Entry e = u.entries.computeIfAbsent(sc.campaignId(), id -> new Entry());
        k.segment(segment).impressions.increment();
        if (e.show(x.time(), segment)) {
          k.segment(segment).treatedUsers.increment();
        }
      }
      for (Exposure.ExposedVariant v : x.experiments()) {
        if (v.experimentId().startsWith(HOLDOUT_PREFIX) && v.variant().equals(CONTROL)) {
          String id = v.experimentId().substring(HOLDOUT_PREFIX.length());
          if (u.entries.computeIfAbsent(id, k -> new Entry()).reach(Entry.CONTROL, x.time(), segment)) {
            counters(id).segment(segment).controlUsers.increment();
          }
        }
      }
    }
  }

  // --- Snapshots. ---

  /** Writes every counter, for {@link #readState} to rebuild exactly these counters. */
  void writeState(DataOutput out) throws IOException {
    out.writeInt(campaigns.size());
    for (Map.Entry<String, CampaignCounters> me : campaigns.entrySet()) {
      CampaignCounters k = me.getValue();
      out.writeUTF(me.getKey());
      out.writeLong(k.impressions.get());
      out.writeLong(k.redemptions.get());
      k.impressionsToday.write(out);
      k.redemptionsToday.write(out);
      out.writeInt(k.segments.size());
      for (Map.Entry<String, SegmentCounters> se : k.segments.entrySet()) {
        out.writeUTF(se.getKey());
        se.getValue().write(out);
      }
    }
    out.writeInt(users.size());
    for (Map.Entry<String, UserState> ue : users.entrySet()) {
      out.writeUTF(ue.getKey());
      UserState u = ue.getValue();
      synchronized (u) {
        out.writeInt(u.entries.size());
        for (Map.Entry<String, Entry> ee : u.entries.entrySet()) {
          out.writeUTF(ee.getKey());
          ee.getValue().write(out);
        }
      }
    }
  }

  /** Adds the counters {@link #writeState} wrote to these (empty) ones. */
  void readState(DataInput in) throws IOException {
    int campaignCount = count(in);
    for (int c = 0; c < campaignCount; c++) {
      CampaignCounters k = counters(in.readUTF());
      k.impressions.set(in.readLong());
      k.redemptions.set(in.readLong());
      k.impressionsToday.read(in);
      k.redemptionsToday.read(in);
      int segmentCount = count(in);
      for (int s = 0; s < segmentCount; s++) {
        k.segment(in.readUTF()).read(in);
      }
    }
    int userCount = count(in);
    for (int i = 0; i < userCount; i++) {
      UserState u = users.computeIfAbsent(in.readUTF(), id -> new UserState());
      int entryCount = count(in);
      for (int e = 0; e < entryCount; e++) {
        u.entries.put(in.readUTF(), Entry.read(in));
      }
    }
  }

  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative count " + n);
    }
    return n;
  }

  private static void writeNullable(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  // --- Reads. ---

  @Override
  public Evidence evidence(String campaignId, String segment) {
    CampaignCounters k = campaigns.get(campaignId);
    SegmentCounters s = k == null ? null : k.segments.get(segmentKey(segment));
    return s == null ? Evidence.NONE : new Evidence(s.impressions.sum(), s.conversions.sum());
  }

  @Override
  public Map<String, CampaignStats> stats() {
    Map<String, CampaignStats> out = new LinkedHashMap<>();
    campaigns.forEach((id, k) -> {
      Map<String, SegmentStats> segments = new HashMap<>();
      k.segments.forEach((s, c) -> segments.put(s, c.snapshot()));
      out.put(id, new CampaignStats(k.impressions.get(), k.redemptions.get(), k.impressionsToday.latest(),
          k.redemptionsToday.latest(), segments));
    });
    return out;
  }

  @Override
  public void close() {}

  private CampaignCounters counters(String campaignId) {
    return campaigns.computeIfAbsent(campaignId, id -> new CampaignCounters());
  }

  private long day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), settings.zone()).toEpochDay();
  }

  static String segmentKey(String segment) {
    return segment == null ? NO_SEGMENT : segment;
  }

  // --- State. ---

  /** One campaign's counters. */
  private final class CampaignCounters {
    final AtomicLong impressions = new AtomicLong();
    final AtomicLong redemptions = new AtomicLong();
    final DayCount impressionsToday = new DayCount();
    final DayCount redemptionsToday = new DayCount();
    final ConcurrentHashMap<String, SegmentCounters> segments = new ConcurrentHashMap<>();

    SegmentCounters segment(String s) {
      return segments.computeIfAbsent(s, x -> new SegmentCounters());
    }

    /** Whether the budget leaves room on {@code day}; reserves nothing. */
    boolean budgetAllows(Campaign c, long day) {
      Budget b = c.budget();
      if (b == null) {
        return true;
      }
      boolean byImpressions = b.unit() == BudgetUnit.IMPRESSIONS;
      AtomicLong total = byImpressions ? impressions : redemptions;
      DayCount today = byImpressions ? impressionsToday : redemptionsToday;
      return total.get() < b.total() && today.get(day) < dailyLimit(c, day);
    }

    /** Takes one impression if the budget allows, atomically against concurrent takers. */
    boolean acquire(Campaign c, long day) {
      Budget b = c.budget();
      if (b == null || b.unit() == BudgetUnit.REDEMPTIONS) {
        // Redemptions cannot be reserved before they happen: check, then count the impression.
        if (b != null && !budgetAllows(c, day)) {
          return false;
        }
        impressions.incrementAndGet();
        impressionsToday.add(day, 1);
        return true;
      }
      if (!impressionsToday.tryIncrement(day, dailyLimit(c, day))) {
        return false;
      }
      for (long n = impressions.get(); ; n = impressions.get()) {
        if (n >= b.total()) {
          impressionsToday.decrement(day);
          return false;
        }
        if (impressions.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void release(Campaign c, long day) {
      impressions.decrementAndGet();
      impressionsToday.decrement(day);
    }

    /** The most units the campaign may spend on {@code day}: its daily cap, and its even share. */
    private long dailyLimit(Campaign c, long day) {
      Budget b = c.budget();
      long limit = b.daily() > 0 ? b.daily() : Long.MAX_VALUE;
      if (b.pacing() == Pacing.EVEN) {
        boolean byImpressions = b.unit() == BudgetUnit.IMPRESSIONS;
        long spent = (byImpressions ? impressions : redemptions).get();
        long spentToday = (byImpressions ? impressionsToday : redemptionsToday).get(day);
        long left = Math.max(0, b.total() - (spent - spentToday));
        long lastDay = day(c.window().end().toEpochMilli() - 1);
        long daysLeft = Math.max(1, lastDay - day + 1);
        limit = Math.min(limit, Math.ceilDiv(left, daysLeft));
      }
      return limit;
    }
  }

  /** One campaign's counts in one segment. */
  private static final class SegmentCounters {
    final LongAdder impressions = new LongAdder();
    final LongAdder clicks = new LongAdder();
    final LongAdder conversions = new LongAdder();
    final DoubleAdder revenue = new DoubleAdder();
    final LongAdder treatedUsers = new LongAdder();
    final LongAdder treatedConverters = new LongAdder();
    final LongAdder controlUsers = new LongAdder();
    final LongAdder controlConverters = new LongAdder();

    void write(DataOutput out) throws IOException {
      out.writeLong(impressions.sum());
      out.writeLong(clicks.sum());
      out.writeLong(conversions.sum());
      out.writeDouble(revenue.sum());
      out.writeLong(treatedUsers.sum());
      out.writeLong(treatedConverters.sum());
      out.writeLong(controlUsers.sum());
      out.writeLong(controlConverters.sum());
    }

    void read(DataInput in) throws IOException {
      impressions.add(in.readLong());
      clicks.add(in.readLong());
      conversions.add(in.readLong());
      revenue.add(in.readDouble());
      treatedUsers.add(in.readLong());
      treatedConverters.add(in.readLong());
      controlUsers.add(in.readLong());
      controlConverters.add(in.readLong());
    }

    SegmentStats snapshot() {
      return new SegmentStats(impressions.sum(), clicks.sum(), conversions.sum(), revenue.sum(), treatedUsers.sum(),
          treatedConverters.sum(), controlUsers.sum(), controlConverters.sum());
    }
  }

  /**
   * A count for the latest day seen. A request dated before that day (a late request at midnight)
   * counts toward the latest day, which errs on the side of spending less.
   */
  static final class DayCount {
    private record Slot(long day, AtomicLong count) {}

    private final AtomicReference<Slot> slot = new AtomicReference<>(new Slot(Long.MIN_VALUE, new AtomicLong()));

    long get(long day) {
      Slot s = slot.get();
      return s.day >= day ? s.count.get() : 0;
    }

    long latest() {
      return slot.get().count.get();
    }

    void write(DataOutput out) throws IOException {
      Slot s = slot.get();
      out.writeLong(s.day);
      out.writeLong(s.count.get());
    }

    void read(DataInput in) throws IOException {
      long day = in.readLong();
      slot.set(new Slot(day, new AtomicLong(in.readLong())));
    }

    boolean tryIncrement(long day, long limit) {
      AtomicLong count = current(day).count;
      for (long n = count.get(); n < limit; n = count.get()) {
        if (count.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void add(long day, long delta) {
      current(day).count.addAndGet(delta);
    }

    void decrement(long day) {
      Slot s = slot.get();
      if (s.day >= day) {
        s.count.decrementAndGet();
      }
    }

    private Slot current(long day) {
      for (Slot s = slot.get(); ; s = slot.get()) {
        if (s.day >= day) {
          return s;
        }
        Slot next = new Slot(day, new AtomicLong());
        if (slot.compareAndSet(s, next)) {
          return next;
        }
      }
    }
  }

  /** One user's campaign state; guarded by its own monitor. */
  private static final class UserState {
    final Map<String, Entry> entries = new HashMap<>(4);
  }

  /** One user and one campaign: recent impressions, attribution and the user's uplift arm. */
  private static final class Entry {
    static final byte NO_ARM = 0;
    static final byte TREATED = 1;
    static final byte CONTROL = 2;

    /** Recent impression times, oldest first, at most {@link Campaign.FrequencyCap#MAX_IMPRESSIONS}. */
    long[] shows = new long[1];
    int showCount;
    long lastShown = NONE;
    String lastSegment;
    /** Impressions not yet matched by a conversion. */
    int unconverted;
    String lastOrder;
    byte arm = NO_ARM;
    long reachedAt;
    String reachSegment;
    boolean reachConverted;

    void write(DataOutput out) throws IOException {
      out.writeInt(showCount);
      for (int k = 0; k < showCount; k++) {
        out.writeLong(shows[k]);
      }
      out.writeLong(lastShown);
      writeNullable(out, lastSegment);
      out.writeInt(unconverted);
      writeNullable(out, lastOrder);
      out.writeByte(arm);
      out.writeLong(reachedAt);
      writeNullable(out, reachSegment);
      out.writeBoolean(reachConverted);
    }

    static Entry read(DataInput in) throws IOException {
      Entry e = new Entry();
      int n = in.readInt();
      if (n < 0 || n > Campaign.FrequencyCap.MAX_IMPRESSIONS) {
        throw new IOException("bad impression count " + n);
      }
      e.shows = new long[Math.max(1, n)];
      for (int k = 0; k < n; k++) {
        e.shows[k] = in.readLong();
      }
      e.showCount = n;
      e.lastShown = in.readLong();
      e.lastSegment = readNullable(in);
      e.unconverted = in.readInt();
      e.lastOrder = readNullable(in);
      e.arm = in.readByte();
      e.reachedAt = in.readLong();
      e.reachSegment = readNullable(in);
      e.reachConverted = in.readBoolean();
      return e;
    }

    boolean allows(Campaign c, long now) {
      if (lastShown != NONE && now - lastShown < c.cooldown().toMillis()) {
        return false;
      }
      Campaign.FrequencyCap cap = c.frequencyCap();
      if (cap == null) {
        return true;
      }
      long from = now - cap.period().toMillis();
      int recent = 0;
      for (int k = showCount - 1; k >= 0 && shows[k] > from; k--) {
        recent++;
      }
      return recent < cap.impressions();
    }

    /** Records an impression; true when it is the user's first reach of the campaign. */
    boolean show(long now, String segment) {
      if (showCount == shows.length) {
        if (shows.length < Campaign.FrequencyCap.MAX_IMPRESSIONS) {
          shows = java.util.Arrays.copyOf(shows, Math.min(shows.length * 2, Campaign.FrequencyCap.MAX_IMPRESSIONS));
        } else {
          System.arraycopy(shows, 1, shows, 0, showCount - 1);
          showCount--;
        }
      }
      // Keep the times sorted: a replayed or late request may be older than the newest impression.
      int at = showCount;
      while (at > 0 && shows[at - 1] > now) {
        shows[at] = shows[at - 1];
        at--;
      }
      shows[at] = now;
      showCount++;
      lastShown = Math.max(lastShown, now);
      lastSegment = segment;
      unconverted++;
      return reach(TREATED, now, segment);
    }

    void unshow(long time) {
      for (int k = showCount - 1; k >= 0; k--) {
        if (shows[k] == time) {
          System.arraycopy(shows, k + 1, shows, k, showCount - k - 1);
          showCount--;
          break;
        }
      }
      lastShown = showCount == 0 ? NONE : shows[showCount - 1];
      unconverted = Math.max(0, unconverted - 1);
    }

    /** Puts the user in an arm at its first reach; true when this was it. */
    boolean reach(byte to, long now, String segment) {
      if (arm != NO_ARM) {
        return false;
      }
      arm = to;
      reachedAt = now;
      reachSegment = segment;
      return true;
    }

    boolean newOrder(String orderId) {
      if (orderId == null) {
        return true;
      }
      if (orderId.equals(lastOrder)) {
        return false;
      }
      lastOrder = orderId;
      return true;
    }
  }
}
