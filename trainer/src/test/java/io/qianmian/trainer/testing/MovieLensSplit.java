package io.qianmian.trainer.testing;

import io.qianmian.trainer.train.ValidationSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MovieLens-100K as the protocol of the project's quality targets: ratings ≥ 4 are positives, 20 %
 * of each user's positives held out at random, models trained on the rest (binary), nDCG@10 with
 * training items excluded. Test code only: the evaluation module owns the official numbers.
 */
public final class MovieLensSplit {
  private MovieLensSplit() {}

  /** The shared data folder's u.data, if present. */
  public static Optional<Path> ratingsFile() {
    String dir = System.getProperty("qianmian.shared.data");
    if (dir == null) {
      return Optional.empty();
    }
    Path p = Path.of(dir, "movielens-100k", "u.data");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Reads u.data and splits its positives with {@code seed}. */
  public static ValidationSplit load(Path uData, long seed) throws IOException {
    List<List<Integer>> byUser = new ArrayList<>();
    int items = 0;
    for (String line : Files.readAllLines(uData)) {
      String[] f = line.split("\t");
      int u = Integer.parseInt(f[0]) - 1;
      int i = Integer.parseInt(f[1]) - 1;
      items = Math.max(items, i + 1);
      while (byUser.size() <= u) {
        byUser.add(new ArrayList<>());
      }
      if (Integer.parseInt(f[2]) >= 4) {
        byUser.get(u).add(i);
      }
    }
    int[][] rows = new int[byUser.size()][];
    for (int u = 0; u < rows.length; u++) {
      rows[u] = byUser.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
    var positives = Matrices.rows(items, rows);
    return ValidationSplit.of(positives, positives, 0.2, seed);
  }
}
