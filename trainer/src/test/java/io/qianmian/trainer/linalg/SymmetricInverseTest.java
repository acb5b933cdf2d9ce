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
    double[] a = {4, 2, 2, 3};
    SymmetricInverse.invertInPlace(a, 2);
    assertThat(a).containsExactly(new double[] {0.375, -0.25, -0.25, 0.5}, within(1e-12));
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
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      m.addToEntry(i, i, 1.0);
      for (int j = 0; j < n; j++) {
        a[i * n + j] = m.getEntry(i, j);
      }
    }
    RealMatrix expected = new CholeskyDecomposition(m).getSolver().getInverse();
    SymmetricInverse.invertInPlace(a, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(a[i * n + j]).as("entry %d,%d", i, j).isCloseTo(expected.getEntry(i, j), within(1e-9));
      }
    }
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    assertThatThrownBy(() -> SymmetricInverse.invertInPlace(new double[] {1, 2, 2, 1}, 2))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("index 1");
  }
}
