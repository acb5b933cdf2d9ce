package io.qianmian.trainer.linalg;

import java.util.Arrays;

/**
 * Products of a block of vectors stored transposed (dimension-major: value {@code a} of vector
 * {@code j} at {@code base + a·len + j}) with one or two query vectors: multiply-adds along the
 * block, four dimensions per pass, which the JIT vectorizes — n dot products of length k it could
 * not, as that would reorder a float sum. ALS's row solves and its inner-product index share it.
 */
public final class TransposedBlock {
  private TransposedBlock() {}

  /** out[oo + j] = Σ_a v[vo + a] · m[base + a·len + j] for j in 0..len. */
  public static void multiply(float[] m, int base, int len, int k, float[] v, int vo, float[] out, int oo) {
    Arrays.fill(out, oo, oo + len, 0f);
    int a = 0;
    for (; a + 3 < k; a += 4) {
      float v0 = v[vo + a];
      float v1 = v[vo + a + 1];
      float v2 = v[vo + a + 2];
      float v3 = v[vo + a + 3];
      int o0 = base + a * len;
      int o1 = o0 + len;
      int o2 = o1 + len;
      int o3 = o2 + len;
      for (int j = 0; j < len; j++) {
        out[oo + j] += v0 * m[o0 + j] + v1 * m[o1 + j] + v2 * m[o2 + j] + v3 * m[o3 + j];
      }
    }
    for (; a < k; a++) {
      float va = v[vo + a];
      int o = base + a * len;
      for (int j = 0; j < len; j++) {
        out[oo + j] += va * m[o + j];
      }
    }
  }

  /**
   * {@link #multiply} for two vectors at once, into {@code out} and {@code rOut} from 0: each value
   * of the block read once serves both (half the loads per multiply-add); every result comes out as
   * {@link #multiply} makes it.
   */
  public static void multiplyTwice(float[] m, int base, int len, int k, float[] v, int vo, int ro, float[] out, float[] rOut) {
    Arrays.fill(out, 0, len, 0f);
    Arrays.fill(rOut, 0, len, 0f);
    int a = 0;
    for (; a + 3 < k; a += 4) {
      float v0 = v[vo + a];
      float v1 = v[vo + a + 1];
      float v2 = v[vo + a + 2];
      float v3 = v[vo + a + 3];
      float r0 = v[ro + a];
      float r1 = v[ro + a + 1];
      float r2 = v[ro + a + 2];
      float r3 = v[ro + a + 3];
      int o0 = base + a * len;
      int o1 = o0 + len;
      int o2 = o1 + len;
      int o3 = o2 + len;
      for (int j = 0; j < len; j++) {
        float m0 = m[o0 + j];
        float m1 = m[o1 + j];
        float m2 = m[o2 + j];
        float m3 = m[o3 + j];
        out[j] += v0 * m0 + v1 * m1 + v2 * m2 + v3 * m3;
        rOut[j] += r0 * m0 + r1 * m1 + r2 * m2 + r3 * m3;
      }
    }
    for (; a < k; a++) {
      float va = v[vo + a];
      float ra = v[ro + a];
      int o = base + a * len;
      for (int j = 0; j < len; j++) {
        out[j] += va * m[o + j];
        rOut[j] += ra * m[o + j];
      }
    }
  }
}
