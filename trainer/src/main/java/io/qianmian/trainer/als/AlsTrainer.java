package io.qianmian.trainer.als;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.SparseRows;
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
    try (Progress.Task task = progress.begin("als rank " + k, params.iterations(), "iterations")) {
      // Each side's Gram matrix is computed once per sweep and serves both the other side's solve
      // and the loss.
      double[] itemGram = gram(items, k);
      for (int it = 1; it <= params.iterations(); it++) {
        long start = System.nanoTime();
        sweep(train, items, users, regularized(itemGram));
        double[] userGram = gram(users, k);
        sweep(byItem, users, items, regularized(userGram));
        itemGram = gram(items, k);
        double loss = loss(train, users, items, userGram, itemGram);
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stepTo(it);
        task.message(String.format(Locale.ROOT, "iteration %d loss %.5f (%.2f s)", it, loss, seconds));
      }
    }
    return new AlsModel(new Factors(k, users, items), train);
  }

  /** Solves every row vector of {@code solved} against the fixed vectors {@code fixed}. */
  private void sweep(Interactions rows, float[] fixed, float[] solved, float[] gram) {
    Chunks.forEach(
        rows.userCount(),
        (chunk, from, to) -> {
          Scratch s = scratch.get();
          for (int row = from; row < to; row++) {
            solveRow(rows, row, fixed, solved, gram, s);
          }
        });
  }

  /**
   * Per-thread buffers of a sweep: the CG vectors and a row's fixed vectors gathered into one
   * contiguous block, so that the CG steps stream them from cache instead of fetching them again
   * from all over a large factor array (the item sweep reads 1 M user vectors at random).
   */
  private static final class Scratch {
    final float[] r;
    final float[] p;
    final float[] ap;
    /** The row's vectors, row-major (for sums of scaled vectors) and transposed (for their dot products). */
    float[] ys;
    float[] yt;
    float[] cw;
    float[] t;

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
      cw = new float[m];
      t = new float[m];
      ys = new float[m * k];
      yt = new float[m * k];
    }
  }

  /** The Gram matrix VᵀV of one side's vectors, summed in double: it adds up every row. */
  private static double[] gram(float[] fixed, int k) {
    int n = fixed.length / k;
    double[][] partial = new double[Chunks.COUNT][];
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          double[] g = new double[k * k];
          for (int row = from; row < to; row++) {
            int o = row * k;
            // The upper triangle only; mirrored below.
            for (int a = 0; a < k; a++) {
              double va = fixed[o + a];
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

  /** YᵀY + λI as floats: the part of every row's system that all rows of a sweep share. */
  private float[] regularized(double[] gram) {
    int k = params.rank();
    float[] out = new float[k * k];
    for (int x = 0; x < out.length; x++) {
      out[x] = (float) gram[x];
    }
    for (int a = 0; a < k; a++) {
      out[a * k + a] += params.lambda();
    }
    return out;
  }

  /**
   * A few CG steps on (YᵀY + λI + Yᵀ(C − I)Y) x = Yᵀ C p for one row, starting from its current
   * vector, as in implicit's {@code least_squares_cg}.
   */
  private void solveRow(Interactions rows, int row, float[] fixed, float[] solved, float[] gram, Scratch s) {
    int k = params.rank();
    int xo = row * k;
    int from = rows.rowStart()[row];
    int to = rows.rowStart()[row + 1];
    int n = to - from;
    if (n == 0) {
      // No interactions: the solution of λx + YᵀY x = 0 is the zero vector.
      java.util.Arrays.fill(solved, xo, xo + k, 0f);
      return;
    }
    s.fit(n, k);
    float[] r = s.r;
    float[] p = s.p;
    float[] ap = s.ap;
    float[] cw = s.cw;
    float[] ys = s.ys;
    float[] yt = s.yt;
    float[] t = s.t;
    int[] items = rows.items();
    float[] values = rows.values();
    float alpha = params.alpha();
    for (int e = 0; e < n; e++) {
      int src = items[from + e] * k;
      System.arraycopy(fixed, src, ys, e * k, k);
      for (int a = 0; a < k; a++) {
        yt[a * n + e] = fixed[src + a];
      }
      cw[e] = alpha * values[from + e];
    }
    // r = b − A x, with b = Σ c_i y_i and A x = YᵀY x + Σ (c_i − 1)(y_i · x) y_i
    multiplyGram(gram, solved, xo, r, k);
    for (int a = 0; a < k; a++) {
      r[a] = -r[a];
    }
    multiplyRows(yt, n, solved, xo, k, t);
    for (int e = 0; e < n; e++) {
      float w = (1 + cw[e]) - cw[e] * t[e];
      int yo = e * k;
      for (int a = 0; a < k; a++) {
        r[a] += w * ys[yo + a];
      }
    }
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = dot(r, 0, r, 0, k);
    for (int step = 0; step < params.cgSteps() && rsOld > 1e-20f; step++) {
      multiplyGram(gram, p, 0, ap, k);
      multiplyRows(yt, n, p, 0, k, t);
      for (int e = 0; e < n; e++) {
        float w = cw[e] * t[e];
        int yo = e * k;
        for (int a = 0; a < k; a++) {
          ap[a] += w * ys[yo + a];
        }
      }
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
  }

  /**
   * out[e] = y_e · v for the n vectors stored transposed in {@code yt}: one multiply-add over all
   * rows per dimension, which the JIT vectorizes (n dot products of length k it could not).
   */
  private static void multiplyRows(float[] yt, int n, float[] v, int vo, int k, float[] out) {
    java.util.Arrays.fill(out, 0, n, 0f);
    for (int a = 0; a < k; a++) {
      float va = v[vo + a];
      int base = a * n;
      for (int e = 0; e < n; e++) {
        out[e] += va * yt[base + e];
      }
    }
  }

  /**
   * out = G·v for the symmetric G, as a sum of G's rows scaled by v (axpy form, which the JIT
   * vectorizes; a row-times-vector dot product it cannot, since that would reorder a float sum).
   */
  private static void multiplyGram(float[] gram, float[] v, int vo, float[] out, int k) {
    java.util.Arrays.fill(out, 0, k, 0f);
    for (int b = 0; b < k; b++) {
      float vb = v[vo + b];
      int gb = b * k;
      for (int a = 0; a < k; a++) {
        out[a] += gram[gb + a] * vb;
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
   * The weighted squared error plus regularization, per unit of confidence: Σ over all cells of c
   * (p − x·y)² + λ(Σ|x|² + Σ|y|²). The sum over all cells of (x·y)² is Σ_u xᵀ(YᵀY)x = ⟨XᵀX, YᵀY⟩,
   * from the two Gram matrices; only the observed cells need a pass of their own.
   */
  private double loss(Interactions train, float[] users, float[] items, double[] userGram, double[] itemGram) {
    int k = params.rank();
    double[] partial = new double[Chunks.COUNT];
    double[] partialWeight = new double[Chunks.COUNT];
    Chunks.forEach(
        train.userCount(),
        (chunk, from, to) -> {
          double sum = 0;
          double weight = 0;
          for (int u = from; u < to; u++) {
            int xo = u * k;
            for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
              float conf = 1 + params.alpha() * train.values()[e];
              float s = dot(users, xo, items, train.items()[e] * k, k);
              sum += conf * (1 - s) * (1 - s) - s * s;
              weight += conf - 1;
            }
          }
          partial[chunk] = sum;
          partialWeight[chunk] = weight;
        });
    double total = 0;
    for (int x = 0; x < k * k; x++) {
      total += userGram[x] * itemGram[x];
    }
    double weight = (double) train.userCount() * train.itemCount();
    for (int c = 0; c < Chunks.COUNT; c++) {
      total += partial[c];
      weight += partialWeight[c];
    }
    for (int a = 0; a < k; a++) {
      total += params.lambda() * (userGram[a * k + a] + itemGram[a * k + a]);
    }
    return total / weight;
  }
}
