package io.qianmian.features.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.features.io.AtomicDirectory;
import io.qianmian.features.io.Columns;
import io.qianmian.features.io.JsonBytes;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.Segment;
import io.qianmian.features.segment.SegmentAssignment;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.stream.IntStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every user's profile and segments, held as primitive columns: what {@code qianmian features}
 * writes and what the trainer and the server load. Reading a store is a handful of bulk column
 * reads (no JSON per user), so it takes milliseconds per hundred thousand users. Immutable and
 * safe to share between threads.
 *
 * <p>Users are the dense user indexes of the dataset the store was computed from, so {@code
 * profile(u)} and {@link #segmentAssignment()} line up with the dataset's and the trainer's user
 * indexes; {@link #profile(String)} looks users up by id.
 *
 * <p>Directory layout (version 1), published atomically:
 *
 * <pre>
 * store.json            {@link StoreInfo}, written last
 * users.str             user ids by index
 * recency.f32 frequency.i32 monetary.f64 r.i8 f.i8 m.i8 cell.i8     RFM (recency NaN if never bought)
 * lifecycle.i8 aov.f32 price-band.i8 cycle.f32                      codes are enum ordinals, -1 unknown
 * channel.i32 channel-counts.i32                                    preferred channel, users × channels counts
 * cluster.i32 primary.i32 rule-start.i32 rule-ids.i32               segments (rules CSR over users)
 * tag-start.i32 tag-ids.i32 tag-weights.f32 tag-names.str tag-kinds.i8   interest tags (CSR)
 * gender.i32 genders.str age-band.i32 age-bands.str region.i32 regions.str registered.i64
 * segments.json         {@link Segment}s: name, kind, rule or centroid, description, size, share, ...
 * profiles.jsonl        one {@link UserProfile} per line, for people and other tools
 * </pre>
 */
public final class ProfileStore {
  /** The layout version; the reader refuses others. Enum ordinals are part of it. */
  public static final int FORMAT_VERSION = 1;

  static final String INFO = "store.json";
  static final String SEGMENTS = "segments.json";
  static final String PROFILES = "profiles.jsonl";
  // Shortest round-trip doubles, as Double.toString, only faster: profiles.jsonl holds millions.
  private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
  private static final String[] TAG_KINDS = {"category", "brand"};

  private final StoreInfo info;
  private final List<Segment> segments;
  private final IdDictionary users;
  private final float[] recency;
  private final int[] frequency;
  private final double[] monetary;
  private final byte[] r;
  private final byte[] f;
  private final byte[] m;
  private final byte[] cell;
  private final byte[] lifecycle;
  private final float[] aov;
  private final byte[] priceBand;
  private final float[] cycle;
  private final int[] channel;
  private final int[] channelCounts;
  private final int[] cluster;
  private final int[] primary;
  private final int[] ruleStart;
  private final int[] ruleIds;
  private final int[] tagStart;
  private final int[] tagIds;
  private final float[] tagWeights;
  private final String[] tagNames;
  private final byte[] tagKinds;
  private final Coded gender;
  private final Coded ageBand;
  private final Coded region;
  private final long[] registered;
  private final SegmentAssignment assignment;

  /** A text column as codes into a small dictionary (demographics repeat a few values). */
  private record Coded(int[] codes, String[] values) {
    static Coded of(String[] column) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      int[] codes = new int[column.length];
      for (int u = 0; u < column.length; u++) {
        codes[u] = column[u] == null ? -1 : seen.computeIfAbsent(column[u], k -> seen.size());
      }
      return new Coded(codes, seen.keySet().toArray(String[]::new));
    }

    String get(int u) {
      return codes[u] < 0 ? null : values[codes[u]];
    }
  }

  private ProfileStore(StoreInfo info, List<Segment> segments, IdDictionary users, StoreColumns c) {
    this.info = info;
    this.segments = List.copyOf(segments);
    this.users = users;
    this.recency = c.recency;
    this.frequency = c.frequency;
    this.monetary = c.monetary;
    this.r = c.r;
    this.f = c.f;
    this.m = c.m;
    this.cell = c.cell;
    this.lifecycle = c.lifecycle;
    this.aov = c.aov;
    this.priceBand = c.priceBand;
    this.cycle = c.cycle;
    this.channel = c.channel;
    this.channelCounts = c.channelCounts;
    this.cluster = c.cluster;
    this.primary = c.primary;
    this.ruleStart = c.ruleStart;
    this.ruleIds = c.ruleIds;
    this.tagStart = c.tagStart;
    this.tagIds = c.tagIds;
    this.tagWeights = c.tagWeights;
    this.tagNames = c.tagNames;
    this.tagKinds = c.tagKinds;
    this.gender = c.gender;
    this.ageBand = c.ageBand;
    this.region = c.region;
    this.registered = c.registered;
    this.assignment = new SegmentAssignment(info.segmentNames(), primary);
  }

  /** The columns a store is made of, gathered before construction. */
  private static final class StoreColumns {
    float[] recency;
    int[] frequency;
    double[] monetary;
    byte[] r;
    byte[] f;
    byte[] m;
    byte[] cell;
    byte[] lifecycle;
    float[] aov;
    byte[] priceBand;
    float[] cycle;
    int[] channel;
    int[] channelCounts;
    int[] cluster;
    int[] primary;
    int[] ruleStart;
    int[] ruleIds;
    int[] tagStart;
    int[] tagIds;
    float[] tagWeights;
    String[] tagNames;
    byte[] tagKinds;
    Coded gender;
    Coded ageBand;
    Coded region;
    long[] registered;
  }

  static ProfileStore of(ProfileColumns p, Segmentation.Result s, FeaturesConfig config, String source, List<String> warnings) {
    int n = p.users;
    StoreColumns c = new StoreColumns();
    c.recency = new float[n];
    c.monetary = new double[n];
    c.aov = new float[n];
    int buyers = 0;
    for (int u = 0; u < n; u++) {
      c.recency[u] = (float) p.recency(u);
      c.monetary[u] = p.monetary(u);
      c.aov[u] = (float) p.aov(u);
      buyers += p.bought(u) ? 1 : 0;
    }
    c.frequency = p.frequency;
    c.r = p.r;
    c.f = p.f;
    c.m = p.m;
    c.cell = p.cell;
    c.lifecycle = p.lifecycle;
    c.priceBand = p.priceBand;
    c.cycle = p.purchaseCycle;
    c.channel = p.channel;
    c.channelCounts = p.channelCounts;
    c.cluster = s.cluster();
    c.primary = s.primary();
    c.ruleStart = s.ruleStart();
    c.ruleIds = s.ruleIds();
    c.tagStart = p.tagStart;
    c.tagIds = p.tagIds;
    c.tagWeights = p.tagWeights;
    c.tagNames = p.tagNames;
    c.tagKinds = p.tagKinds;
    UserTable t = p.demographics;
    c.gender = Coded.of(t.gender());
    c.ageBand = Coded.of(t.ageBand());
    c.region = Coded.of(t.region());
    c.registered = t.registered();
    Map<String, String> rules = new LinkedHashMap<>();
    config.rules().forEach(rule -> rules.put(rule.name(), rule.text()));
    Map<String, String> features = new LinkedHashMap<>();
    config.clusters().features().forEach(feature -> features.put(feature.name(), feature.text()));
    StoreInfo info =
        new StoreInfo(
            FORMAT_VERSION,
            Instant.now().toString(),
            Instant.ofEpochMilli(p.asOf).toString(),
            source,
            n,
            buyers,
            s.names(),
            rules,
            features,
            s.silhouetteByK(),
            Arrays.stream(p.priceCuts).boxed().toList(),
            List.of(p.channelNames),
            List.copyOf(warnings));
    return new ProfileStore(info, s.segments(), p.userIds, c);
  }

  /** What the store says of itself. */
  public StoreInfo info() {
    return info;
  }

  /** The time the profiles describe. */
  public Instant asOf() {
    return Instant.parse(info.asOf());
  }

  /** How many users (dense indexes {@code 0 .. size()-1}). */
  public int size() {
    return users.size();
  }

  /** The segments: rule segments in configuration order, then clusters by size. */
  public List<Segment> segments() {
    return segments;
  }

  /** Each user's primary segment, indexed like the dataset's users. Callers must not change its array. */
  public SegmentAssignment segmentAssignment() {
    return assignment;
  }

  /** The dense index of a user id, if the store has it. */
  public OptionalInt userIndex(String userId) {
    return users.indexOf(userId);
  }

  /** The id of the user with dense index {@code user}. */
  public String userId(int user) {
    return users.id(user);
  }

  /** The user's recency score, 1 to 5 (0 if the user never bought): {@code profile(user).rfm().r()}, without the profile. */
  public int recencyScore(int user) {
    return r[user];
  }

  /** The user's frequency score, 1 to 5 (0 if the user never bought). */
  public int frequencyScore(int user) {
    return f[user];
  }

  /** The user's monetary score, 1 to 5 (0 if the user never bought). */
  public int monetaryScore(int user) {
    return m[user];
  }

  /** The profile of user id {@code userId}, if the store has it. */
  public Optional<UserProfile> profile(String userId) {
    OptionalInt u = userIndex(userId);
    return u.isPresent() ? Optional.of(profile(u.getAsInt())) : Optional.empty();
  }

  /** The profile of the user with dense index {@code user}. */
  public UserProfile profile(int user) {
    boolean bought = frequency[user] > 0;
    UserProfile.Rfm rfm =
        new UserProfile.Rfm(
            bought ? shortest(recency[user]) : null,
            frequency[user],
            cents(monetary[user]),
            r[user],
            f[user],
            m[user],
            RfmCell.ofCode(cell[user]));
    List<String> names = info.segmentNames();
    List<String> matched = new ArrayList<>(ruleStart[user + 1] - ruleStart[user]);
    for (int k = ruleStart[user]; k < ruleStart[user + 1]; k++) {
      matched.add(names.get(ruleIds[k]));
    }
    List<UserProfile.Tag> tags = new ArrayList<>(tagStart[user + 1] - tagStart[user]);
    for (int k = tagStart[user]; k < tagStart[user + 1]; k++) {
      tags.add(new UserProfile.Tag(tagNames[tagIds[k]], TAG_KINDS[tagKinds[tagIds[k]]], Segmentation.round(tagWeights[k], 4)));
    }
    List<String> channels = info.channels();
    return new UserProfile(
        users.id(user),
        rfm,
        LifecycleStage.ofCode(lifecycle[user]),
        matched,
        names.get(primary[user]),
        Segmentation.clusterName(cluster[user]),
        tags,
        bought ? cents(aov[user]) : null,
        PriceBand.ofCode(priceBand[user]),
        Float.isNaN(cycle[user]) ? null : shortest(cycle[user]),
        channel[user] < 0 ? null : channels.get(channel[user]),
        channelShares(user),
        demographics(user));
  }

  /** Each channel's share of the user's events (impressions aside), channels never used left out. */
  private Map<String, Double> channelShares(int user) {
    List<String> channels = info.channels();
    Map<String, Double> shares = new LinkedHashMap<>();
    int total = 0;
    for (int ch = 0; ch < channels.size(); ch++) {
      total += channelCounts[user * channels.size() + ch];
    }
    for (int ch = 0; ch < channels.size() && total > 0; ch++) {
      int count = channelCounts[user * channels.size() + ch];
      if (count > 0) {
        shares.put(channels.get(ch), Segmentation.round((double) count / total, 4));
      }
    }
    return shares;
  }

  private UserProfile.Demographics demographics(int user) {
    long reg = registered[user];
    if (gender.get(user) == null && ageBand.get(user) == null && region.get(user) == null && reg == 0) {
      return null;
    }
    return new UserProfile.Demographics(gender.get(user), ageBand.get(user), region.get(user), reg == 0 ? null : Instant.ofEpochMilli(reg).toString());
  }

  /** A float as the double it prints as (0.3f becomes 0.3, not 0.30000001192092896). */
  private static double shortest(float v) {
    return Double.parseDouble(Float.toString(v));
  }

  private static double cents(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Writes the store to {@code dir} atomically, replacing what was there. */
  public void write(Path dir) throws IOException {
    write(dir, Progress.NONE);
  }

  /** Writes the store to {@code dir} atomically, reporting progress (profiles.jsonl is the long part). */
  public void write(Path dir, Progress progress) throws IOException {
    AtomicDirectory.publish(dir, tmp -> writeInto(tmp, progress));
  }

  private void writeInto(Path dir, Progress progress) throws IOException {
    Columns.writeStrings(dir.resolve("users.str"), users.ids().toArray(String[]::new));
    Columns.writeFloats(dir.resolve("recency.f32"), recency);
    Columns.writeInts(dir.resolve("frequency.i32"), frequency);
    long[] money = new long[monetary.length];
    for (int u = 0; u < money.length; u++) {
      money[u] = Double.doubleToRawLongBits(monetary[u]);
    }
    Columns.writeLongs(dir.resolve("monetary.f64"), money);
    Columns.writeBytes(dir.resolve("r.i8"), r);
    Columns.writeBytes(dir.resolve("f.i8"), f);
    Columns.writeBytes(dir.resolve("m.i8"), m);
    Columns.writeBytes(dir.resolve("cell.i8"), cell);
    Columns.writeBytes(dir.resolve("lifecycle.i8"), lifecycle);
    Columns.writeFloats(dir.resolve("aov.f32"), aov);
    Columns.writeBytes(dir.resolve("price-band.i8"), priceBand);
    Columns.writeFloats(dir.resolve("cycle.f32"), cycle);
    Columns.writeInts(dir.resolve("channel.i32"), channel);
    Columns.writeInts(dir.resolve("channel-counts.i32"), channelCounts);
    Columns.writeInts(dir.resolve("cluster.i32"), cluster);
    Columns.writeInts(dir.resolve("primary.i32"), primary);
    Columns.writeInts(dir.resolve("rule-start.i32"), ruleStart);
    Columns.writeInts(dir.resolve("rule-ids.i32"), ruleIds);
    Columns.writeInts(dir.resolve("tag-start.i32"), tagStart);
    Columns.writeInts(dir.resolve("tag-ids.i32"), tagIds);
    Columns.writeFloats(dir.resolve("tag-weights.f32"), tagWeights);
    Columns.writeStrings(dir.resolve("tag-names.str"), tagNames);
    Columns.writeBytes(dir.resolve("tag-kinds.i8"), tagKinds);
    Columns.writeInts(dir.resolve("gender.i32"), gender.codes());
    Columns.writeStrings(dir.resolve("genders.str"), gender.values());
    Columns.writeInts(dir.resolve("age-band.i32"), ageBand.codes());
    Columns.writeStrings(dir.resolve("age-bands.str"), ageBand.values());
    Columns.writeInts(dir.resolve("region.i32"), region.codes());
    Columns.writeStrings(dir.resolve("regions.str"), region.values());
    Columns.writeLongs(dir.resolve("registered.i64"), registered);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SEGMENTS).toFile(), segments);
    writeProfiles(dir.resolve(PROFILES), progress);
    // Written last: its presence is what marks the store complete.
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INFO).toFile(), info);
  }

  /**
   * Writes profiles.jsonl: blocks of users are turned into JSON in parallel, a few blocks at a time
   * (so memory stays small), and written in order.
   */
  private void writeProfiles(Path file, Progress progress) throws IOException {
    int block = 4096;
    int blocks = (users.size() + block - 1) / block;
    int wave = 4 * Runtime.getRuntime().availableProcessors();
    Encoded e = encoded();
    try (Progress.Task task = progress.begin("write " + PROFILES, users.size(), "users");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int first = 0; first < blocks; first += wave) {
        int from = first;
        byte[][] json = new byte[Math.min(wave, blocks - first)][];
        IntStream.range(0, json.length).parallel().forEach(b -> json[b] = profilesJson((from + b) * block, Math.min(users.size(), (from + b + 1) * block), e));
        for (byte[] b : json) {
          out.write(b);
        }
        task.stepTo(Math.min(users.size(), (long) (first + json.length) * block));
      }
    }
  }

  private byte[] profilesJson(int from, int to, Encoded e) {
    JsonBytes out = new JsonBytes(1024 * (to - from));
    for (int u = from; u < to; u++) {
      writeProfile(out, u, e);
      out.raw('\n');
    }
    return out.toByteArray();
  }

  // Field names of profiles.jsonl with their quotes and colon, encoded once.
  private static final byte[] USER_ID = JsonBytes.encodeName("userId");
  private static final byte[] RFM = JsonBytes.encodeName("rfm");
  private static final byte[] RECENCY = JsonBytes.encodeName("recency");
  private static final byte[] FREQUENCY = JsonBytes.encodeName("frequency");
  private static final byte[] MONETARY = JsonBytes.encodeName("monetary");
  private static final byte[] R = JsonBytes.encodeName("r");
  private static final byte[] F = JsonBytes.encodeName("f");
  private static final byte[] M = JsonBytes.encodeName("m");
  private static final byte[] CELL = JsonBytes.encodeName("cell");
  private static final byte[] LIFECYCLE = JsonBytes.encodeName("lifecycle");
  private static final byte[] SEGMENTS_FIELD = JsonBytes.encodeName("segments");
  private static final byte[] PRIMARY_SEGMENT = JsonBytes.encodeName("primarySegment");
  private static final byte[] CLUSTER = JsonBytes.encodeName("cluster");
  private static final byte[] TAGS = JsonBytes.encodeName("tags");
  private static final byte[] TAG = JsonBytes.encodeName("tag");
  private static final byte[] KIND = JsonBytes.encodeName("kind");
  private static final byte[] WEIGHT = JsonBytes.encodeName("weight");
  private static final byte[] AOV = JsonBytes.encodeName("aov");
  private static final byte[] PRICE_BAND = JsonBytes.encodeName("priceBand");
  private static final byte[] PURCHASE_CYCLE = JsonBytes.encodeName("purchaseCycleDays");
  private static final byte[] CHANNEL = JsonBytes.encodeName("channel");
  private static final byte[] CHANNEL_SHARES = JsonBytes.encodeName("channelShares");
  private static final byte[] DEMOGRAPHICS = JsonBytes.encodeName("demographics");
  private static final byte[] GENDER = JsonBytes.encodeName("gender");
  private static final byte[] AGE_BAND = JsonBytes.encodeName("ageBand");
  private static final byte[] REGION = JsonBytes.encodeName("region");
  private static final byte[] REGISTERED = JsonBytes.encodeName("registered");

  /**
   * The JSON of the values that repeat in every profile (segment, tag, channel and enum names),
   * encoded once per write rather than once per user.
   */
  private record Encoded(
      byte[][] segmentNames, byte[][] clusterNames, byte[][] tagNames, byte[][] tagKinds, byte[][] channelValues,
      byte[][] channelNames, byte[][] cells, byte[][] lifecycles, byte[][] priceBands) {}

  private Encoded encoded() {
    List<String> names = info.segmentNames();
    int clusters = 0;
    for (int k : cluster) {
      clusters = Math.max(clusters, k + 1);
    }
    byte[][] clusterNames = new byte[clusters][];
    for (int k = 0; k < clusters; k++) {
      clusterNames[k] = JsonBytes.encode(Segmentation.clusterName(k));
    }
    byte[][] kinds = new byte[tagKinds.length][];
    for (int t = 0; t < kinds.length; t++) {
      kinds[t] = JsonBytes.encode(TAG_KINDS[tagKinds[t]]);
    }
    List<String> channels = info.channels();
    byte[][] channelNames = new byte[channels.size()][];
    for (int ch = 0; ch < channelNames.length; ch++) {
      channelNames[ch] = JsonBytes.encodeName(channels.get(ch));
    }
    byte[][] bands = new byte[PriceBand.values().length][];
    for (PriceBand band : PriceBand.values()) {
      bands[band.ordinal()] = JsonBytes.encode(band.wireName());
    }
    return new Encoded(
        names.stream().map(JsonBytes::encode).toArray(byte[][]::new),
        clusterNames,
        Arrays.stream(tagNames).map(JsonBytes::encode).toArray(byte[][]::new),
        kinds,
        channels.stream().map(JsonBytes::encode).toArray(byte[][]::new),
        channelNames,
        Arrays.stream(RfmCell.values()).map(c -> JsonBytes.encode(c.wireName())).toArray(byte[][]::new),
        Arrays.stream(LifecycleStage.values()).map(l -> JsonBytes.encode(l.wireName())).toArray(byte[][]::new),
        bands);
  }

  /**
   * Writes the profile of user {@code u} as Jackson would write {@link #profile(int)} (a test holds
   * the two equal), straight from the columns: a million users take seconds, not a minute.
   */
  private void writeProfile(JsonBytes g, int u, Encoded e) {
    boolean bought = frequency[u] > 0;
    g.raw('{').raw(USER_ID).string(users.id(u));
    g.raw(',').raw(RFM).raw('{').raw(RECENCY);
    if (bought) {
      g.number(shortest(recency[u]));
    } else {
      g.nul();
    }
    g.raw(',').raw(FREQUENCY).number(frequency[u]);
    g.raw(',').raw(MONETARY).number(cents(monetary[u]));
    g.raw(',').raw(R).number(r[u]);
    g.raw(',').raw(F).number(f[u]);
    g.raw(',').raw(M).number(m[u]);
    g.raw(',').raw(CELL).raw(e.cells()[cell[u]]);
    g.raw('}');
    g.raw(',').raw(LIFECYCLE).raw(e.lifecycles()[lifecycle[u]]);
    g.raw(',').raw(SEGMENTS_FIELD).raw('[');
    for (int k = ruleStart[u]; k < ruleStart[u + 1]; k++) {
      if (k > ruleStart[u]) {
        g.raw(',');
      }
      g.raw(e.segmentNames()[ruleIds[k]]);
    }
    g.raw(']');
    g.raw(',').raw(PRIMARY_SEGMENT).raw(e.segmentNames()[primary[u]]);
    g.raw(',').raw(CLUSTER).raw(e.clusterNames()[cluster[u]]);
    g.raw(',').raw(TAGS).raw('[');
    for (int k = tagStart[u]; k < tagStart[u + 1]; k++) {
      if (k > tagStart[u]) {
        g.raw(',');
      }
      g.raw('{').raw(TAG).raw(e.tagNames()[tagIds[k]]);
      g.raw(',').raw(KIND).raw(e.tagKinds()[tagIds[k]]);
      g.raw(',').raw(WEIGHT).number(Segmentation.round(tagWeights[k], 4));
      g.raw('}');
    }
    g.raw(']');
    g.raw(',').raw(AOV);
    if (bought) {
      g.number(cents(aov[u]));
    } else {
      g.nul();
    }
    g.raw(',').raw(PRICE_BAND);
    if (priceBand[u] < 0) {
      g.nul();
    } else {
      g.raw(e.priceBands()[priceBand[u]]);
    }
    g.raw(',').raw(PURCHASE_CYCLE);
    if (Float.isNaN(cycle[u])) {
      g.nul();
    } else {
      g.number(shortest(cycle[u]));
    }
    g.raw(',').raw(CHANNEL);
    if (channel[u] < 0) {
      g.nul();
    } else {
      g.raw(e.channelValues()[channel[u]]);
    }
    g.raw(',').raw(CHANNEL_SHARES).raw('{');
    // As channelShares(u), without a map per user.
    int channels = e.channelNames().length;
    int base = u * channels;
    int total = 0;
    for (int ch = 0; ch < channels; ch++) {
      total += channelCounts[base + ch];
    }
    boolean first = true;
    for (int ch = 0; ch < channels && total > 0; ch++) {
      int count = channelCounts[base + ch];
      if (count > 0) {
        if (!first) {
          g.raw(',');
        }
        first = false;
        g.raw(e.channelNames()[ch]).number(Segmentation.round((double) count / total, 4));
      }
    }
    g.raw('}');
    g.raw(',').raw(DEMOGRAPHICS);
    UserProfile.Demographics d = demographics(u);
    if (d == null) {
      g.nul();
    } else {
      g.raw('{').raw(GENDER).string(d.gender());
      g.raw(',').raw(AGE_BAND).string(d.ageBand());
      g.raw(',').raw(REGION).string(d.region());
      g.raw(',').raw(REGISTERED).string(d.registered());
      g.raw('}');
    }
    g.raw('}');
  }

  /** Whether {@code dir} holds a complete profile store. */
  public static boolean isStore(Path dir) {
    return Files.isRegularFile(dir.resolve(INFO));
  }

  /** Loads the store in {@code dir}, failing with a message that says what is wrong. */
  public static ProfileStore read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a directory (expected a profile store made by 'qianmian features')");
    }
    if (!isStore(dir)) {
      throw new IOException(dir + " is not a complete profile store: " + INFO + " is missing");
    }
    StoreInfo info = JSON.readValue(dir.resolve(INFO).toFile(), StoreInfo.class);
    if (info.formatVersion() != FORMAT_VERSION) {
      throw new IOException(dir + " has profile store format " + info.formatVersion() + "; this version reads " + FORMAT_VERSION);
    }
    List<Segment> segments = List.of(JSON.readValue(dir.resolve(SEGMENTS).toFile(), Segment[].class));
    IdDictionary users = IdDictionary.read(dir.resolve("users.str"));
    StoreColumns c = new StoreColumns();
    c.recency = Columns.readFloats(dir.resolve("recency.f32"));
    c.frequency = Columns.readInts(dir.resolve("frequency.i32"));
    long[] money = Columns.readLongs(dir.resolve("monetary.f64"));
    c.monetary = new double[money.length];
    for (int u = 0; u < money.length; u++) {
      c.monetary[u] = Double.longBitsToDouble(money[u]);
    }
    c.r = Columns.readBytes(dir.resolve("r.i8"));
    c.f = Columns.readBytes(dir.resolve("f.i8"));
    c.m = Columns.readBytes(dir.resolve("m.i8"));
    c.cell = Columns.readBytes(dir.resolve("cell.i8"));
    c.lifecycle = Columns.readBytes(dir.resolve("lifecycle.i8"));
    c.aov = Columns.readFloats(dir.resolve("aov.f32"));
    c.priceBand = Columns.readBytes(dir.resolve("price-band.i8"));
    c.cycle = Columns.readFloats(dir.resolve("cycle.f32"));
    c.channel = Columns.readInts(dir.resolve("channel.i32"));
    c.channelCounts = Columns.readInts(dir.resolve("channel-counts.i32"));
    c.cluster = Columns.readInts(dir.resolve("cluster.i32"));
    c.primary = Columns.readInts(dir.resolve("primary.i32"));
    c.ruleStart = Columns.readInts(dir.resolve("rule-start.i32"));
    c.ruleIds = Columns.readInts(dir.resolve("rule-ids.i32"));
    c.tagStart = Columns.readInts(dir.resolve("tag-start.i32"));
    c.tagIds = Columns.readInts(dir.resolve("tag-ids.i32"));
    c.tagWeights = Columns.readFloats(dir.resolve("tag-weights.f32"));
    c.tagNames = Columns.readStrings(dir.resolve("tag-names.str"));
    c.tagKinds = Columns.readBytes(dir.resolve("tag-kinds.i8"));
    c.gender = new Coded(Columns.readInts(dir.resolve("gender.i32")), Columns.readStrings(dir.resolve("genders.str")));
    c.ageBand = new Coded(Columns.readInts(dir.resolve("age-band.i32")), Columns.readStrings(dir.resolve("age-bands.str")));
    c.region = new Coded(Columns.readInts(dir.resolve("region.i32")), Columns.readStrings(dir.resolve("regions.str")));
    c.registered = Columns.readLongs(dir.resolve("registered.i64"));
    int n = info.users();
    Map<String, Integer> lengths = new HashMap<>();
    lengths.put("users.str", users.size());
    lengths.put("recency.f32", c.recency.length);
    lengths.put("frequency.i32", c.frequency.length);
    lengths.put("monetary.f64", c.monetary.length);
    lengths.put("r.i8", c.r.length);
    lengths.put("f.i8", c.f.length);
    lengths.put("m.i8", c.m.length);
    lengths.put("cell.i8", c.cell.length);
    lengths.put("lifecycle.i8", c.lifecycle.length);
    lengths.put("aov.f32", c.aov.length);
    lengths.put("price-band.i8", c.priceBand.length);
    lengths.put("cycle.f32", c.cycle.length);
    lengths.put("channel.i32", c.channel.length);
    lengths.put("cluster.i32", c.cluster.length);
    lengths.put("primary.i32", c.primary.length);
    lengths.put("rule-start.i32", c.ruleStart.length - 1);
    lengths.put("tag-start.i32", c.tagStart.length - 1);
    lengths.put("gender.i32", c.gender.codes().length);
    lengths.put("age-band.i32", c.ageBand.codes().length);
    lengths.put("region.i32", c.region.codes().length);
    lengths.put("registered.i64", c.registered.length);
    lengths.put("channel-counts.i32 / channels", info.channels().isEmpty() ? n : c.channelCounts.length / info.channels().size());
    for (Map.Entry<String, Integer> e : lengths.entrySet()) {
      if (e.getValue() != n) {
        throw new IOException(dir + " is corrupt: " + e.getKey() + " has " + e.getValue() + " rows, store.json says " + n + " users");
      }
    }
    if (c.tagIds.length != c.tagStart[n] || c.tagWeights.length != c.tagStart[n] || c.ruleIds.length != c.ruleStart[n]) {
      throw new IOException(dir + " is corrupt: tag or rule lists do not match their offsets");
    }
    return new ProfileStore(info, segments, users, c);
  }
}
