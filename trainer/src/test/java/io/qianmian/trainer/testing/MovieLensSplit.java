package io.qianmian.trainer.testing;

import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * MovieLens-100K as the evaluation protocol of the project's targets: ratings ≥ 4 are positives,
 * each user's positives split at random 80/20, models trained on the 80 % (binary), nDCG@10
 * measured on the 20 % with training items excluded. Test code only: the evaluation module owns
 * the official numbers.
 *
 * @param train binary training positives
 * @param test held-out positives per user, ascending
 */
public record MovieLensSplit(Interactions train, int[][] test) {

  /** The shared data folder's u.data, if present. */
  public static Optional<Path> ratingsFile() {
    String dir = System.getProperty("qianmian.shared.data");
    if (dir == null) {
      return Optional.empty();
    }
    Path p = Path.of(dir, "movielens-100k", "u.data");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Reads u.data and splits it with {@code seed}. */
  public static MovieLensSplit load(Path uData, long seed) throws IOException {
    List<int[]> rows = new ArrayList<>();
    int users = 0;
    int items = 0;
    for (String line : Files.readAllLines(uData)) {
      String[] f = line.split("\t");
      int u = Integer.parseInt(f[0]) - 1;
      int i = Integer.parseInt(f[1]) - 1;
      int rating = Integer.parseInt(f[2]);
      users = Math.max(users, u + 1);
      items = Math.max(items, i + 1);
      if (rating >= 4) {
        rows.add(new int[] {u, i});
      }
    }
    List<List<Integer>> byUser = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      byUser.add(new ArrayList<>());
    }
    for (int[] r : rows) {
      byUser.get(r[0]).add(r[1]);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[][] train = new int[users][];
    int[][] test = new int[users][];
    for (int u = 0; u < users; u++) {
      int[] pos = byUser.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int k = pos.length - 1; k > 0; k--) {
        int j = rnd.nextInt(k + 1);
        int t = pos[k];
        pos[k] = pos[j];
        pos[j] = t;
      }
      int cut = (int) Math.round(pos.length * 0.8);
      train[u] = Arrays.stream(pos, 0, cut).sorted().toArray();
      test[u] = Arrays.stream(pos, cut, pos.length).sorted().toArray();
    }
    return new MovieLensSplit(Matrices.rows(items, train), test);
  }

  /** Mean nDCG@k over users with held-out items, training items excluded. */
  public double ndcg(Recommender model, int k) {
    double[] perUser = new double[test.length];
    int[] counted = new int[test.length];
    IntStream.range(0, test.length)
        .parallel()
        .forEach(
            u -> {
              if (test[u].length == 0) {
                return;
              }
              int from = train.rowStart()[u];
              int to = train.rowStart()[u + 1];
              ItemFilter seen = i -> Arrays.binarySearch(train.items(), from, to, i) >= 0;
              ScoredItems r = model.recommend(u, k, seen);
              double dcg = 0;
              for (int p = 0; p < r.size(); p++) {
                if (Arrays.binarySearch(test[u], r.items()[p]) >= 0) {
                  dcg += 1 / log2(p + 2);
                }
              }
              double ideal = 0;
              for (int p = 0; p < Math.min(k, test[u].length); p++) {
                ideal += 1 / log2(p + 2);
              }
              perUser[u] = dcg / ideal;
              counted[u] = 1;
            });
    return Arrays.stream(perUser).sum() / Arrays.stream(counted).sum();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
