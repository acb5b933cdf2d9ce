package io.qianmian.serving.model;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.segment.Segment;
import io.qianmian.features.profile.UserProfile;
import io.qianmian.serving.catalog.CatalogFragments;
import io.qianmian.serving.catalog.CatalogIndex;
import io.qianmian.serving.catalog.ItemVectors;
import io.qianmian.trainer.model.ScoredItems;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded model as the request path sees it: the bundle plus what serving derives from it (the
 * Lucene catalog index, category lookup by name). Immutable; a request takes the current snapshot
 * once and uses only it, so a hot swap never mixes two models within one answer.
 */
public final class Model {
  private final Bundle bundle;
  private static final Logger LOG = System.getLogger(Model.class.getName());

  private final CompletableFuture<CatalogIndex> index;
  private final CatalogFragments fragments;
  private final Catalog catalog;
  private final IdDictionary items;
  /** Item ids as strings, made once: every answer and exposure names its items. */
  private final List<String> itemIds;
  private final IdDictionary categories;
  private final Map<String, int[]> categoriesByName;
  private final int rank;
  private final FloatBuffer userFactors;
  private final float[] itemFactors;
  private final int userVectors;
  private final SharedList popular;
  private final SharedList[] popularBySegment;
  private final CompletableFuture<ProfileStore> profiles;
  private final CompletableFuture<ItemVectors> vectors;
  private final Instant loadedAt;

  private Model(
      Bundle bundle, CatalogFragments fragments, CompletableFuture<CatalogIndex> index, Map<String, int[]> categoriesByName,
      CompletableFuture<ProfileStore> profiles,
      CompletableFuture<ItemVectors> vectors, Instant loadedAt) {
    this.bundle = bundle;
    this.index = index;
    this.fragments = fragments;
    this.profiles = profiles;
    this.vectors = vectors;
    Dataset c = bundle.catalog();
    this.catalog = c.catalog();
    this.items = c.items();
    this.itemIds = items.ids();
    this.categories = c.categories();
    this.categoriesByName = categoriesByName;
    this.rank = bundle.rank();
    this.userFactors = bundle.userFactors();
    this.itemFactors = bundle.itemFactors();
    this.userVectors = rank == 0 ? 0 : userFactors.limit() / rank;
    this.popular = shared(bundle.popular());
    this.popularBySegment = new SharedList[bundle.segments().size()];
    for (int s = 0; s < popularBySegment.length; s++) {
      popularBySegment[s] = shared(bundle.popularInSegment(s));
    }
    this.loadedAt = loadedAt;
  }

  /**
   * A list that many answers start from (the store's or a segment's popular items), with its items'
   * factors copied into a column-major block (empty without factors): one query's inner products
   * with all of them are then a few passes over kilobytes that stay in cache, which the JIT turns
   * into vector instructions, instead of a scattered row of a table of megabytes for each item.
   *
   * @param list the items, best first
   * @param factors factor {@code f} of item {@code r} at {@code f * list.size() + r}
   */
  public record SharedList(ScoredItems list, float[] factors) {}

  private SharedList shared(ScoredItems list) {
    int n = list.size();
    float[] columns = new float[rank * n];
    for (int r = 0; r < n; r++) {
      for (int f = 0, at = list.items()[r] * rank; f < rank; f++, at++) {
        columns[f * n + r] = itemFactors[at];
      }
    }
    return new SharedList(list, columns);
  }

  /** The store's most popular items (as {@link Bundle#popular()}), with their factors. */
  public SharedList popular() {
    return popular;
  }

  /** The most popular items of a segment (as {@link Bundle#popularInSegment}), with their factors. */
  public SharedList popularInSegment(int segment) {
    return popularBySegment[segment];
  }

  /**
   * How the k-NN graph over item factors is built.
   *
   * @param maxConn HNSW links per node
   * @param beamWidth HNSW candidates per insertion
   */
  public record VectorOptions(int maxConn, int beamWidth) {}

