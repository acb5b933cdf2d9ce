package io.qianmian.trainer.ease;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.linalg.Chunks;
import io.qianmian.trainer.linalg.SparseRows;
import io.qianmian.trainer.linalg.SymmetricInverse;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item × item
 * weight matrix with zero diagonal that best reconstructs the interactions under L2
 * regularization, in closed form: P = (XᵀX + λI)⁻¹, B = I − P·diag(1/diag(P)), i.e. B_ij = −P_ij /
 * P_jj off the diagonal. Dense, so only for catalogs up to {@link EaseParameters#maxItems()} items.
 */
public final class EaseTrainer implements ModelTrainer {
  private final EaseParameters params;

  public EaseTrainer(EaseParameters params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "ease";
  }

  /**
   * @throws IllegalArgumentException when the catalog has more than {@code maxItems} items
   */
  @Override
  public EaseModel fit(Interactions train, Progress progress) {
    int n = train.itemCount();
    if (n > params.maxItems()) {
      throw new IllegalArgumentException("EASE needs a dense " + n + " × " + n + " matrix; this catalog has " + n
          + " items, more than ease.maxItems = " + params.maxItems() + " (use als or cooccurrence for large catalogs)");
    }
    try (Progress.Task task = progress.begin("ease " + n + " items", 3, "steps")) {
      float[] g = gram(train, n);
      for (int i = 0; i < n; i++) {
        g[i * n + i] += (float) params.lambda();
      }
      task.stepTo(1);
      SymmetricInverse.invertInPlace(g, n);
      task.stepTo(2);
      float[] b = new float[n * n];
      Chunks.forEach(
          n,
          (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
              int row = i * n;
              for (int j = 0; j < n; j++) {
                b[row + j] = i == j ? 0f : -g[row + j] / g[j * n + j];
              }
            }
          });
      task.stepTo(3);
      return new EaseModel(n, b, train, params.binary());
    }
  }

  /** XᵀX, accumulated per item row from the users of that item (rows are independent). */
  private float[] gram(Interactions train, int n) {
    Interactions byItem = SparseRows.transpose(train);
    float[] g = new float[n * n];
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          for (int i = from; i < to; i++) {
            int row = i * n;
            for (int e = byItem.rowStart()[i]; e < byItem.rowStart()[i + 1]; e++) {
              int u = byItem.items()[e];
              float xi = params.binary() ? 1 : byItem.values()[e];
              for (int f = train.rowStart()[u]; f < train.rowStart()[u + 1]; f++) {
                g[row + train.items()[f]] += xi * (params.binary() ? 1 : train.values()[f]);
              }
            }
          }
        });
    return g;
  }
}
