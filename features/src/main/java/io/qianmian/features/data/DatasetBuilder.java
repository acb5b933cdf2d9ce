package io.qianmian.features.data;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Collects events, catalog items and shoppers in any order and builds a {@link Dataset}: ids become
 * dense ints in order of first sight, events are sorted by time (stably, so same-time rows keep
 * their input order). Not thread-safe; one builder per import.
 */
public final class DatasetBuilder {
  private final MutableDictionary users = new MutableDictionary();
  private final MutableDictionary items = new MutableDictionary();
  private final MutableDictionary categories = new MutableDictionary();
  private final MutableDictionary brands = new MutableDictionary();
  private final MutableDictionary orders = new MutableDictionary();
  private final MutableDictionary sessions = new MutableDictionary();
  private final MutableDictionary channels = new MutableDictionary();
  private final MutableDictionary campaigns = new MutableDictionary();
  private final MutableDictionary requests = new MutableDictionary();
  /** The dictionaries of {@link IdField}, by ordinal. */
  private final MutableDictionary[] byField = {users, items, orders, sessions, channels, campaigns, requests};
  private final Map<Integer, Integer> categoryParent = new HashMap<>();
  private final Map<Integer, CatalogItem> catalog = new HashMap<>();
  private final Map<Integer, UserAttributes> userAttributes = new HashMap<>();
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  private int size;
  private int[] user = new int[1024];
  private int[] item = new int[1024];
  private byte[] type = new byte[1024];
  private long[] time = new long[1024];
  private int[] quantity = new int[1024];
  private float[] price = new float[1024];
  private int[] order = new int[1024];
  private int[] session = new int[1024];
  private int[] channel = new int[1024];
  private int[] campaign = new int[1024];
  private int[] request = new int[1024];
  private boolean sorted = true;
  private String source = "";

  /** Says where the data came from; recorded in dataset.json. */
  public DatasetBuilder source(String source) {
    this.source = source;
    return this;
  }

  /** Adds one event. */
  public DatasetBuilder add(BehaviorEvent e) {
    return add(
        users.intern(e.userId()),
        items.intern(e.itemId()),
        e.type(),
        e.timestamp(),
        e.quantity(),
        e.price(),
        orders.intern(e.orderId()),
        sessions.intern(e.sessionId()),
        channels.intern(e.channel()),
        campaigns.intern(e.campaignId()),
        requests.intern(e.requestId()));
  }

  /** The id dictionaries an event refers to, for {@link #intern}. */
  public enum IdField {
    USER,
    ITEM,
    ORDER,
    SESSION,
    CHANNEL,
    CAMPAIGN,
    REQUEST
  }

  /**
   * The first 8 bytes (or fewer) of the non-empty id {@code utf8[from..to)}, big-endian, for {@link
   * #internAscii(IdField, long, byte[], int, int)}. Importers take it on the thread that reads.
   */
  public static long idHead(byte[] utf8, int from, int to) {
    return MutableDictionary.head(utf8, from, to);
  }

  /** Whether the bytes of an {@link #idHead} are all ASCII. */
  public static boolean isAsciiHead(long idHead) {
    return (idHead & 0x8080_8080_8080_8080L) == 0;
  }

  /**
   * The dense id of the non-empty id of {@code len} bytes whose {@link #idHead} is {@code head},
   * added to the field's dictionary if new; -2 when a byte is not ASCII, and then nothing is added
   * (the caller decodes such bytes as its input's charset says and uses {@link #intern(IdField,
   * String)}). The bytes {@code utf8[from..from+len)} are read only when the id is longer than 8
   * bytes: shorter ones are wholly in their head ({@code utf8} may then be null). What importers
   * use to add events without a String per row.
   */
  public int internAscii(IdField field, long head, byte[] utf8, int from, int len) {
    return byField[field.ordinal()].intern(head, utf8, from, len, true);
  }

  /** The dense id of {@code id} in the field's dictionary, added if new; -1 for null or empty. */
  public int intern(IdField field, String id) {
    return byField[field.ordinal()].intern(id);
  }

