package io.qianmian.trainer.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SymmetricInverseTest {
  @Test
  void invertsATwoByTwoByHand() {
    // [[4, 2], [2, 3]]⁻¹ = 1/8 · [[3, −2], [−2, 4]]
    float[] a = {4, 2, 2, 3};
    SymmetricInverse.invertInPlace(a, 2);
    assertThat(a).containsExactly(new float[] {0.375f, -0.25f, -0.25f, 0.5f}, within(1e-7f));
  }

  @Test
  void matchesCommonsMathOnARandomMatrixSpanningSeveralBlocks() {
    long seed = 11;
    System.out.println("SymmetricInverseTest seed " + seed);
    int n = 150; // blocks of 64, 64 and 22
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] x = new double[n][n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextDouble(-1, 1);
      }
    }
    RealMatrix m = new Array2DRowRealMatrix(x).transpose().multiply(new Array2DRowRealMatrix(x));
    float[] a = new float[n * n];
    for (int i = 0; i < n; i++) {
      m.addToEntry(i, i, 1.0);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = (float) m.getEntry(i, j);
      }
    }
    RealMatrix expected = new CholeskyDecomposition(m).getSolver().getInverse();
    SymmetricInverse.invertInPlace(a, n);
    // Float arithmetic: compare relative to the largest entry of the inverse.
    double scale = expected.getNorm() / n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat((double) a[i * n + j]).as("entry %d,%d", i, j).isCloseTo(expected.getEntry(i, j), within(1e-4 * scale));
      }
    }
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    assertThatThrownBy(() -> SymmetricInverse.invertInPlace(new float[] {1, 2, 2, 1}, 2))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("index 1");
  }
}
