package io.qianmian.trainer.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetInfo;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.features.io.AtomicDirectory;
import io.qianmian.features.io.Columns;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a model bundle (layout in {@link ModelBundle}). Set the parts a training run produced, then
 * {@link #publish} it into a models directory: the bundle is written into a temporary folder,
 * checksummed, fsynced and renamed into place, and only then does {@code current} move to it. Parts
 * left unset are written empty (no neighbors, no candidates…) so that every bundle has the same
 * files; only factors are absent when not set.
 *
 * <pre>{@code
 * String version = BundleWriter.forDataset(data)
 *     .factors(als.factors())
 *     .similarItems(neighbors)
 *     .popularity(global, trending, byCategory)
 *     .publish(modelsDir, 3);
 * }</pre>
 */
public final class BundleWriter {
  /** The layout version; {@link ModelBundle} refuses others. */
  public static final int FORMAT_VERSION = 1;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Dataset data;
  private final int users;
  private final int items;
  private Map<String, Object> parameters = Map.of();
  private Map<String, Map<String, Double>> metrics = Map.of();
  private Factors factors;
  private RankedLists similar;
  private RankedLists candidates;
  private byte[] candidateModel;
  private List<String> candidateModels = List.of();
  private ScoredItems popular = ScoredItems.EMPTY;
  private ScoredItems trending = ScoredItems.EMPTY;
  private RankedLists popularByCategory;
  private SegmentAssignment segments;
  private RankedLists popularBySegment;
  private PurchaseHistory purchases;
  private Path profiles;

  private BundleWriter(Dataset data) {
    this.data = data;
    this.users = data.users().size();
    this.items = data.items().size();
  }

  /** A bundle for models trained on {@code data}: its users, items, catalog and time window. */
  public static BundleWriter forDataset(Dataset data) {
    return new BundleWriter(data);
  }

  /** The training configuration, recorded in the manifest. */
  public BundleWriter parameters(Map<String, ?> parameters) {
    this.parameters = new LinkedHashMap<>(parameters);
    return this;
  }

  /** Offline evaluation results by model name, recorded in the manifest. */
  public BundleWriter metrics(Map<String, Map<String, Double>> metrics) {
    this.metrics = Map.copyOf(metrics);
    return this;
  }

  /** Latent factors for every user and item. */
  public BundleWriter factors(Factors factors) {
    check(factors.userCount() == users, "factors", "user vectors", factors.userCount(), users);
    check(factors.itemCount() == items, "factors", "item vectors", factors.itemCount(), items);
    this.factors = factors;
    return this;
  }

  /** Each item's most similar items (one row per item). */
  public BundleWriter similarItems(RankedLists lists) {
    check(lists.rows() == items, "similar items", "rows", lists.rows(), items);
    checkItems("similar items", lists.items());
    this.similar = lists;
    return this;
  }

  /**
   * Each user's precomputed candidates (one row per user) and which model ranked each list.
   *
   * @param lists one row per user
   * @param modelOfUser per user, an index into {@code models}
   * @param models model names (at most 127)
   */
  public BundleWriter candidates(RankedLists lists, byte[] modelOfUser, List<String> models) {
    check(lists.rows() == users, "candidates", "rows", lists.rows(), users);
    check(modelOfUser.length == users, "candidates", "model codes", modelOfUser.length, users);
    checkItems("candidates", lists.items());
    for (int u = 0; u < users; u++) {
      if (modelOfUser[u] < 0 || modelOfUser[u] >= models.size()) {
        throw new IllegalArgumentException("candidates: user " + u + " has model code " + modelOfUser[u] + " but there are " + models.size() + " models");
      }
    }
    this.candidates = lists;
    this.candidateModel = modelOfUser;
    this.candidateModels = List.copyOf(models);
    return this;
  }

  /**
   * The store's popularity tables.
   *
   * @param global most popular items overall
   * @param trending recently popular items
   * @param byCategory one row per category index of the catalog
   */
  public BundleWriter popularity(ScoredItems global, ScoredItems trending, RankedLists byCategory) {
    check(byCategory.rows() == data.categories().size(), "popularity by category", "rows", byCategory.rows(), data.categories().size());
    checkItems("popular items", global.items());
    checkItems("trending items", trending.items());
    checkItems("popularity by category", byCategory.items());
    this.popular = global;
    this.trending = trending;
    this.popularByCategory = byCategory;
    return this;
  }

  /** Each user's segment and each segment's popular items (one row per segment name). */
  public BundleWriter segments(SegmentAssignment segments, RankedLists popularBySegment) {
    check(segments.segmentOfUser().length == users, "segments", "users", segments.segmentOfUser().length, users);
    check(popularBySegment.rows() == segments.names().size(), "popularity by segment", "rows", popularBySegment.rows(), segments.names().size());
    checkItems("popularity by segment", popularBySegment.items());
    this.segments = segments;
    this.popularBySegment = popularBySegment;
    return this;
  }

  /** Every user's recent purchases and each item's repurchase cycle. */
  public BundleWriter purchases(PurchaseHistory purchases) {
    check(purchases.offsets().length == users + 1, "purchases", "user rows", purchases.offsets().length - 1, users);
    check(purchases.cycleMillis().length == items, "purchases", "item cycles", purchases.cycleMillis().length, items);
    checkItems("purchases", purchases.items());
    this.purchases = purchases;
    return this;
  }

  /**
   * A user-profile directory (from {@code qianmian features}) to copy into the bundle: its binary
   * columns and segments.json. Its JSON Lines export is left out: it is for people, nothing that
   * loads a bundle reads it, and at a million users it is most of the bundle's bytes and of the
   * time the reader spends checking them.
   */
  public BundleWriter profiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("profiles: " + directory + " is not a directory");
    }
    this.profiles = directory;
    return this;
  }

  /**
   * Writes the bundle as a new version of {@code modelsDir}, points {@code current} at it and deletes
   * all but the newest {@code keep} versions.
   *
   * @return the new version
   */
  public String publish(Path modelsDir, int keep) throws IOException {
    return publish(modelsDir, keep, Instant.now());
  }

  String publish(Path modelsDir, int keep, Instant now) throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, was " + keep);
    }
    Files.createDirectories(modelsDir);
    String version = ModelsDirectory.nextVersion(modelsDir, now);
    AtomicDirectory.publish(modelsDir.resolve(version), tmp -> writeInto(tmp, version, now));
    ModelsDirectory.setCurrent(modelsDir, version);
    ModelsDirectory.prune(modelsDir, keep);
    return version;
  }

  /** Writes the bundle's files into an empty folder (the manifest last). */
  void writeInto(Path dir, String version, Instant createdAt) throws IOException {
    Columns.writeStrings(dir.resolve(BundleLayout.USERS), data.users().ids().toArray(String[]::new));
    DatasetWriter.write(catalogOnly(data, createdAt), dir.resolve(BundleLayout.CATALOG));
    if (factors != null) {
      Files.createDirectories(dir.resolve(BundleLayout.USER_FACTORS).getParent());
      Columns.writeFloats(dir.resolve(BundleLayout.USER_FACTORS), factors.users());
      Columns.writeFloats(dir.resolve(BundleLayout.ITEM_FACTORS), factors.items());
    }
    BundleLayout.writeLists(dir, BundleLayout.SIMILAR, similar != null ? similar : RankedLists.empty(items));
    BundleLayout.writeLists(dir, BundleLayout.CANDIDATES, candidates != null ? candidates : RankedLists.empty(users));
    Columns.writeBytes(dir.resolve(BundleLayout.CANDIDATE_MODEL), candidateModel != null ? candidateModel : new byte[users]);
    BundleLayout.writeLists(dir, BundleLayout.POPULAR_GLOBAL, RankedLists.of(List.of(popular)));
    BundleLayout.writeLists(dir, BundleLayout.POPULAR_TRENDING, RankedLists.of(List.of(trending)));
    BundleLayout.writeLists(
        dir, BundleLayout.POPULAR_CATEGORY, popularByCategory != null ? popularByCategory : RankedLists.empty(data.categories().size()));
    writeSegments(dir);
    writePurchases(dir);
    if (profiles != null) {
      copyTree(profiles, dir.resolve(BundleLayout.PROFILES), p -> !p.getFileName().toString().endsWith(".jsonl"));
    }
    List<String> models = candidateModels.isEmpty() ? List.of("none") : candidateModels;
    BundleManifest manifest =
        new BundleManifest(
            FORMAT_VERSION,
            version,
            createdAt.toString(),
            window(data.info()),
            users,
            items,
            factors == null ? 0 : factors.rank(),
            models,
            parameters,
            metrics,
            fingerprints(dir));
    JSON.writeValue(dir.resolve(BundleLayout.MANIFEST).toFile(), manifest);
  }

  private void writeSegments(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(BundleLayout.SEGMENT_NAMES).getParent());
    if (segments == null) {
      Columns.writeStrings(dir.resolve(BundleLayout.SEGMENT_NAMES), new String[0]);
      int[] none = new int[users];
      Arrays.fill(none, -1);
      Columns.writeInts(dir.resolve(BundleLayout.SEGMENT_OF_USER), none);
      BundleLayout.writeLists(dir, BundleLayout.POPULAR_SEGMENT, RankedLists.empty(0));
    } else {
      Columns.writeStrings(dir.resolve(BundleLayout.SEGMENT_NAMES), segments.names().toArray(String[]::new));
      Columns.writeInts(dir.resolve(BundleLayout.SEGMENT_OF_USER), segments.segmentOfUser());
      BundleLayout.writeLists(dir, BundleLayout.POPULAR_SEGMENT, popularBySegment);
    }
  }

  private void writePurchases(Path dir) throws IOException {
    PurchaseHistory p = purchases != null ? purchases : PurchaseHistory.none(users, items);
    Files.createDirectories(dir.resolve(BundleLayout.PURCHASE_OFFSETS).getParent());
    Columns.writeInts(dir.resolve(BundleLayout.PURCHASE_OFFSETS), p.offsets());
    Columns.writeInts(dir.resolve(BundleLayout.PURCHASE_ITEMS), p.items());
    Columns.writeLongs(dir.resolve(BundleLayout.PURCHASE_TIMES), p.times());
    Columns.writeLongs(dir.resolve(BundleLayout.PURCHASE_CYCLE), p.cycleMillis());
  }

  private static BundleManifest.DataWindow window(DatasetInfo info) {
    boolean any = info.events() > 0;
    return new BundleManifest.DataWindow(
        any ? Instant.ofEpochMilli(info.firstEvent()).toString() : null,
        any ? Instant.ofEpochMilli(info.lastEvent()).toString() : null,
        info.events());
  }

  /** The dataset's catalog alone: items, categories, brands, campaigns; no events, no users. */
  private static Dataset catalogOnly(Dataset d, Instant createdAt) {
    Catalog c = d.catalog();
    IdDictionary none = IdDictionary.of(List.of());
    DatasetInfo info =
        new DatasetInfo(
            DatasetWriter.FORMAT_VERSION, createdAt.toString(), "catalog of " + d.info().source(), 0, 0, d.items().size(), 0, 0, Map.of(), Map.of());
    Events events =
        new Events(new int[0], new int[0], new byte[0], new long[0], new int[0], new float[0], new int[0], new int[0], new int[0], new int[0], new int[0]);
    UserTable userTable = new UserTable(new String[0], new String[0], new String[0], new long[0]);
    return new Dataset(info, events, c, userTable, none, d.items(), d.categories(), d.brands(), none, none, d.channels(), d.campaigns(), none);
  }

  private static void copyTree(Path from, Path to, Predicate<Path> wanted) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p) && wanted.test(p)) {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Size, SHA-256 and CRC-32C of every file below {@code dir}, by relative path; files read in parallel, largest first. */
  static Map<String, BundleManifest.FileEntry> fingerprints(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).filter(f -> !BundleLayout.relativeName(dir, f).equals(BundleLayout.MANIFEST)).forEach(files::add);
    }
    long[] sizes = new long[files.size()];
    for (int f = 0; f < sizes.length; f++) {
      sizes[f] = Files.size(files.get(f));
    }
    Integer[] order = new Integer[files.size()];
    Arrays.setAll(order, f -> f);
    Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
    BundleManifest.FileEntry[] entries = new BundleManifest.FileEntry[files.size()];
    try {
      Arrays.stream(order)
          .parallel()
          .forEach(
              f -> {
                try {
                  entries[f] = BundleLayout.fingerprint(files.get(f));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, BundleManifest.FileEntry> out = new TreeMap<>();
    for (int f = 0; f < entries.length; f++) {
      out.put(BundleLayout.relativeName(dir, files.get(f)), entries[f]);
    }
    return out;
  }

  private void checkItems(String part, int[] entries) {
    for (int k = 0; k < entries.length; k++) {
      if (entries[k] < 0 || entries[k] >= items) {
        throw new IllegalArgumentException(part + ": item index " + entries[k] + " at entry " + k + " is outside 0.." + (items - 1));
      }
    }
  }

  private static void check(boolean ok, String part, String what, int actual, int expected) {
    if (!ok) {
      throw new IllegalArgumentException(part + ": " + actual + " " + what + ", expected " + expected);
    }
  }
}