  /**
   * Adds one event whose ids were interned with {@link #intern} (-1 for none); the other fields are
   * those of {@link BehaviorEvent}.
   */
  public DatasetBuilder add(
      int userId, int itemId, EventType eventType, long timestamp, int units, double unitPrice, int orderId, int sessionId,
      int channelId, int campaignId, int requestId) {
    if (size == user.length) {
      grow(user.length + (user.length >> 1) + 1024L);
    }
    int r = size++;
    user[r] = userId;
    item[r] = itemId;
    type[r] = eventType.code();
    time[r] = timestamp;
    quantity[r] = units;
    price[r] = (float) unitPrice;
    order[r] = orderId;
    session[r] = sessionId;
    channel[r] = channelId;
    campaign[r] = campaignId;
    request[r] = requestId;
    if (r > 0 && timestamp < time[r - 1]) {
      sorted = false;
    }
    return this;
  }

  /**
   * Makes room for about this many events in all, so that a large import fills its columns once
   * instead of growing them by copying (an estimate: more events still fit, by growing).
   */
  public DatasetBuilder expectEvents(long events) {
    if (events > user.length) {
      grow(events);
    }
    return this;
  }

  /** Adds or replaces a catalog entry (the last one given for an id wins). */
  public DatasetBuilder addItem(CatalogItem it) {
    int i = items.intern(it.itemId());
    int parent = -1;
    StringBuilder path = new StringBuilder();
    for (String part : it.categoryPath()) {
      if (!path.isEmpty()) {
        path.append(CatalogItem.CATEGORY_SEPARATOR);
      }
      path.append(part);
      int c = categories.intern(path.toString());
      categoryParent.putIfAbsent(c, parent);
      parent = c;
    }
    if (it.brand() != null) {
      brands.intern(it.brand());
    }
    catalog.put(i, it);
    return this;
  }

  /** Adds or replaces a shopper's demographics. */
  public DatasetBuilder addUser(UserAttributes u) {
    userAttributes.put(users.intern(u.userId()), u);
    return this;
  }

  /** Counts an input row left out, by reason (e.g. "no customer id"); recorded in dataset.json. */
  public DatasetBuilder skipped(String reason) {
    skipped.merge(reason, 1L, Long::sum);
    return this;
  }

  /** How many events so far. */
  public int size() {
    return size;
  }

  /** The dataset of everything added. The builder should not be used afterwards. */
  public Dataset build() {
    int[] perm = sorted ? null : TimeOrder.stablePermutation(time, size);
    // Column by column on every core, each builder column dropped once reordered: the peak is one
    // extra column per core, not a second copy of the log.
    Object[] columns = {user, item, type, time, quantity, price, order, session, channel, campaign, request};
    user = item = quantity = order = session = channel = campaign = request = null;
    type = null;
    time = null;
    price = null;
    IntStream.range(0, columns.length).parallel().forEach(c -> columns[c] = take(columns[c], perm));
    Events events = Events.ofColumns(columns);
    IdDictionary itemDict = items.freeze();
    IdDictionary userDict = users.freeze();
    IdDictionary brandDict = brands.freeze();
    IdDictionary categoryDict = categories.freeze();
    Catalog cat = catalogColumns(itemDict.size(), brandDict, categoryDict);
    UserTable ut = userColumns(userDict.size());
    Map<String, Long> byType = new LinkedHashMap<>();
    long[] counts = new long[EventType.values().length];
    for (int r = 0; r < size; r++) {
      counts[events.type()[r]]++;
    }
    for (EventType t : EventType.values()) {
      if (counts[t.ordinal()] > 0) {
        byType.put(t.wireName(), counts[t.ordinal()]);
      }
    }
    DatasetInfo info =
        new DatasetInfo(
            DatasetWriter.FORMAT_VERSION,
            Instant.now().toString(),
            source,
            size,
            userDict.size(),
            itemDict.size(),
            size == 0 ? 0 : events.time()[0],
            size == 0 ? 0 : events.time()[size - 1],
            byType,
            skipped);
    return new Dataset(
        info,
        events,
        cat,
        ut,
        userDict,
        itemDict,
        categoryDict,
        brandDict,
        orders.freeze(),
        sessions.freeze(),
        channels.freeze(),
        campaigns.freeze(),
        requests.freeze());
  }