  /**
   * Prepares a bundle for serving and returns as soon as it can answer recommendations: the id
   * dictionaries are warmed here (the first request would otherwise build them), everything else on
   * one background thread, in the order requests need it: the profile store (profile and campaign
   * answers wait for it — about a second for a million users — rather than answer without it), the
   * items' JSON fragments (made on demand until then), the Lucene catalog index (until it is built,
   * similar-items answers leave out content similarity), then the k-NN graph over item factors
   * (until it is built, k-NN sources are left out). {@link #awaitPrepared()} waits for all of it.
   * Each step logs how long it took.
   */
  public static Model of(Bundle bundle, VectorOptions options) {
    long start = System.nanoTime();
    String version = bundle.version();
    Dataset c = bundle.catalog();
    CatalogFragments fragments = new CatalogFragments(c.catalog(), c.items(), c.categories(), c.brands());
    CompletableFuture<ProfileStore> profiles = new CompletableFuture<>();
    CompletableFuture<CatalogIndex> index = new CompletableFuture<>();
    CompletableFuture<ItemVectors> vectors = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("qianmian-model-prep").start(() -> {
      step(profiles, version, "profile store", () -> {
        if (bundle.profiles().isEmpty()) {
          return null;
        }
        ProfileStore p = ProfileStore.read(bundle.profiles().get());
        p.userIndex(""); // builds the id map now rather than in a request
        return p;
      });
      step(new CompletableFuture<>(), version, "catalog JSON fragments", () -> {
        for (int i = 0; i < c.items().size(); i++) {
          fragments.of(i); // answers would make them one by one; made here, off the request path
        }
        return null;
      });
      step(index, version, "catalog index", () -> CatalogIndex.build(c.catalog(), c.categories(), c.brands()));
      step(vectors, version, "k-NN graph", () -> bundle.rank() == 0
          ? null
          : ItemVectors.build(bundle.rank(), bundle.itemFactors(), options.maxConn(), options.beamWidth()));
    });
    // IdDictionary builds its index on first lookup; do it now rather than in a request. User ids
    // stay bytes; item ids are made into strings once (see itemIds).
    bundle.users().indexOrMinusOne("");
    c.items().indexOrMinusOne("");
    c.categories().indexOrMinusOne("");
    Model m = new Model(bundle, fragments, index, byName(c.categories()), profiles, vectors, Instant.now());
    LOG.log(Level.INFO, "model " + version + ": dictionaries of " + bundle.users().size() + " users and "
        + c.items().size() + " items ready in " + millis(start) + " ms");
    return m;
  }

  /** A preparation step that may fail. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> void step(CompletableFuture<T> into, String version, String what, Step<T> step) {
    long start = System.nanoTime();
    try {
      into.complete(step.run());
      LOG.log(Level.INFO, "model " + version + ": " + what + " ready in " + millis(start) + " ms");
    } catch (Exception | Error e) {
      LOG.log(Level.ERROR, "model " + version + ": " + what + " failed", e);
      into.completeExceptionally(e);
    }
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static Map<String, int[]> byName(IdDictionary categories) {
    Map<String, List<Integer>> lists = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      String path = categories.id(c);
      int cut = path.lastIndexOf(CatalogItem.CATEGORY_SEPARATOR);
      String name = cut < 0 ? path : path.substring(cut + CatalogItem.CATEGORY_SEPARATOR.length());
      lists.computeIfAbsent(key(name), k -> new ArrayList<>()).add(c);
      lists.computeIfAbsent(key(path), k -> new ArrayList<>()).add(c);
    }
    Map<String, int[]> out = new HashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().distinct().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** The bundle's version. */
  public String version() {
    return bundle.version();
  }

  /** The bundle behind this snapshot. */
  public Bundle bundle() {
    return bundle;
  }

  /** The Lucene index of the catalog's text; empty while it is being built. Never blocks. */
  public Optional<CatalogIndex> index() {
    return Optional.ofNullable(index.getNow(null));
  }

