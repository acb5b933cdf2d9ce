package io.qianmian.trainer.linalg;

/**
 * Inverts a dense symmetric positive-definite float matrix in place with the blocked sweep operator
 * (Goodnight, "A Tutorial on the SWEEP Operator", 1979): sweeping a block K of indices with D =
 * A_KK⁻¹ sets A_ij ← A_ij − A_iK·D·A_Kj, A_iK ← A_iK·D, A_KK ← −D, and keeps the matrix symmetric,
 * so only the upper triangle is updated: half the work of Gauss–Jordan. Sweeping every block leaves
 * −A⁻¹. No pivoting is needed for SPD matrices (every pivot block is a Schur complement, itself
 * SPD). The updates are row-wise axpy loops that the JIT vectorizes, spread over all cores; rows are
 * independent, so the result does not depend on the thread count.
 */
public final class SymmetricInverse {
  /** Pivot block size: 64 rows of W for 2,000 items are 0.5 MB of floats, about one L2. */
  private static final int BLOCK = 64;

  private SymmetricInverse() {}

  /**
   * Replaces {@code a} (row-major {@code n × n}, symmetric positive definite) by its inverse. Float
   * halves the memory traffic and doubles the vector width; each pivot block is inverted in double.
   *
   * @throws ArithmeticException when a pivot block is not positive definite
   */
  public static void invertInPlace(float[] a, int n) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException("matrix has " + a.length + " values, expected " + n + " × " + n);
    }
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      sweep(a, n, k0, Math.min(n, k0 + BLOCK));
    }
    // The upper triangle holds −A⁻¹: negate it and mirror it below the diagonal.
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        float v = -a[i * n + j];
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
  }

  /** Sweeps the indices {@code K = [k0, k1)}, reading and writing only the upper triangle. */
  private static void sweep(float[] a, int n, int k0, int k1) {
    int b = k1 - k0;
    // Rows K in full, gathered from the upper triangle (left of the diagonal they are columns).
    float[] rows = new float[b * n];
    for (int s = 0; s < b; s++) {
      int k = k0 + s;
      for (int j = 0; j < k; j++) {
        rows[s * n + j] = a[j * n + k];
      }
      System.arraycopy(a, k * n + k, rows, s * n + k, n - k);
    }
    // The pivot block is inverted in double: its errors reach every other entry.
    double[] d = new double[b * b];
    for (int s = 0; s < b; s++) {
      for (int c = 0; c < b; c++) {
        d[s * b + c] = rows[s * n + k0 + c];
      }
    }
    invertSmall(d, b, k0);
    // W = D · A_K·
    float[] w = new float[b * n];
    for (int s = 0; s < b; s++) {
      int ws = s * n;
      for (int c = 0; c < b; c++) {
        float f = (float) d[s * b + c];
        int rc = c * n;
        for (int j = 0; j < n; j++) {
          w[ws + j] += f * rows[rc + j];
        }
      }
    }
    Chunks.forEach(
        n,
        (chunk, from, to) -> {
          float[] u = new float[b];
          for (int i = from; i < to; i++) {
            if (i >= k0 && i < k1) {
              continue;
            }
            for (int s = 0; s < b; s++) {
              u[s] = rows[s * n + i];
            }
            int row = i * n;
            if (i < k0) {
              update(a, row, w, n, u, b, i, k0);
              update(a, row, w, n, u, b, k1, n);
              // A_iK ← A_iK·D = (D·A_Ki)ᵀ, column i of W.
              for (int s = 0; s < b; s++) {
                a[row + k0 + s] = w[s * n + i];
              }
            } else {
              update(a, row, w, n, u, b, i, n);
            }
          }
        });
    for (int s = 0; s < b; s++) {
      int row = (k0 + s) * n;
      for (int c = s; c < b; c++) {
        a[row + k0 + c] = (float) -d[s * b + c];
      }
      System.arraycopy(w, s * n + k1, a, row + k1, n - k1);
    }
  }

  /** a[row + j] −= Σ_s u[s]·w[s·n + j] for j in [j0, j1), four rows of w per pass. */
  private static void update(float[] a, int row, float[] w, int n, float[] u, int b, int j0, int j1) {
    int s = 0;
    // Four rows of W per pass: the row of A is read and written a quarter as often.
    for (; s + 3 < b; s += 4) {
      float f0 = u[s];
      float f1 = u[s + 1];
      float f2 = u[s + 2];
      float f3 = u[s + 3];
      int w0 = s * n;
      int w1 = w0 + n;
      int w2 = w1 + n;
      int w3 = w2 + n;
      for (int j = j0; j < j1; j++) {
        a[row + j] -= f0 * w[w0 + j] + f1 * w[w1 + j] + f2 * w[w2 + j] + f3 * w[w3 + j];
      }
    }
    for (; s < b; s++) {
      float f = u[s];
      int ws = s * n;
      for (int j = j0; j < j1; j++) {
        a[row + j] -= f * w[ws + j];
      }
    }
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
