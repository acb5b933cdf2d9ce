package io.qianmian.features.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusteringTest {
  @Test
  void findsThreeWellSeparatedBlobsAndTheirMembers() {
    long seed = 20261125L;
    System.out.println("ClusteringTest seed " + seed);
    Random random = new Random(seed);
    double[][] centers = {{0, 0}, {8, 0}, {0, 8}};
    int perBlob = 120;
    double[][] points = new double[3 * perBlob][];
    int[] truth = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      truth[i] = i / perBlob;
      double[] c = centers[truth[i]];
      points[i] = new double[] {c[0] + random.nextGaussian(), c[1] + random.nextGaussian()};
    }
    Clustering.Result result = Clustering.fit(points, new Clustering.Settings(2, 6, 100, 3, 200, 150, seed));

    assertThat(result.k()).isEqualTo(3);
    assertThat(AdjustedRandIndex.of(truth, result.labels())).isGreaterThan(0.99);
    assertThat(result.silhouetteByK().get(3)).isGreaterThan(result.silhouetteByK().get(2)).isGreaterThan(0.6);
    for (double[] centroid : result.centroids()) {
      double nearest = Double.MAX_VALUE;
      for (double[] c : centers) {
        nearest = Math.min(nearest, Math.sqrt(Clustering.squaredDistance(c, centroid)));
      }
      assertThat(nearest).isLessThan(0.5);
    }
  }

  @Test
  void trialsSideBySideGiveTheCentroidsOfTrialsOneAfterAnother() {
    long seed = 4242L;
    System.out.println("ClusteringTest seed " + seed);
    Random random = new Random(seed);
    // Overlapping blobs plus duplicates: runs differ between trials, and large k empties clusters.
    double[][] points = new double[600][];
    for (int i = 0; i < points.length; i++) {
      points[i] = i % 7 == 0 ? new double[] {1, 1, 1} : new double[] {random.nextGaussian(), random.nextGaussian() * 2, (i % 3) + random.nextGaussian()};
    }
    for (int k = 2; k <= 12; k++) {
      for (int trials : new int[] {1, 2, 3, 5}) {
        Clustering.Settings settings = new Clustering.Settings(2, 12, 50, trials, 600, 100, seed + trials);
        assertThat(Clustering.kmeans(points, k, settings))
            .as("k=%d trials=%d", k, trials)
            .isDeepEqualTo(Clustering.kmeansOneAfterAnother(Clustering.points(points), k, settings));
      }
    }
  }

  @Test
  void silhouetteOfTwoTightPairsFarApartIsNearOne() {
    double[][] points = {{0}, {1}, {100}, {101}};
    // a = 1 for every point, b ≈ 100: (100 - 1) / 100 on each side.
    double s = Clustering.silhouette(points, new int[] {0, 0, 1, 1}, 2, new int[] {0, 1, 2, 3});
    assertThat(s).isBetween(0.98, 1.0);
  }

  @Test
  void samplingIsRepeatableDistinctAndSorted() {
    int[] a = Clustering.sample(1_000_000, 1000, 7);
    assertThat(a).hasSize(1000).isSorted().doesNotHaveDuplicates().isEqualTo(Clustering.sample(1_000_000, 1000, 7));
    assertThat(Clustering.sample(5, 10, 7)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void descriptionUsesTheMostDistinctFeaturesWords() {
    List<ClusterFeature> features =
        List.of(
            new ClusterFeature("frequency", "frequency", null, "frequent", "rarely buys"),
            new ClusterFeature("spend", "monetary", null, "high spend", "low spend"),
            new ClusterFeature("browsing", "views", null, "browses a lot", "browses little"));
    assertThat(ClusterFeature.describe(features, new double[] {1.5, -0.9, 0.2}, 3)).containsExactly("frequent", "low spend");
    assertThat(ClusterFeature.describe(features, new double[] {0.1, -0.2, 0.3}, 3)).containsExactly("typical");
    assertThat(ClusterFeature.describe(features, new double[] {0.6, -2, 1}, 2)).containsExactly("low spend", "browses a lot");
  }

  @Test
  void standardizerMakesUnknownValuesAverageAndConstantFeaturesZero() {
    double[][] columns = {{1, 3, Double.NaN}, {5, 5, 5}};
    Standardizer z = Standardizer.fit(columns, new int[] {0, 1, 2});
    assertThat(z.mean()).containsExactly(2, 5);
    assertThat(z.sd()).containsExactly(1, 1);
    assertThat(z.apply(columns, 0)).containsExactly(-1, 0);
    assertThat(z.apply(columns, 2)).containsExactly(0, 0);
  }
}
