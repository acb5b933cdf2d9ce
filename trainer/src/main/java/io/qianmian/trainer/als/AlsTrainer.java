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

  public AlsTrainer(AlsParameters params) {
    this.params = params;
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
      for (int it = 1; it <= params.iterations(); it++) {
        long start = System.nanoTime();
        sweep(train, items, users);
        sweep(byItem, users, items);
        double loss = loss(train, users, items);
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stepTo(it);
        task.message(String.format(Locale.ROOT, "iteration %d loss %.5f (%.2f s)", it, loss, seconds));
      }
    }
    return new AlsModel(new Factors(k, users, items), train);
  }

  /** Solves every row vector of {@code solved} against the fixed vectors {@code fixed}. */
  private void sweep(Interactions rows, float[] fixed, float[] solved) {
    int k = params.rank();
    float[] gram = gram(fixed, k);
    Chunks.forEach(
        rows.userCount(),
        (chunk, from, to) -> {
          float[] r = new float[k];
          float[] p = new float[k];
          float[] ap = new float[k];
          for (int row = from; row < to; row++) {
            solveRow(rows, row, fixed, solved, gram, r, p, ap);
          }
        });
  }

  /**
   * The Gram matrix YᵀY + λI of the fixed side (summed in double: it adds up every row), shared by
   * all rows of a sweep.
   */
  private float[] gram(float[] fixed, int k) {
    int n = fixed.length / k;
    double[][] partial = new double[Chunks.COUNT][];
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          double[] g = new double[k * k];
          for (int row = from; row < to; row++) {
            int o = row * k;
            for (int a = 0; a < k; a++) {
              double va = fixed[o + a];
              int ga = a * k;
              for (int b = 0; b < k; b++) {
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
    float[] gram = new float[k * k];
    for (int x = 0; x < gram.length; x++) {
      gram[x] = (float) sum[x];
    }
    for (int a = 0; a < k; a++) {
      gram[a * k + a] += params.lambda();
    }
    return gram;
  }

  /**
   * A few CG steps on (YᵀY + λI + Yᵀ(C − I)Y) x = Yᵀ C p for one row, starting from its current
   * vector, as in implicit's {@code least_squares_cg}.
   */
  private void solveRow(Interactions rows, int row, float[] fixed, float[] solved, float[] gram, float[] r, float[] p, float[] ap) {
    int k = params.rank();
    int xo = row * k;
    int from = rows.rowStart()[row];
    int to = rows.rowStart()[row + 1];
    if (from == to) {
      // No interactions: the solution of λx + YᵀY x = 0 is the zero vector.
      java.util.Arrays.fill(solved, xo, xo + k, 0f);
      return;
    }
    // r = b − A x, with b = Σ c_i y_i and A x = YᵀY x + Σ (c_i − 1)(y_i · x) y_i
    multiplyGram(gram, solved, xo, r, k);
    for (int a = 0; a < k; a++) {
      r[a] = -r[a];
    }
    for (int e = from; e < to; e++) {
      float conf = 1 + params.alpha() * rows.values()[e];
      int yo = rows.items()[e] * k;
      float yx = dot(fixed, yo, solved, xo, k);
      float w = conf - (conf - 1) * yx;
      for (int a = 0; a < k; a++) {
        r[a] += w * fixed[yo + a];
      }
    }
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = dot(r, 0, r, 0, k);
    for (int step = 0; step < params.cgSteps() && rsOld > 1e-20f; step++) {
      multiplyGram(gram, p, 0, ap, k);
      for (int e = from; e < to; e++) {
        float conf = 1 + params.alpha() * rows.values()[e];
        int yo = rows.items()[e] * k;
        float w = (conf - 1) * dot(fixed, yo, p, 0, k);
        for (int a = 0; a < k; a++) {
          ap[a] += w * fixed[yo + a];
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
   * (p − x·y)², computed as Σ_u xᵀ(YᵀY)x over all cells plus a correction on the observed ones.
   */
  private double loss(Interactions train, float[] users, float[] items) {
    int k = params.rank();
    float[] gram = gram(items, k);
    for (int a = 0; a < k; a++) {
      gram[a * k + a] -= params.lambda();
    }
    double[] partial = new double[Chunks.COUNT];
    double[] partialWeight = new double[Chunks.COUNT];
    Chunks.forEach(
        train.userCount(),
        (chunk, from, to) -> {
          double sum = 0;
          double weight = 0;
          float[] gx = new float[k];
          for (int u = from; u < to; u++) {
            int xo = u * k;
            multiplyGram(gram, users, xo, gx, k);
            sum += dot(gx, 0, users, xo, k);
            for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
              float conf = 1 + params.alpha() * train.values()[e];
              float s = dot(users, xo, items, train.items()[e] * k, k);
              sum += conf * (1 - s) * (1 - s) - s * s;
              weight += conf - 1;
            }
            sum += params.lambda() * dot(users, xo, users, xo, k);
          }
          partial[chunk] = sum;
          partialWeight[chunk] = weight;
        });
    double total = 0;
    double weight = (double) train.userCount() * train.itemCount();
    for (int c = 0; c < Chunks.COUNT; c++) {
      total += partial[c];
      weight += partialWeight[c];
    }
    for (int i = 0; i < items.length; i += k) {
      total += params.lambda() * dot(items, i, items, i, k);
    }
    return total / weight;
  }
}
