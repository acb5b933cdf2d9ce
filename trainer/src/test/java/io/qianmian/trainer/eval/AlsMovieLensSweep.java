package io.qianmian.trainer.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.baseline.MahoutAls;
import io.qianmian.trainer.model.ModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * nDCG@10 of ALS settings (and Mahout's ALS-WR) on MovieLens-100K under {@link MovieLensEvaluationTest}'s
 * protocol, per seed, each split made once for all settings: the sweep behind the ALS defaults.
 * Settings come from system properties:
 *
 * <pre>
 * mvn -B -o -pl trainer test -Preal-data -Dexcluded.test.groups= -Dtest=AlsMovieLensSweep \
 *   -Dseeds=1-3 -Dals='0.25,76,10;0,50,10' -Dmahout='50,10'
 * </pre>
 *
 * {@code als}: popularity exponent, λ, α[, CG steps[, rank]] per setting (rank 32, 10 iterations,
 * 3 CG steps unless given); {@code mahout}: λ, α per setting (rank 32, 10 iterations).
 */
@Tag("bench")
@Tag("real-data")
class AlsMovieLensSweep {
  @Test
  void sweep() {
    assumeTrue(MovieLensEvaluationTest.ratings().isPresent(), "no MovieLens-100K in the shared data folder");
    Splitter splitter = new Splitter(MovieLensEvaluationTest.movieLens(), MovieLensEvaluationTest.RATINGS_4_PLUS);
    String[] range = System.getProperty("seeds", "1-3").split("-");
    List<Split> splits = new ArrayList<>();
    for (long s = Long.parseLong(range[0]); s <= Long.parseLong(range[range.length - 1]); s++) {
      splits.add(splitter.split(SplitSpec.parse("random:0.2"), s));
    }
    List<ModelTrainer> trainers = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String setting : settings("als")) {
      String[] f = setting.split(",");
      int cgSteps = f.length > 3 ? Integer.parseInt(f[3]) : 3;
      int rank = f.length > 4 ? Integer.parseInt(f[4]) : 32;
      trainers.add(new AlsTrainer(new AlsParameters(rank, Float.parseFloat(f[1]), Float.parseFloat(f[2]), 10, cgSteps, 42, Float.parseFloat(f[0]))));
      labels.add("als " + setting);
    }
    for (String setting : settings("mahout")) {
      String[] f = setting.split(",");
      trainers.add(new MahoutAls(32, Double.parseDouble(f[0]), 10, Double.parseDouble(f[1])));
      labels.add("mahout-als " + setting);
    }
    for (int m = 0; m < trainers.size(); m++) {
      double[] ndcg = new double[splits.size()];
      double seconds = 0;
      StringBuilder perSeed = new StringBuilder();
      for (int s = 0; s < splits.size(); s++) {
        MeasuredFit fit = MeasuredFit.of(trainers.get(m), splits.get(s).train(), Progress.NONE);
        seconds += fit.seconds();
        ndcg[s] = new Evaluator(splits.get(s), new int[] {10}, null).evaluate(fit.model(), Progress.NONE).metrics().get("ndcg@10");
        perSeed.append(String.format(Locale.ROOT, " %.4f", ndcg[s]));
      }
      System.out.printf(
          Locale.ROOT, "%-28s nDCG@10 %.4f ± %.4f [%s ] fit %.1f s%n", labels.get(m), Evaluation.mean(ndcg), Evaluation.std(ndcg), perSeed, seconds);
    }
  }

  private static List<String> settings(String property) {
    return List.of(System.getProperty(property, "").split(";")).stream().filter(s -> !s.isBlank()).toList();
  }
}
