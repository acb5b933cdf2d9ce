package io.qianmian.trainer.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.io.JsonValues;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, checksum-valid model bundle: everything the server needs to answer without the training
 * data. Loading checks the format version, that every file of the manifest is present with its size
 * and SHA-256 (and no other file is), and that the parts fit together; a bundle that fails any check
 * is refused with an {@link InvalidBundleException} naming the file. Immutable and safe to share
 * between threads; methods that return rankings return copies. The per-user columns (candidate
 * lists, user factors) are read from a mapping of their files, checked in place: the bundle's
 * files must not be changed while it is loaded (published bundles never are).
 *
 * <p>Users and items are the dense indexes of {@link #users()} and {@link #items()}; map string ids
 * with those dictionaries at the edge. See {@link BundleLayout} for the file layout and {@link
 * BundleWriter} for the writer.
 */
public final class ModelBundle {
  private final Path directory;
  private final BundleManifest manifest;
  private final IdDictionary users;
  private final Dataset catalog;
  private final StoredFactors factors;
  private final RankedLists similar;
  private final StoredLists candidates;
  private final byte[] candidateModel;
  private final ScoredItems popular;
  private final ScoredItems trending;
  private final RankedLists popularByCategory;
  private final List<String> segments;
  private final Map<String, Integer> segmentIndex;
  private final int[] segmentOfUser;
  private final RankedLists popularBySegment;
  private final PurchaseHistory purchases;
  private final Path profiles;

  private ModelBundle(Path dir, BundleManifest manifest, VerifiedFiles files) throws IOException {
    this.directory = dir;
    this.manifest = manifest;
    int userCount = manifest.users();
    int itemCount = manifest.items();
    users = IdDictionary.parse(files.bytes(BundleLayout.USERS), dir.resolve(BundleLayout.USERS).toString());
    expect(dir, BundleLayout.USERS, "ids", users.size(), userCount);
    catalog = DatasetReader.read(dir.resolve(BundleLayout.CATALOG));
    expect(dir, BundleLayout.CATALOG, "items", catalog.items().size(), itemCount);
    factors = manifest.rank() > 0 ? readFactors(dir, files, manifest) : null;
    similar = BundleLayout.readLists(dir, files, BundleLayout.SIMILAR, itemCount, itemCount);
    candidates = BundleLayout.readStoredLists(dir, files, BundleLayout.CANDIDATES, userCount, itemCount);
    candidateModel = files.bytes(BundleLayout.CANDIDATE_MODEL);
    expect(dir, BundleLayout.CANDIDATE_MODEL, "codes", candidateModel.length, userCount);
    checkCodes(dir, BundleLayout.CANDIDATE_MODEL, candidateModel, 0, manifest.candidateModels().size());
    popular = BundleLayout.readLists(dir, files, BundleLayout.POPULAR_GLOBAL, 1, itemCount).list(0);
    trending = BundleLayout.readLists(dir, files, BundleLayout.POPULAR_TRENDING, 1, itemCount).list(0);
    popularByCategory = BundleLayout.readLists(dir, files, BundleLayout.POPULAR_CATEGORY, catalog.categories().size(), itemCount);
    segments = List.of(files.strings(BundleLayout.SEGMENT_NAMES));
    segmentIndex = new HashMap<>();
    for (int s = 0; s < segments.size(); s++) {
      segmentIndex.put(segments.get(s), s);
    }
    segmentOfUser = files.ints(BundleLayout.SEGMENT_OF_USER);
    expect(dir, BundleLayout.SEGMENT_OF_USER, "users", segmentOfUser.length, userCount);
    if (!files.allWithin(BundleLayout.SEGMENT_OF_USER, -1, segments.size() - 1)) {
      for (int u = 0; u < userCount; u++) {
        if (segmentOfUser[u] < -1 || segmentOfUser[u] >= segments.size()) {
          throw BundleLayout.invalid(
              dir, BundleLayout.SEGMENT_OF_USER, "has segment " + segmentOfUser[u] + " for user " + u + " but there are " + segments.size() + " segments");
        }
      }
    }
    popularBySegment = BundleLayout.readLists(dir, files, BundleLayout.POPULAR_SEGMENT, segments.size(), itemCount);
    purchases = readPurchases(dir, files, userCount, itemCount);
    profiles = Files.isDirectory(dir.resolve(BundleLayout.PROFILES)) ? dir.resolve(BundleLayout.PROFILES) : null;
  }

  /**
   * Loads and checks the bundle in {@code dir}.
   *
   * @throws InvalidBundleException when the bundle is incomplete, corrupt, truncated or of another
   *     format version; the message names the file
   * @throws NoSuchFileException when {@code dir} is not a directory
   */
  public static ModelBundle load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a model bundle directory");
    }
    BundleManifest manifest = readManifest(dir);
    return new ModelBundle(dir, manifest, VerifiedFiles.load(dir, manifest, BundleLayout::mapped));
  }

  /**
   * Loads the bundle that {@code modelsDir/current} names (a text file holding a version, written by
   * {@link BundleWriter#publish}).
   */
  public static ModelBundle loadCurrent(Path modelsDir) throws IOException {
    String version =
        currentVersion(modelsDir)
            .orElseThrow(() -> new NoSuchFileException(modelsDir.resolve(ModelsDirectory.CURRENT)
                + " (no current model bundle: run 'qianmian train --out " + modelsDir + "')"));
    return load(modelsDir.resolve(version));
  }

  /** The version {@code modelsDir/current} names, if any; cheap enough to poll for new bundles. */
  public static Optional<String> currentVersion(Path modelsDir) throws IOException {
    return ModelsDirectory.current(modelsDir);
  }

  /** The bundle versions present in {@code modelsDir}, oldest first. */
  public static List<String> versions(Path modelsDir) throws IOException {
    return ModelsDirectory.versions(modelsDir);
  }

  /** The manifest: version, creation time, data window, parameters, metrics, checksums. */
  public BundleManifest manifest() {
    return manifest;
  }

  /** The bundle's version, e.g. {@code 2026-11-25T09:00:00Z-3} (the model version the API reports). */
  public String version() {
    return manifest.version();
  }

  /** Where it was loaded from. */
  public Path directory() {
    return directory;
  }

  /** User ids ↔ dense user indexes. */
  public IdDictionary users() {
    return users;
  }

  /** Item ids ↔ dense item indexes (the catalog's dictionary). */
  public IdDictionary items() {
    return catalog.items();
  }

  /**
   * The catalog (titles, category tree, brands, prices, stock, attributes) as a dataset with no
   * events and no users; its items are {@link #items()}.
   */
  public Dataset catalog() {
    return catalog;
  }

  /** The latent factors of the matrix-factorization model, when the bundle has one. */
  public Optional<StoredFactors> factors() {
    return Optional.ofNullable(factors);
  }

  /** The items most similar to {@code item}, best first; empty when it has no neighbors. */
  public ScoredItems similarItems(int item) {
    return similar.list(item);
  }

  /**
   * Item {@code rank} of {@code user}'s precomputed candidates, read in place: for a caller that
   * needs a few of them without a copy of the list. The rank must be below the list's length.
   */
  public int userCandidateItem(int user, int rank) {
    return candidates.item(user, rank);
  }

  /** The model that ranked {@code user}'s precomputed candidates; null when there are none. */
  public String userCandidateModel(int user) {
    return candidates.length(user) == 0 ? null : manifest.candidateModels().get(candidateModel[user]);
  }

  /** The precomputed candidates of {@code user} and the model that ranked them, if any. */
  public Optional<UserCandidates> userCandidates(int user) {
    if (candidates.length(user) == 0) {
      return Optional.empty();
    }
    return Optional.of(new UserCandidates(manifest.candidateModels().get(candidateModel[user]), candidates.list(user)));
  }

  /** The store's most popular items, best first. */
  public ScoredItems popular() {
    return popular;
  }

  /** The store's recently popular items (time-decayed counts), best first. */
  public ScoredItems trending() {
    return trending;
  }

  /**
   * The most popular items within {@code category} (a catalog category index) and its subcategories;
   * when it has no list, its nearest ancestor's; the store's list for -1.
   */
  public ScoredItems popularInCategory(int category) {
    for (int c = category; c >= 0; c = catalog.catalog().categoryParent()[c]) {
      if (popularByCategory.length(c) > 0) {
        return popularByCategory.list(c);
      }
    }
    return popular;
  }

  /** The most popular items among the users of a segment, if the bundle knows that segment. */
  public Optional<ScoredItems> popularInSegment(String segment) {
    Integer s = segmentIndex.get(segment);
    return s == null ? Optional.empty() : Optional.of(popularBySegment.list(s));
  }

  /** The segment names, in segment-id order; empty when trained without profiles. */
  public List<String> segments() {
    return segments;
  }

  /** The primary segment of {@code user}, if it has one. */
  public Optional<String> segmentOf(int user) {
    int s = segmentOfUser[user];
    return s < 0 ? Optional.empty() : Optional.of(segments.get(s));
  }

  /** The index in {@link #segments} of {@code user}'s primary segment, or -1. */
  public int segmentIndexOf(int user) {
    return segmentOfUser[user];
  }

  /** The recent purchases of {@code user}, oldest first. */
  public Purchases recentPurchases(int user) {
    return purchases.of(user);
  }

  /**
   * How long after a purchase item {@code item} may be recommended again, in milliseconds: {@link
   * PurchaseHistory#NEVER_AGAIN} (-1) for durables, 0 when right away.
   */
  public long repurchaseCycleMillis(int item) {
    return purchases.cycleMillis()[item];
  }

  /**
   * The items {@code user} bought too recently to recommend at {@code nowMillis}: durables bought
   * within the kept history, consumables within their repurchase cycle.
   */
  public ItemFilter purchaseExclusions(int user, long nowMillis) {
    int from = purchases.offsets()[user];
    int to = purchases.offsets()[user + 1];
    int[] blocked = new int[to - from];
    int n = 0;
    for (int k = from; k < to; k++) {
      int i = purchases.items()[k];
      if (purchases.blocks(i, purchases.times()[k], nowMillis)) {
        blocked[n++] = i;
      }
    }
    if (n == 0) {
      return ItemFilter.NONE;
    }
    int[] sorted = Arrays.copyOf(blocked, n);
    Arrays.sort(sorted);
    return i -> Arrays.binarySearch(sorted, i) >= 0;
  }

  /** The user-profile directory copied into the bundle, when it was trained with one. */
  public Optional<Path> profiles() {
    return Optional.ofNullable(profiles);
  }

  private static BundleManifest readManifest(Path dir) throws IOException {
    Path file = dir.resolve(BundleLayout.MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new InvalidBundleException(file, "model bundle " + dir + " is incomplete: " + BundleLayout.MANIFEST + " is missing");
    }
    Map<String, Object> json;
    try {
      json = JsonValues.readObject(file);
    } catch (JsonProcessingException e) {
      throw new InvalidBundleException(file, "model bundle " + dir + " has an unreadable " + BundleLayout.MANIFEST + ": " + e.getOriginalMessage(), e);
    }
    try {
      int format = json.get("formatVersion") instanceof Integer v ? v : -1;
      if (format != BundleWriter.FORMAT_VERSION) {
        throw new InvalidBundleException(file, "model bundle " + dir + " has format version " + format + " in "
            + BundleLayout.MANIFEST + "; this version reads " + BundleWriter.FORMAT_VERSION);
      }
      BundleManifest m = manifestOf(json);
      if (m.users() < 0 || m.items() < 0 || m.rank() < 0) {
        throw new IllegalArgumentException("negative 'users', 'items' or 'rank'");
      }
      return m;
    } catch (IllegalArgumentException e) {
      throw new InvalidBundleException(file, "model bundle " + dir + " has an incomplete " + BundleLayout.MANIFEST + ": " + e.getMessage(), e);
    }
  }

  /** The manifest from its JSON (read with the streaming parser: see {@link JsonValues}). */
  private static BundleManifest manifestOf(Map<String, Object> json) {
    Map<String, Object> data = JsonValues.requiredObject(json, "data");
    Map<String, BundleManifest.FileEntry> files = new HashMap<>();
    JsonValues.requiredObject(json, "files").forEach((name, v) -> {
      Map<String, Object> f = JsonValues.asObject(name, v);
      files.put(name, new BundleManifest.FileEntry(
          JsonValues.longField(f, "size"), JsonValues.stringOrNull(f, "sha256"), JsonValues.stringOrNull(f, "crc32c")));
    });
    Map<String, Map<String, Double>> metrics = new HashMap<>();
    JsonValues.objectField(json, "metrics").forEach((model, v) -> {
      Map<String, Double> values = new HashMap<>();
      JsonValues.asObject(model, v).forEach((metric, x) -> values.put(metric, JsonValues.asDouble(metric, x)));
      metrics.put(model, values);
    });
    return new BundleManifest(
        JsonValues.intField(json, "formatVersion"),
        JsonValues.stringOrNull(json, "version"),
        JsonValues.stringOrNull(json, "createdAt"),
        new BundleManifest.DataWindow(
            JsonValues.stringOrNull(data, "firstEvent"), JsonValues.stringOrNull(data, "lastEvent"), JsonValues.longField(data, "events")),
        JsonValues.intField(json, "users"),
        JsonValues.intField(json, "items"),
        JsonValues.intField(json, "rank"),
        JsonValues.stringList(json, "candidateModels"),
        JsonValues.objectField(json, "parameters"),
        metrics,
        files);
  }

  private static StoredFactors readFactors(Path dir, VerifiedFiles files, BundleManifest m) throws IOException {
    FloatBuffer u = files.floatBuffer(BundleLayout.USER_FACTORS);
    float[] i = files.floats(BundleLayout.ITEM_FACTORS);
    expect(dir, BundleLayout.USER_FACTORS, "values", u.limit(), (long) m.users() * m.rank());
    expect(dir, BundleLayout.ITEM_FACTORS, "values", i.length, (long) m.items() * m.rank());
    return new StoredFactors(m.rank(), u, i);
  }

  private static PurchaseHistory readPurchases(Path dir, VerifiedFiles files, int userCount, int itemCount) throws IOException {
    int[] offsets = files.ints(BundleLayout.PURCHASE_OFFSETS);
    int[] items = files.ints(BundleLayout.PURCHASE_ITEMS);
    long[] times = files.longs(BundleLayout.PURCHASE_TIMES);
    long[] cycle = files.longs(BundleLayout.PURCHASE_CYCLE);
    expect(dir, BundleLayout.PURCHASE_OFFSETS, "offsets", offsets.length, userCount + 1L);
    expect(dir, BundleLayout.PURCHASE_CYCLE, "cycles", cycle.length, itemCount);
    if (!files.allWithin(BundleLayout.PURCHASE_ITEMS, 0, itemCount - 1)) {
      BundleLayout.checkItems(dir, BundleLayout.PURCHASE_ITEMS, files.intBuffer(BundleLayout.PURCHASE_ITEMS), itemCount);
    }
    try {
      return new PurchaseHistory(offsets, items, times, cycle);
    } catch (IllegalArgumentException e) {
      throw BundleLayout.invalid(dir, BundleLayout.PURCHASE_OFFSETS, "does not match its items and times: " + e.getMessage());
    }
  }

  private static void checkCodes(Path dir, String file, byte[] codes, int min, int count) throws InvalidBundleException {
    for (int u = 0; u < codes.length; u++) {
      if (codes[u] < min || codes[u] >= count) {
        throw BundleLayout.invalid(dir, file, "has code " + codes[u] + " at user " + u + " but the manifest names " + count + " models");
      }
    }
  }

  private static void expect(Path dir, String file, String what, long actual, long expected) throws InvalidBundleException {
    if (actual != expected) {
      throw BundleLayout.invalid(dir, file, "has " + actual + " " + what + ", " + BundleLayout.MANIFEST + " says " + expected);
    }
  }
}
