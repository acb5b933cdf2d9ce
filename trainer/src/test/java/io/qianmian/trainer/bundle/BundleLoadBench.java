package io.qianmian.trainer.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetInfo;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the server waits for a large bundle: 1 M users, 100 k items, rank 32, 50 candidates per
 * user, 20 neighbors per item. Run with {@code mvn -pl trainer test -Dgroups=bench
 * -Dtest=BundleLoadBench}.
 */
@Tag("bench")
class BundleLoadBench {
  @TempDir Path tmp;

  /** Loads the current bundle of an existing models directory ({@code -Dqianmian.bench.models=DIR}) four times. */
  @Test
  void existingBundleLoads() throws IOException {
    String dir = System.getProperty("qianmian.bench.models");
    org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "set qianmian.bench.models to a models directory");
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int run = 0; run < 4; run++) {
      long c = os.getProcessCpuTime();
      long s = System.nanoTime();
      ModelBundle b = ModelBundle.loadCurrent(Path.of(dir));
      System.out.printf("load %d of %s: %.0f ms wall, %.0f ms CPU%n", run, b.version(), (System.nanoTime() - s) / 1e6,
          (os.getProcessCpuTime() - c) / 1e6);
    }
  }

  @Test
  void millionUserBundleLoadsFast() throws IOException {
    int users = 1_000_000;
    int items = 100_000;
    int rank = 32;
    long seed = 42;
    System.out.println("seed " + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> userIds = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      userIds.add("user-" + u);
    }
    List<String> itemIds = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      itemIds.add("sku-" + i);
    }
    Dataset d = dataset(IdDictionary.of(userIds), IdDictionary.of(itemIds));
    float[] uf = new float[users * rank];
    float[] itf = new float[items * rank];
    for (int k = 0; k < uf.length; k++) {
      uf[k] = (float) rnd.nextGaussian();
    }
    for (int k = 0; k < itf.length; k++) {
      itf[k] = (float) rnd.nextGaussian();
    }
    BundleWriter w =
        BundleWriter.forDataset(d)
            .factors(new Factors(rank, uf, itf))
            .similarItems(randomLists(rnd, items, 20, items))
            .candidates(randomLists(rnd, users, 50, items), new byte[users], List.of("als"))
            .popularity(ScoredItems.EMPTY, ScoredItems.EMPTY, RankedLists.empty(0));
    Path models = tmp.resolve("models");
    long t0 = System.nanoTime();
    String v = w.publish(models, 3);
    long t1 = System.nanoTime();
    System.out.printf("publish %.0f ms%n", (t1 - t0) / 1e6);
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long bytes = 0;
    try (var walk = java.nio.file.Files.walk(models.resolve(v))) {
      for (Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
        bytes += java.nio.file.Files.size(p);
      }
    }
    System.out.printf("bundle %,d MB%n", bytes >> 20);
    for (int run = 0; run < 3; run++) {
      long c = os.getProcessCpuTime();
      long s = System.nanoTime();
      ModelBundle b = ModelBundle.loadCurrent(models);
      long e = System.nanoTime();
      System.out.printf("load %.0f ms wall, %.0f ms cpu (load average %.1f)%n", (e - s) / 1e6, (os.getProcessCpuTime() - c) / 1e6, os.getSystemLoadAverage());
      assertThat(b.version()).isEqualTo(v);
    }
  }

  private static RankedLists randomLists(SplittableRandom rnd, int rows, int per, int items) {
    int[] offsets = new int[rows + 1];
    int[] entries = new int[rows * per];
    float[] scores = new float[rows * per];
    for (int r = 0; r < rows; r++) {
      offsets[r + 1] = offsets[r] + per;
      for (int k = 0; k < per; k++) {
        entries[r * per + k] = rnd.nextInt(items);
        scores[r * per + k] = per - k;
      }
    }
    return new RankedLists(offsets, entries, scores);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Dataset dataset(IdDictionary users, IdDictionary items) {
    int n = items.size();
    Map<String, String>[] attrs = new Map[n];
    Arrays.fill(attrs, Map.of());
    float[] price = new float[n];
    Arrays.fill(price, 9.9f);
    boolean[] stock = new boolean[n];
    Arrays.fill(stock, true);
    String[] titles = new String[n];
    for (int i = 0; i < n; i++) {
      titles[i] = "Item " + i;
    }
    int[] none = new int[n];
    Arrays.fill(none, -1);
    Catalog c = new Catalog(titles, none, none, price, stock, new long[n], attrs, new int[0]);
    int m = users.size();
    UserTable ut = new UserTable(new String[m], new String[m], new String[m], new long[m]);
    Events e = new Events(new int[0], new int[0], new byte[0], new long[0], new int[0], new float[0], new int[0], new int[0], new int[0], new int[0], new int[0]);
    IdDictionary empty = IdDictionary.of(List.of());
    DatasetInfo info = new DatasetInfo(DatasetWriter.FORMAT_VERSION, "now", "bench", 0, m, n, 0, 0, Map.of(), Map.of());
    return new Dataset(info, e, c, ut, users, items, empty, empty, empty, empty, empty, empty, empty);
  }
}
