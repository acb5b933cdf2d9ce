package io.qianmian.trainer.als;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.SparseRows;
import io.qianmian.trainer.linalg.TransposedBlock;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Implicit-feedback matrix factorization (Hu, Koren and Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", 2008): every user × item cell has preference 1 if the user interacted
 * with the item, else 0, weighted by confidence {@code 1 + alpha · strength}; user and item vectors
 * alternate, each solved with a few warm-started conjugate-gradient steps (Takács, Pilászy and Tikk,
 * "Applications of the conjugate gradient method for implicit feedback collaborative filtering",
 * 2011) instead of a full k × k solve, which makes a sweep linear in the non-zeros.
 *
 * <p>The cells without an interaction can be weighted per item by popularity, as in eALS (He,
 * Zhang, Kan and Chua, "Fast Matrix Factorization for Online Recommendation with Implicit Feedback",
 * SIGIR 2016; see {@link AlsParameters#popularityExponent()}): a popular item that a user has not
 * taken was more likely seen and passed over than an obscure one. The weights fold into the item
 * Gram matrix for the user sweep and scale the user Gram matrix per item in the item sweep, so a
 * sweep costs what the uniform weighting costs.
 *
 * <p>Rows are solved in parallel over a fixed partition; each row's solve reads only the other
 * side's vectors, so results are bit-identical for a seed whatever the number of cores.
 */
public final class AlsTrainer implements ModelTrainer {
  private final AlsParameters params;
  /** Sweep buffers, one per worker thread and reused across sweeps (rows of a sweep are many and short). */
  private final ThreadLocal<Scratch> scratch;

  public AlsTrainer(AlsParameters params) {
    this.params = params;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(params.rank()));
  }

  @Override
  public String name() {
    return "als";
  }

  @Override
  public AlsModel fit(Interactions train, Progress progress) {
    int k = params.rank();
    SplittableRandom rnd = new SplittableRandom(params.seed());
    float[] users = new float[train.userCount() * k];
    float[] items = new float[train.itemCount() * k];
    // Small random starts: zero vectors would make every CG step zero.
    float scale = (float) (0.1 / Math.sqrt(k));
    for (int i = 0; i < items.length; i++) {
      items[i] = (float) (rnd.nextDouble() * scale);
    }
    for (int u = 0; u < users.length; u++) {
      users[u] = (float) (rnd.nextDouble() * scale);
    }
    Interactions byItem = SparseRows.transpose(train);
    // Null when uniform: every cell weighs 1 and the sweeps skip the per-cell look-ups.
    float[] missing = params.popularityExponent() == 0 ? null : missingWeights(byItem, params.popularityExponent());
    try (Progress.Task task = progress.begin("als rank " + k, params.iterations(), "iterations")) {
      // Each side's Gram matrix is computed once per sweep and serves both the other side's solve
      // and the loss; the item one is weighted by the missing-cell weights.
      double[] itemGram = gram(items, k, missing);
      for (int it = 1; it <= params.iterations(); it++) {
        long start = System.nanoTime();
        sweep(train, items, users, toFloats(itemGram), missing, null, false);
        double[] userGram = gram(users, k, null);
        double observed = sweep(byItem, users, items, toFloats(userGram), null, missing, true);
        itemGram = gram(items, k, missing);
        double loss = loss(train, observed, userGram, itemGram, missing, items);
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stepTo(it);
        task.message(String.format(Locale.ROOT, "iteration %d loss %.5f (%.2f s)", it, loss, seconds));
      }
    }
    return new AlsModel(new Factors(k, users, items), train);
  }

  /**
   * Solves every row vector of {@code solved} against the fixed vectors {@code fixed}, whose Gram
   * matrix is {@code gram}. The missing-cell weights come as {@code columnWeights} in the user sweep
   * (per item, the columns; already inside {@code gram}) and as {@code rowWeights} in the item sweep
   * (per item, the rows; each scales {@code gram}); both null when uniform. The item sweep
   * ({@code observedLoss}) returns the sum over the observed cells of c (1 − s)² − w s², s = x·y after
   * the solve (the observed part of the loss, summed per chunk in chunk order so that it is the same
   * on every machine); the user sweep returns 0.
   */
  private double sweep(Interactions rows, float[] fixed, float[] solved, float[] gram, float[] columnWeights, float[] rowWeights, boolean observedLoss) {
    double[] partial = new double[Chunks.COUNT];
    Chunks.forEach(
        rows.userCount(),
        (chunk, from, to) -> {
          Scratch s = scratch.get();
          double sum = 0;
          for (int row = from; row < to; row++) {
            sum += solveRow(rows, row, fixed, solved, gram, columnWeights, rowWeights, observedLoss, s);
          }
          partial[chunk] = sum;
        });
    double total = 0;
    for (double x : partial) {
      total += x;
    }
    return total;
  }

  /** Entries per tile of a row's transposed vectors: a tile (TILE × rank floats) stays in L1. */
  static final int TILE = 64;

  /**
   * Per-thread buffers of a sweep: the CG vectors and a row's fixed vectors gathered into one
   * contiguous block, so that the CG steps stream them from cache instead of fetching them again
   * from all over a large factor array (the item sweep reads 1 M user vectors at random).
   */
  private static final class Scratch {
    final float[] r;
    final float[] p;
    final float[] ap;
    /**
     * The row's vectors, row-major (for sums of scaled vectors) and transposed tile by tile (for
     * their dot products): entry e's value a at {@code (e / TILE)·TILE·k + a·len + e % TILE}, len
     * the tile's length. Whole-row transposition of a popular item's 10⁴ entries would scatter
     * every copied value to another cache line out of L2.
     */
    float[] ys;
    float[] yt;
    /** Confidence c of each of the row's cells. */
    float[] conf;
    /** c − w: what the cell weighs beyond the missing-cell weight w already in the Gram matrix. */
    float[] cw;
    float[] t;
    /** Keeps the prefetching loads of the gather alive. */
    float sink;

    Scratch(int k) {
      r = new float[k];
      p = new float[k];
      ap = new float[k];
      grow(256, k);
    }

    /** Makes room for a row of {@code n} vectors. */
    void fit(int n, int k) {
      if (cw.length < n) {
        grow(Math.max(n, cw.length * 2), k);
      }
    }

    private void grow(int m, int k) {
      conf = new float[m];
      cw = new float[m];
      t = new float[m];
      ys = new float[m * k];
      yt = new float[m * k];
    }
  }

  /**
   * The Gram matrix Σ_r w_r v_r v_rᵀ of one side's vectors v_r, summed in double (it adds up every
   * row); VᵀV when {@code weights} is null.
   */
  static double[] gram(float[] fixed, int k, float[] weights) {
    int n = fixed.length / k;
    double[][] partial = new double[Chunks.COUNT][];
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          double[] g = new double[k * k];
          for (int row = from; row < to; row++) {
            int o = row * k;
            double w = weights == null ? 1 : weights[row];
            // The upper triangle only; mirrored below.
            for (int a = 0; a < k; a++) {
              double va = w * fixed[o + a];
              int ga = a * k;
              for (int b = a; b < k; b++) {
                g[ga + b] += va * fixed[o + b];
              }
            }
          }
          partial[chunk] = g;
        });
    double[] sum = new double[k * k];
    for (double[] g : partial) {
      if (g != null) {
        for (int x = 0; x < g.length; x++) {
          sum[x] += g[x];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        sum[a * k + b] = sum[b * k + a];
      }
    }
    return sum;
  }

  /** A Gram matrix as floats: the part of every row's system that all rows of a sweep share. */
  private static float[] toFloats(double[] gram) {
    float[] out = new float[gram.length];
    for (int x = 0; x < out.length; x++) {
      out[x] = (float) gram[x];
    }
    return out;
  }

  /**
   * Each item's weight on the cells of the users who did not interact with it: its number of users
   * to the power {@code exponent}, scaled to a mean of 1 over the catalog (so that λ and α keep
   * their scale). An item nobody has weighs 0; its vector is zero anyway.
   */
  static float[] missingWeights(Interactions byItem, float exponent) {
    int n = byItem.userCount();
    double[] raw = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      raw[i] = Math.pow(byItem.rowLength(i), exponent);
      sum += raw[i];
    }
    float[] out = new float[n];
    for (int i = 0; sum > 0 && i < n; i++) {
      out[i] = (float) (raw[i] * n / sum);
    }
    return out;
  }

  /**
   * A few CG steps on (YᵀWY + λI + Yᵀ(C − W)Y) x = Yᵀ C p for one row, starting from its current
   * vector, as in implicit's {@code least_squares_cg}; W holds the row's missing-cell weights (see
   * {@link #sweep}), C its cells' confidences. Returns the row's observed part of the loss with the
   * new vector when {@code observedLoss} is set, else 0.
   */
  private double solveRow(
      Interactions rows, int row, float[] fixed, float[] solved, float[] gram, float[] columnWeights, float[] rowWeights, boolean observedLoss, Scratch s) {
    int k = params.rank();
    int xo = row * k;
    int from = rows.rowStart()[row];
    int to = rows.rowStart()[row + 1];
    int n = to - from;
    if (n == 0) {
      // No interactions: the solution of λx + YᵀY x = 0 is the zero vector.
      java.util.Arrays.fill(solved, xo, xo + k, 0f);
      return 0;
    }
    s.fit(n, k);
    float[] r = s.r;
    float[] p = s.p;
    float[] ap = s.ap;
    float[] conf = s.conf;
    float[] cw = s.cw;
    float[] ys = s.ys;
    float[] yt = s.yt;
    float[] t = s.t;
    gather(rows.items(), from, n, fixed, k, s);
    float[] values = rows.values();
    float alpha = params.alpha();
    float lambda = params.lambda();
    // In the item sweep the row's own weight scales the shared Gram matrix; in the user sweep the
    // weights are inside it already and each cell's comes with its item.
    float scale = rowWeights == null ? 1 : rowWeights[row];
    for (int e = 0; e < n; e++) {
      conf[e] = 1 + alpha * values[from + e];
      cw[e] = conf[e] - (columnWeights == null ? scale : columnWeights[rows.items()[from + e]]);
    }
    // r = b − A x, with b = Σ c_i y_i and A x = s·G x + λx + Σ (c_i − w_i)(y_i · x) y_i
    addRows(gram, solved, xo, k, k, r, true);
    for (int a = 0; a < k; a++) {
      r[a] = -(scale * r[a] + lambda * solved[xo + a]);
    }
    multiplyRows(yt, n, solved, xo, k, t);
    for (int e = 0; e < n; e++) {
      t[e] = conf[e] - cw[e] * t[e];
    }
    addRows(ys, t, 0, n, k, r, false);
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = dot(r, 0, r, 0, k);
    for (int step = 0; step < params.cgSteps() && rsOld > 1e-20f; step++) {
      addRows(gram, p, 0, k, k, ap, true);
      for (int a = 0; a < k; a++) {
        ap[a] = scale * ap[a] + lambda * p[a];
      }
      multiplyRows(yt, n, p, 0, k, t);
      for (int e = 0; e < n; e++) {
        t[e] *= cw[e];
      }
      addRows(ys, t, 0, n, k, ap, false);
      float pAp = dot(p, 0, ap, 0, k);
      if (!(pAp > 0)) {
        break;
      }
      float step0 = rsOld / pAp;
      for (int a = 0; a < k; a++) {
        solved[xo + a] += step0 * p[a];
        r[a] -= step0 * ap[a];
      }
      float rsNew = dot(r, 0, r, 0, k);
      float beta = rsNew / rsOld;
      for (int a = 0; a < k; a++) {
        p[a] = r[a] + beta * p[a];
      }
      rsOld = rsNew;
    }
    if (!observedLoss) {
      return 0;
    }
    // The row's vectors are still in cache: its cells' part of the loss costs one more product.
    multiplyRows(yt, n, solved, xo, k, t);
    double sum = 0;
    for (int e = 0; e < n; e++) {
      double x = t[e];
      sum += conf[e] * (1 - x) * (1 - x) - scale * x * x;
    }
    return sum;
  }

  /**
   * Copies the vectors of a row's {@code n} entries into {@code s.ys} (row-major) and {@code s.yt}
   * (transposed per tile). Each tile's vectors are touched first with independent loads, so that
   * their cache misses overlap (the item sweep reads user vectors from all over 128 MB) instead of
   * coming one at a time with each copy.
   */
  private static void gather(int[] index, int from, int n, float[] fixed, int k, Scratch s) {
    float[] ys = s.ys;
    float[] yt = s.yt;
    float touch = 0;
    for (int t0 = 0; t0 < n; t0 += TILE) {
      int len = Math.min(TILE, n - t0);
      for (int j = 0; j < len; j++) {
        int src = index[from + t0 + j] * k;
        for (int a = 0; a < k; a += 16) {
          touch += fixed[src + a];
        }
        touch += fixed[src + k - 1];
      }
      for (int j = 0; j < len; j++) {
        System.arraycopy(fixed, index[from + t0 + j] * k, ys, (t0 + j) * k, k);
      }
      int base = t0 * k;
      for (int a = 0; a < k; a++) {
        int o = base + a * len;
        for (int j = 0; j < len; j++) {
          yt[o + j] = ys[base + j * k + a];
        }
      }
    }
    s.sink += touch;
  }

  /** out[e] = y_e · v for the n vectors stored transposed per tile in {@code yt}. */
  private static void multiplyRows(float[] yt, int n, float[] v, int vo, int k, float[] out) {
    for (int t0 = 0; t0 < n; t0 += TILE) {
      TransposedBlock.multiply(yt, t0 * k, Math.min(TILE, n - t0), k, v, vo, out, t0);
    }
  }

  /**
   * out (+)= Σ_e w[wo + e] · m_e over the first {@code n} rows m_e of the row-major {@code m}
   * ({@code k} values each), four rows per pass: the sum of scaled vectors in axpy form, which the
   * JIT vectorizes. With the symmetric Gram matrix as {@code m} this is the product G·w.
   */
  private static void addRows(float[] m, float[] w, int wo, int n, int k, float[] out, boolean clear) {
    if (clear) {
      java.util.Arrays.fill(out, 0, k, 0f);
    }
    int e = 0;
    for (; e + 3 < n; e += 4) {
      float w0 = w[wo + e];
      float w1 = w[wo + e + 1];
      float w2 = w[wo + e + 2];
      float w3 = w[wo + e + 3];
      int o0 = e * k;
      int o1 = o0 + k;
      int o2 = o1 + k;
      int o3 = o2 + k;
      for (int a = 0; a < k; a++) {
        out[a] += w0 * m[o0 + a] + w1 * m[o1 + a] + w2 * m[o2 + a] + w3 * m[o3 + a];
      }
    }
    for (; e < n; e++) {
      float we = w[wo + e];
      int o = e * k;
      for (int a = 0; a < k; a++) {
        out[a] += we * m[o + a];
      }
    }
  }

  /** x·y over k values, in four independent sums so that the additions pipeline. */
  static float dot(float[] x, int xo, float[] y, int yo, int k) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int a = 0;
    for (; a + 3 < k; a += 4) {
      s0 += x[xo + a] * y[yo + a];
      s1 += x[xo + a + 1] * y[yo + a + 1];
      s2 += x[xo + a + 2] * y[yo + a + 2];
      s3 += x[xo + a + 3] * y[yo + a + 3];
    }
    for (; a < k; a++) {
      s0 += x[xo + a] * y[yo + a];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * The weighted squared error plus regularization, per unit of weight: Σ over all cells of c
   * (p − x·y)² + λ(Σ|x|² + Σ|y|²), c the confidence of an observed cell and the item's missing-cell
   * weight w of any other. The sum over all cells of w (x·y)² is Σ_u xᵀ(YᵀWY)x = ⟨XᵀX, YᵀWY⟩, from
   * the two Gram matrices (the item one weighted); the observed cells' correction comes from the
   * item sweep, which has each item's user vectors at hand anyway.
   */
  private double loss(Interactions train, double observed, double[] userGram, double[] itemGram, float[] missing, float[] items) {
    int k = params.rank();
    double total = observed;
    for (int x = 0; x < k * k; x++) {
      total += userGram[x] * itemGram[x];
    }
    double strength = 0;
    for (float v : train.values()) {
      strength += v;
    }
    double missingSum = train.itemCount();
    if (missing != null) {
      missingSum = 0;
      for (float w : missing) {
        missingSum += w;
      }
    }
    double weight = train.userCount() * missingSum + params.alpha() * strength;
    // Σ|x|² is the trace of XᵀX; the item Gram matrix may be weighted, so Σ|y|² takes a pass.
    double norms = 0;
    for (int a = 0; a < k; a++) {
      norms += userGram[a * k + a];
    }
    for (float v : items) {
      norms += (double) v * v;
    }
    total += params.lambda() * norms;
    return total / weight;
  }
}
