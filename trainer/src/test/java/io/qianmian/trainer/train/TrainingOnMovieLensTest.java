package io.qianmian.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.testing.MovieLensSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run on MovieLens-100K (ratings ≥ 4 as purchases, the rest as views, first genre as category). */
@Tag("real-data")
class TrainingOnMovieLensTest {
  private static final String[] GENRES = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"
  };

  @TempDir Path tmp;

  static Dataset movieLens(Path dir) throws IOException {
    DatasetBuilder b = new DatasetBuilder().source("MovieLens-100K");
    for (String line : Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\\|", -1);
      String genre = "unknown";
      for (int g = 0; g < GENRES.length; g++) {
        if (f[5 + g].equals("1")) {
          genre = GENRES[g];
          break;
        }
      }
      b.addItem(new CatalogItem(f[0], f[1], List.of(genre), null, Double.NaN, true, Map.of(), 0));
    }
    for (String line : Files.readAllLines(dir.resolve("u.data"))) {
      String[] f = line.split("\t");
      EventType type = Integer.parseInt(f[2]) >= 4 ? EventType.PURCHASE : EventType.VIEW;
      b.add(BehaviorEvent.of(f[0], f[1], type, Long.parseLong(f[3]) * 1000));
    }
    return b.build();
  }

  @Test
  void trainsEveryModelAndPublishesALoadableBundle() throws IOException {
    Path uData = MovieLensSplit.ratingsFile().orElse(null);
    assumeTrue(uData != null, "MovieLens-100K is not in the shared data folder");
    Dataset d = movieLens(uData.getParent());
    long t0 = System.nanoTime();
    Training.Result r = Training.of(d, TrainConfig.reference()).run(tmp.resolve("models"), Progress.NONE);
    long t1 = System.nanoTime();
    ModelBundle b = ModelBundle.loadCurrent(tmp.resolve("models"));
    long t2 = System.nanoTime();
    r.lines().forEach(System.out::println);
    System.out.printf("train %.2f s, load %.3f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);

    assertThat(r.candidateModel()).isEqualTo("ease");
    assertThat(b.users().size()).isEqualTo(943);
    assertThat(b.items().size()).isEqualTo(1682);
    assertThat(b.factors().orElseThrow().rank()).isEqualTo(32);
    // Star Wars (50): its neighbors are the other Star Wars films and their kind.
    int starWars = b.items().indexOf("50").orElseThrow();
    List<String> similar = java.util.Arrays.stream(b.similarItems(starWars).items()).limit(5).mapToObj(i -> b.catalog().catalog().title()[i]).toList();
    System.out.println("similar to Star Wars: " + similar);
    assertThat(similar).anyMatch(t -> t.startsWith("Return of the Jedi") || t.startsWith("Empire Strikes Back"));
    for (int u = 0; u < b.users().size(); u++) {
      assertThat(b.userCandidates(u)).isPresent();
    }
  }
}