  /**
   * The items nearest {@code query} in factor space; empty while the graph is being built (or when
   * the model has no factors). Never blocks.
   */
  public ScoredItems nearest(float[] query, int k) {
    ItemVectors v = vectors.getNow(null);
    return v == null ? ScoredItems.EMPTY : v.nearest(query, k);
  }

  /** Whether the k-NN graph is built (always true for a model without factors). */
  public boolean vectorsReady() {
    return vectors.isDone();
  }

  /** Whether everything built in the background is ready: profiles, catalog index, k-NN graph. */
  public boolean prepared() {
    return vectors.isDone() && index.isDone() && profiles.isDone();
  }

  /**
   * Waits until everything built in the background is ready.
   *
   * @throws java.util.concurrent.CompletionException when a step failed (the profile store could
   *     not be read…)
   */
  public void awaitPrepared() {
    CompletableFuture.allOf(profiles, index, vectors).join();
  }

  /**
   * The profile of a user, if the bundle carries profiles and this user's. Right after start-up this
   * waits for the profile store to be read.
   *
   * @throws java.util.concurrent.CompletionException when the profile store could not be read
   */
  public Optional<UserProfile> profile(String userId) {
    ProfileStore p = profiles.join();
    return p == null ? Optional.empty() : p.profile(userId);
  }

  /**
   * Whether {@code segment} is a learned cluster. A user's primary segment is the first rule segment
   * they match, else their cluster, so a user whose primary segment is a cluster is in no other
   * segment. False while the profile store is still being prepared (nothing is known yet).
   */
  public boolean isCluster(String segment) {
    ProfileStore p = profiles.getNow(null);
    if (p == null) {
      return false;
    }
    for (Segment s : p.segments()) {
      if (s.name().equals(segment)) {
        return s.kind() == Segment.Kind.CLUSTER;
      }
    }
    return false;
  }

  /** Whether the bundle carries user profiles at all. */
  public boolean hasProfiles() {
    return bundle.profiles().isPresent();
  }

  /** When this snapshot was prepared. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** Number of items. */
  public int itemCount() {
    return items.size();
  }

  /** The dense index of a user id, or -1 for a user the model does not know. */
  public int user(String userId) {
    return bundle.users().indexOrMinusOne(userId);
  }

  /** The name of a user's segment in this model's bundle, or null for unknown or unsegmented users. */
  public String segmentName(String userId) {
    return segmentName(user(userId));
  }

  /** The name of user {@code u}'s segment (the index {@link #user} gives), or null for -1 or an unsegmented user. */
  public String segmentName(int u) {
    int s = u >= 0 ? bundle.segmentOf(u) : -1;
    return s >= 0 ? bundle.segments().get(s) : null;
  }

  /** The dense index of an item id, or -1. */
  public int item(String itemId) {
    return items.indexOrMinusOne(itemId);
  }

  /** The id of item {@code i}. */
  public String itemId(int i) {
    return itemIds.get(i);
  }

  /** Item {@code i}'s id, title, category, price, brand and stock as a JSON fragment (see {@link CatalogFragments}). */
  public byte[] catalogJson(int i) {
    return fragments.of(i);
  }

  /** The display title of item {@code i}, or null. */
  public String title(int i) {
    return catalog.title()[i];
  }

  /** The category path of item {@code i} ({@code Home > Kitchen}), or null. */
  public String categoryPath(int i) {
    int c = catalog.category()[i];
    return c < 0 ? null : categories.id(c);
  }

  /** The brand of item {@code i}, or null. */
  public String brand(int i) {
    return bundle.catalog().brands().idOrNull(catalog.brand()[i]);
  }

  /** The list price of item {@code i}, NaN when unknown. */
  public float price(int i) {
    return catalog.price()[i];
  }

  /** Whether item {@code i} can be bought now. */
  public boolean inStock(int i) {
    return catalog.inStock()[i];
  }