  private Catalog catalogColumns(int n, IdDictionary brandDict, IdDictionary categoryDict) {
    String[] title = new String[n];
    int[] category = new int[n];
    int[] brand = new int[n];
    float[] listPrice = new float[n];
    boolean[] inStock = new boolean[n];
    long[] created = new long[n];
    @SuppressWarnings("unchecked")
    Map<String, String>[] attributes = new Map[n];
    Arrays.fill(category, -1);
    Arrays.fill(brand, -1);
    Arrays.fill(listPrice, Float.NaN);
    Arrays.fill(inStock, true);
    Arrays.fill(attributes, Map.of());
    for (Map.Entry<Integer, CatalogItem> e : catalog.entrySet()) {
      int i = e.getKey();
      CatalogItem it = e.getValue();
      title[i] = it.title();
      category[i] = it.categoryPath().isEmpty() ? -1 : categoryDict.indexOrMinusOne(it.category());
      brand[i] = it.brand() == null ? -1 : brandDict.indexOrMinusOne(it.brand());
      listPrice[i] = (float) it.price();
      inStock[i] = it.inStock();
      created[i] = it.created();
      attributes[i] = it.attributes();
    }
    int[] parents = new int[categoryDict.size()];
    for (int c = 0; c < parents.length; c++) {
      parents[c] = categoryParent.getOrDefault(c, -1);
    }
    return new Catalog(title, category, brand, listPrice, inStock, created, attributes, parents);
  }

  private UserTable userColumns(int n) {
    String[] gender = new String[n];
    String[] ageBand = new String[n];
    String[] region = new String[n];
    long[] registered = new long[n];
    for (Map.Entry<Integer, UserAttributes> e : userAttributes.entrySet()) {
      int u = e.getKey();
      UserAttributes a = e.getValue();
      gender[u] = a.gender();
      ageBand[u] = a.ageBand();
      region[u] = a.region();
      registered[u] = a.registered();
    }
    return new UserTable(gender, ageBand, region, registered);
  }

  /** Event-type counts as they stand (for progress and summaries before build). */
  public Map<EventType, Long> countsByType() {
    Map<EventType, Long> m = new EnumMap<>(EventType.class);
    for (int r = 0; r < size; r++) {
      m.merge(EventType.ofCode(type[r]), 1L, Long::sum);
    }
    return m;
  }

  private void grow(long wanted) {
    int n = (int) Math.max(1024, Math.min(Integer.MAX_VALUE - 8, wanted));
    if (n <= user.length) {
      throw new IllegalStateException("more than " + user.length + " events in one dataset");
    }
    user = Arrays.copyOf(user, n);
    item = Arrays.copyOf(item, n);
    type = Arrays.copyOf(type, n);
    time = Arrays.copyOf(time, n);
    quantity = Arrays.copyOf(quantity, n);
    price = Arrays.copyOf(price, n);
    order = Arrays.copyOf(order, n);
    session = Arrays.copyOf(session, n);
    channel = Arrays.copyOf(channel, n);
    campaign = Arrays.copyOf(campaign, n);
    request = Arrays.copyOf(request, n);
  }

  private Object take(Object column, int[] perm) {
    return switch (column) {
      case int[] a -> take(a, perm);
      case long[] a -> take(a, perm);
      case float[] a -> take(a, perm);
      case byte[] a -> take(a, perm);
      default -> throw new IllegalArgumentException(column.getClass().toString());
    };
  }

  private int[] take(int[] a, int[] perm) {
    if (perm == null) {
      return a.length == size ? a : Arrays.copyOf(a, size);
    }
    int[] out = new int[size];
    for (int r = 0; r < size; r++) {
      out[r] = a[perm[r]];
    }
    return out;
  }

  private long[] take(long[] a, int[] perm) {
    if (perm == null) {
      return a.length == size ? a : Arrays.copyOf(a, size);
    }
    long[] out = new long[size];
    for (int r = 0; r < size; r++) {
      out[r] = a[perm[r]];
    }
    return out;
  }

  private float[] take(float[] a, int[] perm) {
    if (perm == null) {
      return a.length == size ? a : Arrays.copyOf(a, size);
    }
    float[] out = new float[size];
    for (int r = 0; r < size; r++) {
      out[r] = a[perm[r]];
    }
    return out;
  }

  private byte[] take(byte[] a, int[] perm) {
    if (perm == null) {
      return a.length == size ? a : Arrays.copyOf(a, size);
    }
    byte[] out = new byte[size];
    for (int r = 0; r < size; r++) {
      out[r] = a[perm[r]];
    }
    return out;
  }
}
