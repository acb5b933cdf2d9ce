package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The {@link CounterStore} that several server replicas share: every counter lives in one Redis,
 * and each operation is one Lua script, which Redis runs atomically — two replicas never both take
 * the last unit of a budget or a user's last impression under a cap. The scripts
 * ({@code counters-*.lua} beside this class) keep the same state and follow the same rules as
 * {@link MemoryCounters}.
 *
 * <p>Durability is Redis's: with {@code appendonly yes} and {@code appendfsync always} a script's
 * writes are on disk before its reply, so a reservation is durable when {@link #reserve} returns
 * and a restart of a server or of Redis never spends a budget twice. The store checks this at open
 * and warns when Redis is set up otherwise. A reservation whose reply is lost (a timeout after Redis
 * ran it) counts as spent but is not shown: the store errs toward spending less.
 *
 * <p>Outcomes are counted in Redis when they arrive. Each replica's event log remains the record
 * for offline analysis: given one ({@link Builder#log}), the store appends every answer's campaigns
 * to it, as the embedded store does. Posterior counts ({@link #evidence}) are cached per replica for a short time.
 */
public final class RedisCounterStore implements CounterStore {
  private static final Logger LOG = System.getLogger(RedisCounterStore.class.getName());
  /** Client clocks run a little behind the server's: purchases this much before a reach still count. */
  private static final long CLOCK_SKEW_MS = 5 * 60_000L;

  private final RedisClient redis;
  private final EventLog log;
  private final String prefix;
  private final CounterSettings settings;
  private final long userTtlMs;
  private final long evidenceCacheMs;
  private final Script reserve;
  private final Script mayShow;
  private final Script outcome;
  private final Script stats;
  private final ConcurrentHashMap<String, CachedEvidence> evidenceCache = new ConcurrentHashMap<>();

  private record CachedEvidence(Evidence evidence, long readAt) {}

  private RedisCounterStore(Builder b, RedisClient redis) {
    this.redis = redis;
    this.log = b.log;
    this.prefix = b.keyPrefix;
    this.settings = b.settings;
    this.userTtlMs = b.userTtl.toMillis();
    this.evidenceCacheMs = b.evidenceCache.toMillis();
    this.reserve = Script.load("counters-reserve.lua");
    this.mayShow = Script.load("counters-may-show.lua");
    this.outcome = Script.load("counters-outcome.lua");
    this.stats = Script.load("counters-stats.lua");
  }

  /**
   * A builder for a store on the Redis at {@code uri} ({@code redis://[user:password@]host:port[/db]},
   * {@code rediss://} for TLS).
   */
  public static Builder builder(URI uri, CounterSettings settings) {
    return new Builder(uri, settings);
  }

  @Override
  public boolean mayShow(Campaign campaign, String userId, long now) {
    List<String> args = new ArrayList<>(13);
    args.add(prefix);
    args.add(escape(userId));
    args.add(Long.toString(now));
    args.add(Long.toString(day(now)));
    addLimits(args, campaign);
    try {
      return ((Long) mayShow.run(redis, args)) == 1L;
    } catch (JedisException e) {
      // A hint only: reserve decides, and fails the answer (503) while Redis is unreachable.
      return true;
    }
  }

  @Override
  public List<Reservation.Slot> reserve(Reservation r) throws IOException {
    if (r.planned().isEmpty() && r.heldOut().isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(9 + 9 * r.planned().size() + r.heldOut().size());
    args.add(prefix);
    args.add(escape(r.userId()));
    args.add(escape(MemoryCounters.segmentKey(r.segment())));
    args.add(Long.toString(r.time()));
    args.add(Long.toString(day(r.time())));
    args.add(Long.toString(userTtl(r)));
    args.add(Integer.toString(r.planned().size()));
    for (Reservation.Slot s : r.planned()) {
      addLimits(args, s.campaign());
    }
    args.add(Integer.toString(r.heldOut().size()));
    for (Campaign c : r.heldOut()) {
      args.add(escape(c.id()));
    }
    Object reply;
    try {
      reply = reserve.run(redis, args);
    } catch (JedisException e) {
      throw new IOException("campaign reservation failed in Redis: " + e.getMessage(), e);
    }
    List<Reservation.Slot> granted = new ArrayList<>();
    for (Object index : (List<?>) reply) {
      Reservation.Slot s = r.planned().get(((Long) index).intValue() - 1);
      granted.add(new Reservation.Slot(s.campaign(), granted.size(), s.probability()));
    }
    if (log != null && !(granted.isEmpty() && r.heldOut().isEmpty())) {
      // The replica's record for analysis (slots, propensities, hold-outs); if it fails, the units
      // stay spent in Redis but nothing is shown.
      log.append(List.of(JournaledCounterStore.exposure(r, granted, r.heldOut())));
    }
    return List.copyOf(granted);
  }

  /** The nine values the scripts read per campaign (their {@code limits}). */
  private void addLimits(List<String> args, Campaign c) {
    Campaign.Budget b = c.budget();
    args.add(escape(c.id()));
    args.add(b == null ? "0" : b.unit() == Campaign.BudgetUnit.IMPRESSIONS ? "1" : "2");
    args.add(b == null ? "0" : Long.toString(b.total()));
    args.add(b == null ? "0" : Long.toString(b.daily()));
    args.add(b != null && b.pacing() == Campaign.Pacing.EVEN ? "1" : "0");
    // Even pacing needs an end (the campaign file refuses it without one); others never read it.
    args.add(c.window().end() == null ? "0" : Long.toString(day(c.window().end().toEpochMilli() - 1)));
    args.add(Long.toString(c.cooldown().toMillis()));
    args.add(c.frequencyCap() == null ? "0" : Integer.toString(c.frequencyCap().impressions()));
    args.add(c.frequencyCap() == null ? "0" : Long.toString(c.frequencyCap().period().toMillis()));
  }

  /** How long the user's keys must live: the configured time, and never less than any limit needs. */
  private long userTtl(Reservation r) {
    long ttl = Math.max(userTtlMs, settings.attributionWindow().toMillis() + CLOCK_SKEW_MS);
    for (Reservation.Slot s : r.planned()) {
      Campaign c = s.campaign();
      ttl = Math.max(ttl, c.cooldown().toMillis());
      if (c.frequencyCap() != null) {
        ttl = Math.max(ttl, c.frequencyCap().period().toMillis());
      }
    }
    return ttl;
  }

  @Override
  public void outcome(Outcome o) {
    if (o.campaignId() == null && o.type() != EventType.PURCHASE) {
      return;
    }
    List<String> args = List.of(
        prefix,
        escape(o.userId()),
        o.campaignId() == null ? "" : escape(o.campaignId()),
        o.type().name(),
        Long.toString(o.timestamp()),
        Double.toString(o.revenue()),
        o.orderId() == null ? "" : o.orderId(),
        Long.toString(day(o.timestamp())),
        Long.toString(settings.attributionWindow().toMillis()),
        Long.toString(CLOCK_SKEW_MS),
        Long.toString(Math.max(userTtlMs, settings.attributionWindow().toMillis() + CLOCK_SKEW_MS)));
    try {
      outcome.run(redis, args);
    } catch (JedisException e) {
      // The event is in this replica's log already; only the shared counters miss it.
      LOG.log(Level.WARNING, "campaign outcome of user " + o.userId() + " not counted in Redis: " + e.getMessage());
    }
  }

  @Override
  public Evidence evidence(String campaignId, String segment) {
    String key = prefix + "c:" + escape(campaignId) + ":s:" + escape(MemoryCounters.segmentKey(segment));
    long now = System.nanoTime();
    if (evidenceCacheMs > 0) {
      CachedEvidence cached = evidenceCache.get(key);
      if (cached != null && now - cached.readAt < evidenceCacheMs * 1_000_000L) {
        return cached.evidence;
      }
    }
    List<String> v;
    try {
      v = redis.hmget(key, "imp", "conv");
    } catch (JedisException e) {
      // Ranking goes on with the prior; reserve fails the answer (503) while Redis is unreachable.
      return Evidence.NONE;
    }
    Evidence e = new Evidence(parseLong(v.get(0)), parseLong(v.get(1)));
    if (evidenceCacheMs > 0) {
      evidenceCache.put(key, new CachedEvidence(e, now));
    }
    return e;
  }

  @Override
  public Map<String, CampaignStats> stats() {
    Object reply;
    try {
      reply = stats.run(redis, List.of(prefix));
    } catch (JedisException e) {
      throw new UncheckedIOException(new IOException("campaign counters unreachable in Redis: " + e.getMessage(), e));
    }
    Map<String, CampaignStats> out = new LinkedHashMap<>();
    for (Object rowObject : (List<?>) reply) {
      List<?> row = (List<?>) rowObject;
      Map<String, SegmentStats> segments = new HashMap<>();
      for (Object segObject : row.subList(5, row.size())) {
        List<?> s = (List<?>) segObject;
        segments.put(unescape(text(s.get(0))), new SegmentStats(
            parseLong(s.get(1)), parseLong(s.get(2)), parseLong(s.get(3)), Double.parseDouble(text(s.get(4))),
            parseLong(s.get(5)), parseLong(s.get(6)), parseLong(s.get(7)), parseLong(s.get(8))));
      }
      out.put(unescape(text(row.get(0))), new CampaignStats(
          parseLong(row.get(1)), parseLong(row.get(2)), parseLong(row.get(3)), parseLong(row.get(4)), segments));
    }
    return out;
  }

  @Override
  public void close() {
    redis.close();
  }

  private long day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), settings.zone()).toEpochDay();
  }

  /** Ids inside keys: without ':' so that no two (user, campaign) pairs make the same key. */
  static String escape(String id) {
    return id.indexOf('%') < 0 && id.indexOf(':') < 0 ? id : id.replace("%", "%25").replace(":", "%3A");
  }

  static String unescape(String key) {
    return key.indexOf('%') < 0 ? key : key.replace("%3A", ":").replace("%25", "%");
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
  }

  private static long parseLong(Object reply) {
    if (reply == null) {
      return 0;
    }
    if (reply instanceof Long n) {
      return n;
    }
    String s = text(reply);
    // HINCRBY keeps integers; a counter never holds a fraction.
    return s.isEmpty() ? 0 : Long.parseLong(s);
  }

  /** A Lua script, run by its SHA1 and sent again when Redis no longer has it (after a restart). */
  private record Script(String name, String text, String sha) {
    static Script load(String name) {
      String text = resource("counters-common.lua") + "\n" + resource(name);
      return new Script(name, text, sha1(text));
    }

    Object run(RedisClient redis, List<String> args) {
      try {
        return redis.evalsha(sha, List.of(), args);
      } catch (JedisNoScriptException e) {
        return redis.eval(text, List.of(), args);
      }
    }

    private static String resource(String name) {
      try (InputStream in = RedisCounterStore.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name + " beside " + RedisCounterStore.class.getName());
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String sha1(String text) {
      try {
        return java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is missing from this JDK", e);
      }
    }
  }

  /** Settings of a {@link RedisCounterStore}; every setter checks its argument. */
  public static final class Builder {
    private final URI uri;
    private final CounterSettings settings;
    private String keyPrefix = "qianmian:";
    private Duration timeout = Duration.ofSeconds(2);
    private Duration userTtl = Duration.ofDays(90);
    private Duration evidenceCache = Duration.ofSeconds(1);
    private EventLog log;

    private Builder(URI uri, CounterSettings settings) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.settings = Objects.requireNonNull(settings, "settings");
      if (!JedisURIHelper.isValid(uri) || !JedisURIHelper.isRedisScheme(uri) && !JedisURIHelper.isRedisSSLScheme(uri)) {
        throw new IllegalArgumentException("Redis URI must look like redis://host:6379, got " + uri);
      }
    }

    /** The prefix of every key (default {@code qianmian:}): stores with different prefixes never meet. */
    public Builder keyPrefix(String prefix) {
      if (prefix == null || prefix.isEmpty()) {
        throw new IllegalArgumentException("key prefix must not be empty");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /** Connect and command timeout (default 2 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How long a user's keys outlive the user's last impression (default 90 days). */
    public Builder userTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("user TTL must be positive, got " + ttl);
      }
      this.userTtl = ttl;
      return this;
    }

    /** How long posterior counts are reused by this replica (default 1 s; zero reads them every time). */
    public Builder evidenceCache(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("evidence cache must not be negative, got " + ttl);
      }
      this.evidenceCache = ttl;
      return this;
    }

    /**
     * The replica's event log, where each answer's campaigns (slots, probabilities, hold-outs) are
     * recorded for analysis as the embedded store records them (default: none). The caller closes it.
     */
    public Builder log(EventLog log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Connects and checks that Redis answers.
     *
     * @throws IOException when Redis cannot be reached
     */
    public RedisCounterStore open() throws IOException {
      DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
          .timeoutMillis((int) timeout.toMillis())
          .ssl(JedisURIHelper.isRedisSSLScheme(uri))
          .clientName("qianmian-campaign-counters");
      if (JedisURIHelper.getUser(uri) != null) {
        config.user(JedisURIHelper.getUser(uri));
      }
      if (JedisURIHelper.getPassword(uri) != null) {
        config.password(JedisURIHelper.getPassword(uri));
      }
      if (JedisURIHelper.hasDbIndex(uri)) {
        config.database(JedisURIHelper.getDBIndex(uri));
      }
      RedisClient redis = RedisClient.builder()
          .hostAndPort(JedisURIHelper.getHostAndPort(uri))
          .clientConfig(config.build())
          .build();
      try {
        redis.ping();
      } catch (JedisException e) {
        redis.close();
        throw new IOException("campaign counters: cannot reach Redis at " + redacted(uri) + ": " + e.getMessage(), e);
      }
      warnUnlessDurable(redis);
      return new RedisCounterStore(this, redis);
    }

    private void warnUnlessDurable(RedisClient redis) {
      try {
        Map<String, String> c = redis.configGet("appendonly", "appendfsync");
        if (!"yes".equals(c.get("appendonly")) || !"always".equals(c.get("appendfsync"))) {
          LOG.log(Level.WARNING, "Redis at " + redacted(uri) + " runs with appendonly " + c.get("appendonly")
              + ", appendfsync " + c.get("appendfsync") + ": a Redis crash can forget campaign reservations already"
              + " answered (set appendonly yes, appendfsync always)");
        }
      } catch (JedisException e) {
        // Managed Redis services often refuse CONFIG; their persistence is theirs to document.
      }
    }

    private static String redacted(URI uri) {
      return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
  }
}