  /** The leaf category of item {@code i}, or -1. */
  public int category(int i) {
    return catalog.category()[i];
  }

  /**
   * The categories a request's {@code category} parameter means: a full path ({@code Home >
   * Kitchen}) or a category's own name ({@code Kitchen}, every category of that name), ignoring
   * case; null when none matches.
   */
  public int[] categoriesNamed(String text) {
    return categoriesByName.get(key(text));
  }

  /** Whether item {@code i} lies within any of {@code categories} (or below one). */
  public boolean within(int i, int[] categories) {
    int c = catalog.category()[i];
    for (int ancestor : categories) {
      if (c >= 0 && catalog.isWithin(c, ancestor)) {
        return true;
      }
    }
    return false;
  }

  /** Length of the factor vectors, 0 when the model has none. */
  public int rank() {
    return rank;
  }

  /** User {@code u}'s factor vector (a copy), or null when the model has none or a zero one for {@code u}. */
  public float[] userVector(int u) {
    if (u < 0 || u >= userVectors) {
      return null;
    }
    float[] v = new float[rank];
    userFactors.get(u * rank, v);
    for (float x : v) {
      if (x != 0f) {
        return v;
      }
    }
    return null;
  }

  /** Adds {@code weight} × item {@code i}'s factor vector to {@code into}. */
  public void addItemVector(float[] into, int i, float weight) {
    for (int f = 0, at = i * rank; f < rank; f++, at++) {
      into[f] += weight * itemFactors[at];
    }
  }

  /** Item {@code i}'s factor vector (a copy). */
  public float[] itemVector(int i) {
    float[] v = new float[rank];
    System.arraycopy(itemFactors, i * rank, v, 0, rank);
    return v;
  }

  /** The inner product of {@code query} with item {@code i}'s factors. */
  public float dot(float[] query, int i) {
    return dot(query, itemFactors, i * rank);
  }

  /**
   * What turns a list's scores into inner products with {@code query} when they are inner products
   * of these item factors with a multiple of it (a factor-model list of the user whose normalized
   * vector the query is: the reciprocal of the vector's length); NaN when they are not. Checked at
   * the list's first and last item: two scattered factor rows read instead of one per item, which
   * were the costliest reads of a re-rank.
   */
  public float scoreScale(float[] query, ScoredItems list) {
    int last = list.size() - 1;
    if (rank == 0 || last < 1 || list.scores()[0] == 0f) {
      return Float.NaN;
    }
    float top = dot(query, list.items()[0]);
    float scale = top / list.scores()[0];
    float actual = dot(query, list.items()[last]);
    float expected = scale * list.scores()[last];
    return Math.abs(actual - expected) <= 1e-4f * (Math.abs(top) + Math.abs(actual)) ? scale : Float.NaN;
  }

  /** The inner products of {@code query} with the factors of a shared list's items, in list order. */
  public float[] dots(float[] query, SharedList list) {
    int n = list.list().size();
    float[] out = new float[n];
    float[] columns = list.factors();
    // Item by item within each factor: independent multiply-adds over consecutive floats.
    for (int f = 0; f < rank; f++) {
      float q = query[f];
      for (int r = 0, at = f * n; r < n; r++, at++) {
        out[r] += q * columns[at];
      }
    }
    return out;
  }

  private static float dot(float[] query, float[] rows, int at) {
    // Four independent sums: one running sum is a chain of dependent additions the JIT cannot
    // reorder, and re-ranking takes a few hundred of these per answer.
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int rank = query.length;
    int f = 0;
    for (; f + 3 < rank; f += 4, at += 4) {
      s0 += query[f] * rows[at];
      s1 += query[f + 1] * rows[at + 1];
      s2 += query[f + 2] * rows[at + 2];
      s3 += query[f + 3] * rows[at + 3];
    }
    for (; f < rank; f++, at++) {
      s0 += query[f] * rows[at];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
