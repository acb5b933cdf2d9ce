package io.qianmian.trainer.als;

import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A trained ALS model: scores are dot products of user and item vectors. Users without training
 * interactions get no recommendations (their vector is zero); blending supplies a fallback.
 *
 * <p>Up to {@link #EXHAUSTIVE_MAX_ITEMS} items every recommendation scores the whole catalog. Larger
 * catalogs are searched through an {@link InnerProductIndex} built on first use: exact whenever its
 * bounds prove it, else the best of the {@link #searchBudget} most promising items — scoring 1 M
 * users against 100 k items exhaustively would take an hour of CPU.
 */
public final class AlsModel implements Recommender {
  /** Catalogs up to this size are always scored whole (exact answers, cheap enough). */
  public static final int EXHAUSTIVE_MAX_ITEMS = 20_000;

  private final Factors factors;
  private final Interactions train;
  private final Object indexLock = new Object();
  private volatile InnerProductIndex index;
  private final ThreadLocal<InnerProductIndex.Scratch[]> scratch = ThreadLocal.withInitial(() -> new InnerProductIndex.Scratch[1]);

  AlsModel(Factors factors, Interactions train) {
    this.factors = factors;
    this.train = train;
  }

  @Override
  public String name() {
    return "als";
  }

  /** The user and item vectors (for the bundle and the server's vector search). */
  public Factors factors() {
    return factors;
  }

  /** The score of every item for user {@code u}. */
  public float[] scores(int u) {
    int k = factors.rank();
    float[] items = factors.items();
    float[] users = factors.users();
    float[] out = new float[factors.itemCount()];
    int uo = u * k;
    for (int i = 0; i < out.length; i++) {
      out[i] = AlsTrainer.dot(users, uo, items, i * k, k);
    }
    return out;
  }

  /** Items a search of a large catalog scores at most: a sixteenth of the catalog, at least 4,096. */
  public static int searchBudget(int itemCount) {
    return Math.max(4096, itemCount / 16);
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    if (factors.itemCount() <= EXHAUSTIVE_MAX_ITEMS) {
      return TopK.forUser(train, u, k, exclude, this::scores);
    }
    if (u < 0 || u >= train.userCount() || train.rowLength(u) == 0) {
      return ScoredItems.EMPTY;
    }
    InnerProductIndex.Scratch[] holder = scratch.get();
    if (holder[0] == null || holder[0].k != k) {
      holder[0] = index().scratch(k);
    }
    return index().search(factors.users(), u * factors.rank(), exclude, holder[0]);
  }

  /** Users per block of {@link #recommendBlock}: enough to share most clusters, few enough for cache. */
  public static final int BLOCK = 256;

  /** Items each query of a block takes into the shared, cluster-by-cluster pass (under every budget). */
  static final int BLOCK_HEAD = 2048;

  private final ThreadLocal<InnerProductIndex.BlockScratch[]> blockScratch = ThreadLocal.withInitial(() -> new InnerProductIndex.BlockScratch[1]);

  /**
   * What {@link #recommend}{@code (u, k, exclude.apply(u))} gives, for every user {@code u} of {@code
   * from .. to} (at most {@link #BLOCK} users), into {@code out[u − from]}. On large catalogs the
   * users are searched together, so that each index cluster is read from memory once for all users
   * that need it rather than once per user; the answers are the same.
   */
  public void recommendBlock(int from, int to, int k, IntFunction<ItemFilter> exclude, ScoredItems[] out) {
    if (to - from > BLOCK) {
      throw new IllegalArgumentException("at most " + BLOCK + " users per block, asked " + (to - from));
    }
    if (factors.itemCount() <= EXHAUSTIVE_MAX_ITEMS) {
      for (int u = from; u < to; u++) {
        out[u - from] = recommend(u, k, exclude.apply(u));
      }
      return;
    }
    InnerProductIndex.BlockScratch[] holder = blockScratch.get();
    if (holder[0] == null || holder[0].single.k != k) {
      holder[0] = index().blockScratch(k, BLOCK);
    }
    IntPredicate empty = u -> u < 0 || u >= train.userCount() || train.rowLength(u) == 0;
    for (int u = from; u < to; u++) {
      if (empty.test(u)) {
        out[u - from] = ScoredItems.EMPTY;
      }
    }
    index().searchBlock(factors.users(), from, to, exclude, empty, BLOCK_HEAD, holder[0], out);
  }

  private InnerProductIndex index() {
    InnerProductIndex i = index;
    if (i == null) {
      synchronized (indexLock) {
        i = index;
        if (i == null) {
          i = InnerProductIndex.build(factors.items(), factors.rank(), searchBudget(factors.itemCount()), 42);
          index = i;
        }
      }
    }
    return i;
  }
}
