package io.qianmian.trainer.train;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.als.AlsModel;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.als.FactorNeighbors;
import io.qianmian.trainer.blend.RepurchaseRules;
import io.qianmian.trainer.blend.SegmentBlend;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.bundle.PurchaseHistory;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.cooccurrence.CooccurrenceModel;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.PositiveRule;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.ease.EaseModel;
import io.qianmian.trainer.ease.EaseTrainer;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.popularity.PopularityModel;
import io.qianmian.trainer.popularity.PopularityTables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One training run: a dataset in, a published model bundle out. Builds the interactions, trains
 * the enabled models (tuning them first on a validation split when asked), ranks every user's
 * candidates with the chosen model behind the segment blend, and writes the bundle with the
 * popularity tables, neighbor lists, purchase history and segments.
 */
public final class Training {
  /** Items up to which item neighbors are filled from ALS vectors where co-occurrence has none. */
  public static final int FACTOR_NEIGHBOR_MAX_ITEMS = 20_000;

  private final Dataset data;
  private final TrainConfig config;
  private Optional<SegmentAssignment> segments = Optional.empty();
  private Optional<Path> profiles = Optional.empty();
  private boolean tune;

  private Training(Dataset data, TrainConfig config) {
    this.data = data;
    this.config = config;
  }

  /** A run on {@code data} with {@code config}. */
  public static Training of(Dataset data, TrainConfig config) {
    return new Training(data, config);
  }

  /** Each user's segment (from the profiles of the same dataset) for the blend and the bundle. */
  public Training segments(SegmentAssignment segments) {
    if (segments.segmentOfUser().length != data.users().size()) {
      throw new IllegalArgumentException("the profiles have " + segments.segmentOfUser().length + " users but the dataset has "
          + data.users().size() + ": they were made from another dataset (run qianmian features on this one)");
    }
    this.segments = Optional.of(segments);
    return this;
  }

  /** A profile directory to copy into the bundle. */
  public Training profiles(Path directory) {
    this.profiles = Optional.of(directory);
    return this;
  }

  /** Whether to grid-search model parameters on a validation split first. */
  public Training tune(boolean tune) {
    this.tune = tune;
    return this;
  }

  /**
   * What a run produced.
   *
   * @param version the published bundle version
   * @param bundle its directory
   * @param candidateModel the model that ranked the candidates
   * @param lines a short human summary, one fact per line
   */
  public record Result(String version, Path bundle, String candidateModel, List<String> lines) {}

