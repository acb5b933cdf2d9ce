package io.qianmian.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.ease.EaseTrainer;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.popularity.PopularityTrainer;
import io.qianmian.trainer.testing.MovieLensSplit;
import io.qianmian.trainer.train.ValidationSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality targets on MovieLens-100K (ratings ≥ 4, per-user random 80/20, training items
 * excluded) with the default parameters, and the training times. Run with {@code -Preal-data}.
 */
@Tag("real-data")
class MovieLensQualityTest {
  private static final long SEED = 2026;
  private static ValidationSplit split;
  private static double popularity;

  @BeforeAll
  static void load() throws IOException {
    Path uData = MovieLensSplit.ratingsFile().orElse(null);
    assumeTrue(uData != null, "MovieLens-100K is not in the shared data folder");
    System.out.println("MovieLensQualityTest split seed " + SEED);
    split = MovieLensSplit.load(uData, SEED);
    popularity = measure(new PopularityTrainer());
  }

  private static double measure(ModelTrainer trainer) {
    long t0 = System.nanoTime();
    Recommender model = trainer.fit(split.train(), Progress.NONE);
    long t1 = System.nanoTime();
    double ndcg = split.ndcg(model, 10);
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "%-14s nDCG@10 %.4f  fit %.2f s  score all users %.2f s%n", trainer.name(), ndcg, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    return ndcg;
  }

  @Test
  void popularityIsTheKnownBaseline() {
    assertThat(popularity).isBetween(0.12, 0.18);
  }

  @Test
  void easeReachesTheTarget() {
    assertThat(measure(new EaseTrainer(EaseParameters.DEFAULTS))).isGreaterThanOrEqualTo(0.31);
  }

  @Test
  void alsBeatsPopularityByEightyPercent() {
    assertThat(measure(new AlsTrainer(AlsParameters.DEFAULTS))).isGreaterThanOrEqualTo(1.8 * popularity);
  }

  @Test
  void cooccurrenceBeatsPopularityByEightyPercent() {
    assertThat(measure(new CooccurrenceTrainer(CooccurrenceParameters.DEFAULTS))).isGreaterThanOrEqualTo(1.8 * popularity);
  }
}
