package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.PositiveRule;
import io.qianmian.trainer.model.ModelTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MovieLens-100K under the protocol of the EASE and Mult-VAE papers: ratings of 4 or more are the
 * positives, models train on the binary positives, a random 20% of each user's positives are held
 * out, training items are left out of the rankings.
 */
@Tag("real-data")
class MovieLensEvaluationTest {
  static final Protocol RATINGS_4_PLUS =
      new Protocol(PositiveRule.PURCHASES, EventWeights.DEFAULTS, Duration.ZERO, true);

  private static Dataset movieLens;

  @BeforeAll
  static void load() {
    assumeTrue(ratings().isPresent(), "no MovieLens-100K in the shared data folder");
    movieLens = movieLens();
  }

  /** u.data of MovieLens-100K in the shared data folder, when it is there. */
  static Optional<Path> ratings() {
    Path data = Path.of(System.getProperty("qianmian.shared.data", "../shared/data"), "movielens-100k", "u.data");
    return Files.isRegularFile(data) ? Optional.of(data) : Optional.empty();
  }

  /** MovieLens-100K as the MovieLens importer reads it: a rating of 4 or 5 is a purchase, any other a view. */
  static Dataset movieLens() {
    DatasetBuilder b = new DatasetBuilder().source("movielens-100k u.data");
    try (BufferedReader r = Files.newBufferedReader(ratings().orElseThrow())) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t");
        EventType type = Integer.parseInt(f[2]) >= 4 ? EventType.PURCHASE : EventType.VIEW;
        b.add(BehaviorEvent.of(f[0], f[1], type, Long.parseLong(f[3]) * 1000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.build();
  }

  private static EvaluationReport evaluate(List<String> models, int seeds) {
    List<ModelTrainer> trainers = models.stream().map(n -> ModelCatalog.create(n, movieLens)).toList();
    Evaluation.Settings settings = new Evaluation.Settings(SplitSpec.parse("random:0.2"), RATINGS_4_PLUS, List.of(10, 20, 50), seeds);
    EvaluationReport report = Evaluation.run(movieLens, "movielens-100k", trainers, settings, null, Progress.NONE);
    System.out.println(report.table());
    return report;
  }

  @Test
  void popularityScoresWhereThePublishedProtocolPutsIt() {
    EvaluationReport report = evaluate(List.of("popularity"), 3);
    ModelReport pop = report.model("popularity").orElseThrow();

    assertThat(pop.users()).isEqualTo(942); // of 943 users, one has too few positives to hold any out
    assertThat(pop.metric("ndcg@10")).isBetween(0.14, 0.16);
  }

  @Test
  void ourModelsBeatPopularityAndItemBasedBeatsMahoutsItemBased() {
    // Mahout's ALS-WR is compared on three splits below; its fit is most of the time here.
    List<String> models = ModelCatalog.names().stream().filter(n -> !n.equals("mahout-als")).toList();
    EvaluationReport report = evaluate(models, 1);
    double popularity = ndcg10(report, "popularity");

    assertThat(report.models().stream().mapToDouble(m -> m.metric("ndcg@10")).max().orElseThrow()).isGreaterThanOrEqualTo(0.31);
    for (String ours : List.of("als", "cooccurrence")) {
      assertThat(ndcg10(report, ours)).as(ours + " vs popularity").isGreaterThanOrEqualTo(1.8 * popularity);
    }
    assertThat(ndcg10(report, "mahout-itembased")).as("mahout-itembased vs popularity").isGreaterThan(popularity);
    // Like for like: item-item LLR against Taste's item-based LLR recommender.
    assertThat(ndcg10(report, "cooccurrence")).as("cooccurrence vs mahout-itembased").isGreaterThan(ndcg10(report, "mahout-itembased"));
  }

  @Test
  void alsBeatsMahoutsAlsOnTheMeanOfThreeSplits() {
    // Implicit ALS against Taste's implicit ALS-WR at the same rank and iterations, each at its best
    // λ and α. Mahout's start is unseeded: on split 1 alone it scored 0.3048–0.3125 in four runs
    // against our 0.3161, too close for one split; on the mean of three, 0.3131–0.3165 in five runs
    // against our 0.3227.
    EvaluationReport report = evaluate(List.of("als", "mahout-als"), 3);

    assertThat(ndcg10(report, "als")).as("als vs mahout-als").isGreaterThan(ndcg10(report, "mahout-als"));
  }

  private static double ndcg10(EvaluationReport report, String model) {
    return report.model(model).orElseThrow().metric("ndcg@10");
  }
}
