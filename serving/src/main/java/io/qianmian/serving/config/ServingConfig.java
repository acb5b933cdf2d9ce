package io.qianmian.serving.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.serving.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The server's settings, read once at start from {@code application.yaml} (the reference file with
 * every key and its default), an optional override file, the environment and the command line.
 * Values are checked here, at the boundary; the rest of the server trusts them.
 *
 * @param helidon the whole merged configuration (the {@code server} node configures Helidon)
 * @param modelsDir where bundles are published
 * @param watch whether to hot-swap on directory changes
 * @param watchQuietPeriod how long a change must settle before loading
 * @param pollInterval fallback polling period, zero when off
 * @param awaitVectorsAtStart whether start-up waits for the first model's k-NN graph
 * @param vectors how k-NN graphs over item factors are built
 * @param adminToken bearer token of the admin endpoints, empty when admin is disabled
 * @param limits request limits
 * @param recommendations candidate generation and ranking
 * @param similar similar-item blending
 * @param caches cache sizes
 * @param sessions live session state
 * @param eventsDir directory of the durable log of accepted events and exposures
 * @param exposureDeferral how long exposures may wait for company before their group commits
 * @param experimentsFile experiments definition, or null
 * @param campaigns campaign decisioning
 */
public record ServingConfig(
    Config helidon,
    Path modelsDir,
    boolean watch,
    Duration watchQuietPeriod,
    Duration pollInterval,
    boolean awaitVectorsAtStart,
    Model.VectorOptions vectors,
    String adminToken,
    Limits limits,
    Recommendations recommendations,
    Similar similar,
    Caches caches,
    Sessions sessions,
    Path eventsDir,
    Duration exposureDeferral,
    Path experimentsFile,
    Campaigns campaigns) {

  /** The reference file on the class path, which lists every key. */
  public static final String REFERENCE = "application.yaml";

  /** Request size limits. */
  public record Limits(long maxBodyBytes, int maxBatchEvents, int maxN, int maxExclude, int maxIdLength) {}

  /** Weights of the candidate sources in the fusion. */
  public record SourceWeights(
      float precomputed, float session, float knn, float factors, float segment, float popular, float category) {}

  /** How recommendations are built. */
  public record Recommendations(
      int defaultN,
      boolean inStockDefault,
      int candidatesPerSource,
      int maxCandidates,
      int sessionItems,
      int neighborsPerItem,
      int minPrecomputed,
      SourceWeights weights,
      float fusionK,
      double maxCategoryShare,
      double exploration,
      int explorationPool,
      boolean precompute,
      int precomputeDepth,
      long precomputeMaxBytes) {}

  /** How similar items are blended. */
  public record Similar(int defaultN, int perSource, float neighbors, float factors, float content, boolean precompute) {}

  /** Cache sizes and lifetimes. */
  public record Caches(
      long candidatesMaxUsers, Duration candidatesTtl, long profilesMaxUsers, Duration profilesTtl, long similarMaxItems) {}

  /** Live session state. */
  public record Sessions(long maxUsers, Duration ttl, int maxItems) {}

  /**
   * Campaign decisioning.
   *
   * @param file the campaign file, or null for no campaigns
   * @param defaultN campaigns per answer when the request gives no n (and the homepage's hero count)
   * @param draws posterior draws per request estimating each campaign's slot probability
   * @param attributionWindow how long after an impression a purchase counts as its conversion
   * @param timeZone whose days daily budgets and pacing count
   * @param counters where caps, budgets and posteriors are counted
   */
  public record Campaigns(
      Path file, int defaultN, int draws, Duration attributionWindow, java.time.ZoneId timeZone, Counters counters) {}

  /**
   * The campaign counter store.
   *
   * @param store which one
   * @param snapshotInterval embedded: how often completed journal files are compacted into the
   *     snapshot, zero when only at start-up
   * @param redisUri redis: the server, or null when the store is embedded
   * @param redisKeyPrefix redis: the prefix of every key, so several stores can share one Redis
   * @param redisTimeout redis: connect and command timeout
   * @param userTtl redis: how long a user's keys outlive the user's last impression
   * @param evidenceCache redis: how long a replica reuses the posterior counts it read
   */
  public record Counters(
      CounterStoreKind store, Duration snapshotInterval, java.net.URI redisUri, String redisKeyPrefix,
      Duration redisTimeout, Duration userTtl, Duration evidenceCache) {}

  /** The campaign counter stores. */
  public enum CounterStoreKind {
    /** In memory, journaled in the event log, snapshotted: one server. */
    EMBEDDED,
    /** Redis, shared by every replica that names the same server and key prefix. */
    REDIS
  }

  /**
   * Loads the configuration.
   *
   * @param file an override file, or null
   * @param overrides command-line values by key (e.g. {@code server.port}); they win over everything
   * @throws IllegalArgumentException naming the key (and file) of an unknown key or a bad value
   */
  public static ServingConfig load(Path file, Map<String, String> overrides) {
    if (file != null && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    Config reference = Config.just(ConfigSources.classpath(REFERENCE));
    if (file != null) {
      rejectUnknownKeys(reference, Config.just(ConfigSources.file(file)), file.toString());
    }
    List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
    sources.add(ConfigSources.create(new LinkedHashMap<>(overrides), "command line"));
    sources.add(ConfigSources.environmentVariables());
    sources.add(ConfigSources.systemProperties());
    if (file != null) {
      sources.add(ConfigSources.file(file));
    }
    sources.add(ConfigSources.classpath(REFERENCE));
    Config config =
        Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(sources)
            .build();
    return from(config);
  }

  /** Reads the settings from an already merged configuration (tests build one from a map). */
  public static ServingConfig from(Config config) {
    Reader r = new Reader(config.get("qianmian"));
    String models = r.string("models.dir");
    String experiments = r.string("experiments.file");
    return new ServingConfig(
        config,
        models.isBlank() ? null : Path.of(models),
        r.bool("models.watch"),
        r.duration("models.watch-quiet-period"),
        r.duration("models.poll-interval"),
        r.bool("models.await-vectors-at-start"),
        new Model.VectorOptions(r.positiveInt("models.hnsw-max-conn"), r.positiveInt("models.hnsw-beam-width")),
        r.string("admin.token"),
        new Limits(
            r.positiveLong("limits.max-body-bytes"),
            r.positiveInt("limits.max-batch-events"),
            r.positiveInt("limits.max-n"),
            r.positiveInt("limits.max-exclude"),
            r.positiveInt("limits.max-id-length")),
        new Recommendations(
            r.positiveInt("recommendations.default-n"),
            r.bool("recommendations.in-stock-default"),
            r.positiveInt("recommendations.candidates-per-source"),
            r.positiveInt("recommendations.max-candidates"),
            r.nonNegativeInt("recommendations.session-items"),
            r.nonNegativeInt("recommendations.neighbors-per-item"),
            r.nonNegativeInt("recommendations.min-precomputed"),
            new SourceWeights(
                r.weight("recommendations.weights.precomputed"),
                r.weight("recommendations.weights.session"),
                r.weight("recommendations.weights.knn"),
                r.weight("recommendations.weights.factors"),
                r.weight("recommendations.weights.segment"),
                r.weight("recommendations.weights.popular"),
                r.weight("recommendations.weights.category")),
            (float) r.fraction("recommendations.fusion-k", 1, 1e6),
            r.fraction("recommendations.max-category-share", 0, 1),
            r.fraction("recommendations.exploration", 0, 1),
            r.positiveInt("recommendations.exploration-pool"),
            r.bool("recommendations.precompute"),
            r.positiveInt("recommendations.precompute-depth"),
            r.positiveLong("recommendations.precompute-max-megabytes") << 20),
        new Similar(
            r.positiveInt("similar.default-n"),
            r.positiveInt("similar.per-source"),
            r.weight("similar.weights.neighbors"),
            r.weight("similar.weights.factors"),
            r.weight("similar.weights.content"),
            r.bool("similar.precompute")),
        new Caches(
            r.positiveLong("caches.candidates-max-users"),
            r.duration("caches.candidates-ttl"),
            r.positiveLong("caches.profiles-max-users"),
            r.duration("caches.profiles-ttl"),
            r.positiveLong("caches.similar-max-items")),
        new Sessions(
            r.positiveLong("sessions.max-users"), r.duration("sessions.ttl"), r.positiveInt("sessions.max-items")),
        Path.of(r.string("events.dir")),
        exposureDeferral(r),
        experiments.isBlank() ? null : Path.of(experiments),
        campaigns(r));
  }

  private static Duration exposureDeferral(Reader r) {
    Duration d = r.duration("events.exposure-deferral");
    // Checked here as well as by the log, so that the message names the key.
    if (d.compareTo(EventLog.MAX_DEFERRAL) > 0) {
      throw r.bad("events.exposure-deferral", d.toString(), "a duration from PT0S to " + EventLog.MAX_DEFERRAL);
    }
    return d;
  }

  private static Campaigns campaigns(Reader r) {
    String file = r.string("campaigns.file");
    int draws = r.positiveInt("campaigns.draws");
    if (draws > 100_000) {
      throw r.bad("campaigns.draws", Integer.toString(draws), "an integer in 1..100000");
    }
    Duration window = r.duration("campaigns.attribution-window");
    if (window.isZero()) {
      throw r.bad("campaigns.attribution-window", window.toString(), "a positive ISO-8601 duration such as P7D");
    }
    String zone = r.string("campaigns.time-zone");
    java.time.ZoneId timeZone;
    try {
      timeZone = java.time.ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw r.bad("campaigns.time-zone", zone, "a time zone such as UTC or Asia/Shanghai");
    }
    return new Campaigns(
        file.isBlank() ? null : Path.of(file), r.positiveInt("campaigns.default-n"), draws, window, timeZone, counters(r));
  }

  private static Counters counters(Reader r) {
    String kind = r.string("campaigns.counters.store");
    CounterStoreKind store = switch (kind.toLowerCase(java.util.Locale.ROOT)) {
      case "embedded" -> CounterStoreKind.EMBEDDED;
      case "redis" -> CounterStoreKind.REDIS;
      default -> throw r.bad("campaigns.counters.store", kind, "embedded or redis");
    };
    String uri = r.string("campaigns.counters.redis-uri");
    java.net.URI redisUri = null;
    if (store == CounterStoreKind.REDIS || !uri.isEmpty()) {
      String expected = "a URI such as redis://host:6379 or rediss://user:password@host:6380/0";
      if (uri.isEmpty()) {
        throw r.bad("campaigns.counters.redis-uri", uri, expected + " (required when the store is redis)");
      }
      try {
        redisUri = new java.net.URI(uri);
      } catch (java.net.URISyntaxException e) {
        throw r.bad("campaigns.counters.redis-uri", uri, expected);
      }
      if (!("redis".equals(redisUri.getScheme()) || "rediss".equals(redisUri.getScheme())) || redisUri.getHost() == null) {
        throw r.bad("campaigns.counters.redis-uri", uri, expected);
      }
    }
    String prefix = r.string("campaigns.counters.redis-key-prefix");
    if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
      throw r.bad("campaigns.counters.redis-key-prefix", prefix, "a non-empty prefix without spaces such as qianmian:");
    }
    Duration timeout = r.duration("campaigns.counters.redis-timeout");
    if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw r.bad("campaigns.counters.redis-timeout", timeout.toString(), "a positive duration such as PT2S");
    }
    Duration userTtl = r.duration("campaigns.counters.user-ttl");
    if (userTtl.isZero()) {
      throw r.bad("campaigns.counters.user-ttl", userTtl.toString(), "a positive duration such as P90D");
    }
    return new Counters(store, r.duration("campaigns.counters.snapshot-interval"), redisUri, prefix, timeout, userTtl,
        r.duration("campaigns.counters.evidence-cache"));
  }

  /** Whether the admin endpoints are enabled (a token is configured). */
  public boolean adminEnabled() {
    return !adminToken.isBlank();
  }

  private static void rejectUnknownKeys(Config reference, Config file, String name) {
    Set<String> known = leafKeys(reference.get("qianmian"));
    Set<String> unknown = new TreeSet<>(leafKeys(file.get("qianmian")));
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
              + " (every key is listed in the server's " + REFERENCE + ")");
    }
  }

  private static Set<String> leafKeys(Config node) {
    return node.traverse().filter(Config::isLeaf).map(c -> c.key().toString()).collect(Collectors.toSet());
  }

  /** Typed access that names the key in every error. */
  private record Reader(Config root) {
    private Config node(String key) {
      Config c = root.get(key);
      if (!c.exists()) {
        throw new IllegalArgumentException("qianmian." + key + ": missing (it must be in " + REFERENCE + ")");
      }
      return c;
    }

    private String raw(String key) {
      return node(key).asString().orElse("").trim();
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
      return new IllegalArgumentException("qianmian." + key + ": expected " + expected + ", got '" + value + "'");
    }

    String string(String key) {
      return raw(key);
    }

    boolean bool(String key) {
      String v = raw(key);
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw bad(key, v, "true or false");
      };
    }

    long positiveLong(String key) {
      String v = raw(key);
      try {
        long n = Long.parseLong(v);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, v, "an integer ≥ 1");
    }

    int positiveInt(String key) {
      long n = positiveLong(key);
      if (n > Integer.MAX_VALUE) {
        throw bad(key, Long.toString(n), "an integer ≤ " + Integer.MAX_VALUE);
      }
      return (int) n;
    }

    int nonNegativeInt(String key) {
      String v = raw(key);
      try {
        int n = Integer.parseInt(v);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, v, "an integer ≥ 0");
    }

    double fraction(String key, double min, double max) {
      String v = raw(key);
      try {
        double d = Double.parseDouble(v);
        if (d >= min && d <= max) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, v, "a number in [" + min + ", " + max + "]");
    }

    float weight(String key) {
      return (float) fraction(key, 0, 1000);
    }

    Duration duration(String key) {
      String v = raw(key);
      try {
        Duration d = Duration.parse(v);
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
      throw bad(key, v, "an ISO-8601 duration such as PT10M");
    }
  }
}