  /** Trains and publishes into {@code modelsDir}. */
  public Result run(Path modelsDir, Progress progress) throws IOException {
    List<String> lines = new ArrayList<>();
    Stopwatch clock = new Stopwatch();
    long lastEvent = data.events().size() == 0 ? 0 : data.events().time()[data.events().size() - 1];
    TimeDecay decay = config.halfLifeDays() > 0 ? TimeDecay.of(Duration.ofMillis((long) (config.halfLifeDays() * 86_400_000L)), lastEvent) : TimeDecay.NONE;
    Interactions all = EventInteractions.weighted(data, config.eventWeights(), decay);
    lines.add(String.format(Locale.ROOT, "interactions %,d users × %,d items, %,d non-zero", all.userCount(), all.itemCount(), all.nonZeros()) + clock.lap());
    Interactions purchases = primary(config.cooccurrence().map(TrainConfig.Cooccurrence::primary).orElse(List.of(EventType.PURCHASE)));
    boolean purchaseData = purchases.nonZeros() > 0;

    TrainConfig cfg = config;
    Map<String, Map<String, Double>> metrics = Map.of();
    if (tune) {
      Tuner.Outcome outcome = Tuner.tune(config, all, purchaseData ? purchases : all, progress);
      cfg = outcome.config();
      metrics = outcome.metrics();
      outcome.report().forEach(r -> lines.add("tuned " + r));
      lines.add("tuning" + clock.lap());
    }

    float[] typeWeight = new float[EventType.values().length];
    for (EventType t : EventType.values()) {
      typeWeight[t.code()] = config.eventWeights().weight(t);
    }
    PopularityTables popular = PopularityTables.build(data, all, typeWeight, segments, cfg.popularity());
    lines.add("popularity tables" + clock.lap());
    Map<String, Recommender> models = new LinkedHashMap<>();
    models.put("popularity", new PopularityModel("popularity", countUsers(all)));
    // Co-occurrence and the repurchase rules do not need ALS: with ALS on, they run on a thread of
    // their own meanwhile (without progress bars, which would fight over the console line), in the
    // time ALS leaves a core idle (its serial parts, uneven chunks).
    TrainConfig chosenConfig = cfg;
    java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      // A daemon: a failed ALS must not keep the JVM waiting for co-occurrence to finish.
      Thread t = new Thread(r, "training-alongside-als");
      t.setDaemon(true);
      return t;
    });
    AlsModel als;
    CooccurrenceModel cooccurrence;
    PurchaseHistory history;
    try {
      boolean alongside = cfg.als().isPresent();
      java.util.concurrent.Future<Timed<CooccurrenceModel>> cooccurrenceRun =
          side.submit(() -> Timed.of(() -> chosenConfig.cooccurrence().map(c -> cooccurrence(c, all, purchases, purchaseData, alongside ? Progress.NONE : progress)).orElse(null)));
      java.util.concurrent.Future<Timed<PurchaseHistory>> historyRun = side.submit(() -> Timed.of(() -> RepurchaseRules.build(data, chosenConfig.repurchase())));
      als = cfg.als().map(p -> new AlsTrainer(p).fit(all, progress)).orElse(null);
      if (als != null) {
        models.put("als", als);
        lines.add("als rank " + cfg.als().get().rank() + ", " + cfg.als().get().iterations() + " iterations" + clock.lap());
      }
      Timed<CooccurrenceModel> c = await(cooccurrenceRun);
      cooccurrence = c.value();
      if (cooccurrence != null) {
        models.put("cooccurrence", cooccurrence);
        lines.add("co-occurrence" + (alongside ? String.format(Locale.ROOT, " (alongside als): %.1f s wall", c.seconds()) + ", then waited" : "") + clock.lap());
      }
      Timed<PurchaseHistory> h = await(historyRun);
      history = h.value();
      lines.add(String.format(Locale.ROOT, "repurchase rules%s: %.1f s wall", alongside ? " (alongside als)" : "", h.seconds()));
    } finally {
      side.shutdownNow();
    }
    if (cfg.ease().isPresent()) {
      if (all.itemCount() <= cfg.ease().get().maxItems()) {
        EaseModel ease = new EaseTrainer(cfg.ease().get()).fit(all, progress);
        models.put("ease", ease);
        lines.add("ease" + clock.lap());
      } else {
        lines.add(String.format(Locale.ROOT, "ease skipped: %,d items is more than ease.maxItems %,d", all.itemCount(), cfg.ease().get().maxItems()));
      }
    }
    String chosen = chooseCandidateModel(cfg.candidates().model(), models, metrics);
    lines.add("models " + String.join(", ", models.keySet()) + "; candidates ranked by " + chosen);

    Recommender ranking = models.get(chosen);
    if (ranking instanceof AlsModel a && cfg.candidates().perUser() > 0) {
      TrainConfig.Candidates c = cfg.candidates();
      ranking = new BlockedAls(a, u -> seen(all, history, c, u), c.perUser());
    }
    SegmentBlend blend =
        new SegmentBlend(ranking, all, segments.map(SegmentAssignment::segmentOfUser).orElse(null),
            popular.bySegment().orElse(null), popular.global(), cfg.blend());
    byte[] source = new byte[all.userCount()];
    RankedLists candidates = candidates(blend, all, history, cfg.candidates(), source, progress);
    lines.add(String.format(Locale.ROOT, "candidates for %,d users", all.userCount()) + clock.lap());
    List<String> sources = new ArrayList<>(SegmentBlend.SOURCES);
    sources.set(0, chosen);

    BundleWriter writer =
        BundleWriter.forDataset(data)
            .parameters(cfg.effective())
            .metrics(metrics)
            .candidates(candidates, source, sources)
            .popularity(popular.global(), popular.trending(), popular.byCategory())
            .purchases(history);
    if (als != null) {
      writer.factors(als.factors());
    }
    writer.similarItems(similarItems(cooccurrence, als, all.itemCount(), cfg.cooccurrence().map(c -> c.params().neighbors()).orElse(50)));
    segments.ifPresent(s -> writer.segments(s, popular.bySegment().orElseThrow()));
    profiles.ifPresent(writer::profiles);
    String version;
    try (Progress.Task task = progress.begin("write bundle", -1, "files")) {
      version = writer.publish(modelsDir, cfg.keep());
    }
    lines.add("bundle " + version + " in " + modelsDir.toAbsolutePath() + clock.lap());
    return new Result(version, modelsDir.resolve(version), chosen, lines);
  }

  /** A result and the wall seconds it took. */
  private record Timed<T>(T value, double seconds) {
    static <T> Timed<T> of(java.util.function.Supplier<T> work) {
      long start = System.nanoTime();
      T value = work.get();
      return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }
  }

  /** The result of work on another thread; its failure rethrown here as it was. */
  private static <T> T await(java.util.concurrent.Future<T> run) {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + run, e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Wall and CPU time of each step, for the run's summary lines. */
  private static final class Stopwatch {
    private static final com.sun.management.OperatingSystemMXBean OS =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;
    private long wall = System.nanoTime();
    private long cpu = cpu();

    /** ": W s wall, C s CPU" since the previous lap. */
    String lap() {
      long w = System.nanoTime();
      long c = cpu();
      String out = String.format(Locale.ROOT, ": %.1f s wall", (w - wall) / 1e9) + (c >= 0 && cpu >= 0 ? String.format(Locale.ROOT, ", %.1f s CPU", (c - cpu) / 1e9) : "");
      wall = w;
      cpu = c;
      return out;
    }

    private static long cpu() {
      return OS == null ? -1 : OS.getProcessCpuTime();
    }
  }

  /** Binary interactions of the given event types (the primary action of co-occurrence). */
  private Interactions primary(List<EventType> types) {
    return EventInteractions.positives(data, new PositiveRule(EnumSet.copyOf(types), 0));
  }

  private CooccurrenceModel cooccurrence(TrainConfig.Cooccurrence c, Interactions all, Interactions purchases, boolean purchaseData, Progress progress) {
    CooccurrenceTrainer trainer = new CooccurrenceTrainer(c.params());
    if (!purchaseData) {
      // No primary events (e.g. a click log): co-occurrence of all interactions, no indicators.
      return trainer.fit(all, progress);
    }
    Map<String, Interactions> indicators = new LinkedHashMap<>();
    for (EventType t : c.indicators()) {
      Interactions m = EventInteractions.positives(data, new PositiveRule(EnumSet.of(t), 0));
      if (m.nonZeros() > 0) {
        indicators.put(t.wireName(), m);
      }
    }
    return trainer.fit(purchases, indicators, progress);
  }

  /** The configured model; for "auto", the best validated one when tuned, else the first of ease, als, cooccurrence. */
  static String chooseCandidateModel(String wanted, Map<String, Recommender> models, Map<String, Map<String, Double>> metrics) {
    if (!wanted.equals("auto")) {
      if (!models.containsKey(wanted)) {
        throw new IllegalArgumentException("candidates.model is " + wanted + " but that model was not trained (enable it, or choose one of "
            + String.join(", ", models.keySet()) + ")");
      }
      return wanted;
    }
    String best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (String m : models.keySet()) {
      Map<String, Double> scores = metrics.get(m);
      if (scores != null && !scores.isEmpty() && scores.values().iterator().next() > bestScore) {
        bestScore = scores.values().iterator().next();
        best = m;
      }
    }
    if (best != null) {
      return best;
    }
    for (String m : List.of("ease", "als", "cooccurrence")) {
      if (models.containsKey(m)) {
        return m;
      }
    }
    return "popularity";
  }

  private static float[] countUsers(Interactions all) {
    float[] users = new float[all.itemCount()];
    for (int item : all.items()) {
      users[item]++;
    }
    return users;
  }

  /**
   * Every user's candidates behind the blend, in parallel; {@code source} receives the blend's
   * source per user. Shared with other training engines, so that every bundle's lists are blended alike.
   */
  public static RankedLists candidates(SegmentBlend blend, Interactions all, PurchaseHistory history, TrainConfig.Candidates c, byte[] source, Progress progress) {
    ScoredItems[] lists = new ScoredItems[all.userCount()];
    AtomicInteger done = new AtomicInteger();
    try (Progress.Task task = progress.begin("candidates", all.userCount(), "users")) {
      Chunks.forEach(
          all.userCount(),
          (chunk, from, to) -> {
            for (int u = from; u < to; u++) {
              lists[u] = c.perUser() == 0 ? ScoredItems.EMPTY : blend.recommend(u, c.perUser(), seen(all, history, c, u));
              source[u] = (byte) blend.sourceOf(u);
            }
            task.stepTo(done.addAndGet(to - from));
          });
    }
    return RankedLists.of(Arrays.asList(lists));
  }

  /** What user {@code u}'s candidates leave out: seen items, unless they may be bought again (the server times those). */
  private static ItemFilter seen(Interactions all, PurchaseHistory history, TrainConfig.Candidates c, int u) {
    if (!c.excludeSeen()) {
      return ItemFilter.NONE;
    }
    int start = all.rowStart()[u];
    int end = all.rowStart()[u + 1];
    return i -> history.cycleMillis()[i] == PurchaseHistory.NEVER_AGAIN && Arrays.binarySearch(all.items(), start, end, i) >= 0;
  }

  /**
   * ALS behind the blend of the candidate lists: the first request of a user computes the lists of
   * the next {@link AlsModel#BLOCK} users of its chunk together (see {@link AlsModel#recommendBlock}),
   * the following ones are handed out. Only for {@link #candidates}, which asks for each user's
   * list once, in order within a chunk, with the filter {@link #seen} gives: that filter (not the
   * one passed) is applied, since the block is computed before the blend asks for its users.
   */
  private static final class BlockedAls implements Recommender {
    private final AlsModel als;
    private final java.util.function.IntFunction<ItemFilter> exclude;
    private final int k;
    private final ThreadLocal<Block> blocks = ThreadLocal.withInitial(Block::new);

    BlockedAls(AlsModel als, java.util.function.IntFunction<ItemFilter> exclude, int k) {
      this.als = als;
      this.exclude = exclude;
      this.k = k;
    }

    private static final class Block {
      int from;
      int to;
      final ScoredItems[] lists = new ScoredItems[AlsModel.BLOCK];
    }

    @Override
    public String name() {
      return als.name();
    }

    @Override
    public ScoredItems recommend(int u, int k, ItemFilter ignored) {
      if (k != this.k) {
        return als.recommend(u, k, exclude.apply(u));
      }
      Block b = blocks.get();
      if (u < b.from || u >= b.to) {
        int n = als.factors().userCount();
        // The block ends with the chunk: users past it are another thread's.
        int chunk = (int) ((long) u * Chunks.COUNT / n);
        while (Chunks.start(n, chunk + 1) <= u) {
          chunk++;
        }
        b.from = u;
        b.to = Math.min(Math.min(n, Chunks.start(n, chunk + 1)), u + AlsModel.BLOCK);
        java.util.Arrays.fill(b.lists, null);
        als.recommendBlock(b.from, b.to, k, exclude, b.lists);
      }
      return b.lists[u - b.from];
    }
  }

  /** Co-occurrence neighbors, completed by ALS vectors on catalogs small enough. */
  private static RankedLists similarItems(CooccurrenceModel cooccurrence, AlsModel als, int items, int k) {
    RankedLists lists = cooccurrence != null ? cooccurrence.similarItems() : RankedLists.empty(items);
    return withFactorNeighbors(lists, als == null ? null : als.factors(), k);
  }

  /**
   * Where {@code lists} has no neighbors for an item, on catalogs of at most {@value
   * #FACTOR_NEIGHBOR_MAX_ITEMS} items, its nearest items by the factors' item vectors; {@code lists}
   * as it is without factors or on larger catalogs. Shared with other training engines.
   */
  public static RankedLists withFactorNeighbors(RankedLists lists, Factors factors, int k) {
    int items = lists.rows();
    if (factors == null || items > FACTOR_NEIGHBOR_MAX_ITEMS) {
      return lists;
    }
    boolean[] missing = new boolean[items];
    boolean any = false;
    for (int i = 0; i < items; i++) {
      missing[i] = lists.length(i) == 0;
      any |= missing[i];
    }
    if (!any) {
      return lists;
    }
    RankedLists byFactors = FactorNeighbors.of(factors, k, missing);
    List<ScoredItems> rows = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      rows.add(missing[i] ? byFactors.list(i) : lists.list(i));
    }
    return RankedLists.of(rows);
  }
}
