package io.qianmian.trainer.linalg;

/**
 * Inverts a dense symmetric positive-definite matrix in place by blocked Gauss–Jordan elimination
 * without pivoting (safe for SPD matrices: every pivot block is a Schur complement, itself SPD).
 * Each block step is a rank-{@code b} update of all other rows, written as row-wise axpy loops that
 * the JIT vectorizes, and spread over all cores; rows are independent, so the result does not
 * depend on the thread count.
 */
public final class SymmetricInverse {
  private static final int BLOCK = 64;

  private SymmetricInverse() {}

  /**
   * Replaces {@code a} (row-major {@code n × n}, symmetric positive definite) by its inverse.
   *
   * @throws ArithmeticException when a pivot block is not positive definite
   */
  public static void invertInPlace(double[] a, int n) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException("matrix has " + a.length + " values, expected " + n + " × " + n);
    }
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      step(a, n, k0, Math.min(n, k0 + BLOCK));
    }
  }

  /**
   * Eliminates the block of indices {@code K = [k0, k1)}: with D = A_KK⁻¹ and W = D·A_K,·, the rows
   * of K become W (and D in the K columns), every other row i becomes A_i,· − A_i,K·W (and −A_i,K·D
   * in the K columns).
   */
  private static void step(double[] a, int n, int k0, int k1) {
    int b = k1 - k0;
    double[] d = new double[b * b];
    for (int r = 0; r < b; r++) {
      System.arraycopy(a, (k0 + r) * n + k0, d, r * b, b);
    }
    invertSmall(d, b, k0);
    // W = D · A[K, :], with D itself in the K columns.
    double[] w = new double[b * n];
    for (int r = 0; r < b; r++) {
      int wr = r * n;
      for (int s = 0; s < b; s++) {
        double f = d[r * b + s];
        int as = (k0 + s) * n;
        for (int j = 0; j < n; j++) {
          w[wr + j] += f * a[as + j];
        }
      }
      System.arraycopy(d, r * b, w, wr + k0, b);
    }
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          double[] u = new double[b];
          for (int i = from; i < to; i++) {
            if (i >= k0 && i < k1) {
              continue;
            }
            int row = i * n;
            System.arraycopy(a, row + k0, u, 0, b);
            java.util.Arrays.fill(a, row + k0, row + k1, 0.0);
            int s = 0;
            // Four rows of W per pass: the row of A is read and written a quarter as often.
            for (; s + 3 < b; s += 4) {
              double f0 = u[s];
              double f1 = u[s + 1];
              double f2 = u[s + 2];
              double f3 = u[s + 3];
              int w0 = s * n;
              int w1 = w0 + n;
              int w2 = w1 + n;
              int w3 = w2 + n;
              for (int j = 0; j < n; j++) {
                a[row + j] -= f0 * w[w0 + j] + f1 * w[w1 + j] + f2 * w[w2 + j] + f3 * w[w3 + j];
              }
            }
            for (; s < b; s++) {
              double f = u[s];
              int ws = s * n;
              for (int j = 0; j < n; j++) {
                a[row + j] -= f * w[ws + j];
              }
            }
          }
        });
    System.arraycopy(w, 0, a, k0 * n, b * n);
  }

  /** Plain in-place Gauss–Jordan inverse of a small SPD block. */
  private static void invertSmall(double[] d, int b, int offset) {
    for (int k = 0; k < b; k++) {
      double pivot = d[k * b + k];
      if (!(pivot > 0)) {
        throw new ArithmeticException("matrix is not positive definite (pivot " + pivot + " at index " + (offset + k) + ")");
      }
      double inv = 1 / pivot;
      int rk = k * b;
      for (int j = 0; j < b; j++) {
        d[rk + j] *= inv;
      }
      d[rk + k] = inv;
      for (int i = 0; i < b; i++) {
        if (i == k) {
          continue;
        }
        int ri = i * b;
        double f = d[ri + k];
        if (f == 0) {
          continue;
        }
        for (int j = 0; j < b; j++) {
          d[ri + j] -= f * d[rk + j];
        }
        d[ri + k] = -f * inv;
      }
    }
  }
}
