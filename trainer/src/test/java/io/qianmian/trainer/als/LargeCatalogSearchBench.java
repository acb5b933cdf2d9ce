package io.qianmian.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ALS on a large imported store, then how well and how fast the inner-product index answers
 * against exhaustive scoring. Run with {@code mvn -pl trainer test -Dexcluded.test.groups=none
 * -Dgroups=bench -Dtest=LargeCatalogSearchBench -Dqianmian.bench.dataset=/work/bench1m/dataset
 * -DargLine=-Xmx4g}.
 */
@Tag("bench")
class LargeCatalogSearchBench {
  @Test
  void indexAgainstExhaustiveScoring() throws IOException {
    String dir = System.getProperty("qianmian.bench.dataset");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "set -Dqianmian.bench.dataset=DIR (an imported dataset)");
    int iterations = Integer.getInteger("qianmian.bench.iterations", 10);
    Dataset d = DatasetReader.read(Path.of(dir));
    TrainConfig cfg = TrainConfig.reference();
    Interactions all = EventInteractions.weighted(d, cfg.eventWeights(), TimeDecay.NONE);
    System.out.printf("%,d users × %,d items, %,d non-zeros%n", all.userCount(), all.itemCount(), all.nonZeros());
    var p = cfg.als().orElseThrow();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    AlsModel m =
        new AlsTrainer(new AlsParameters(p.rank(), p.lambda(), p.alpha(), iterations, p.cgSteps(), p.seed()))
            .fit(all, (task, total, unit) -> new Progress.Task() {
              @Override
              public void stepTo(long done) {}

              @Override
              public void message(String text) {
                System.out.println(text);
              }

              @Override
              public void close() {}
            });
    System.out.printf("als %.1f s wall, %.1f s cpu (load average %.1f)%n", (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, os.getSystemLoadAverage());
    Factors f = m.factors();
    long b0 = System.nanoTime();
    InnerProductIndex index = InnerProductIndex.build(f.items(), f.rank(), AlsModel.searchBudget(f.itemCount()), 42);
    System.out.printf("index %.2f s: %s%n", (System.nanoTime() - b0) / 1e9, index);
    InnerProductIndex.Scratch s = index.scratch(50);
    SplittableRandom rnd = new SplittableRandom(1);
    int sample = 1000;
    double found = 0;
    int wanted = 0;
    for (int n = 0; n < sample; n++) {
      int u = rnd.nextInt(all.userCount());
      if (all.rowLength(u) == 0) {
        continue;
      }
      float[] scores = m.scores(u);
      ItemFilter none = ItemFilter.NONE;
      Set<Integer> truth = new HashSet<>();
      for (int i : TopK.select(scores, 50, none).items()) {
        truth.add(i);
      }
      ScoredItems got = index.search(f.users(), u * f.rank(), none, s);
      for (int i : got.items()) {
        found += truth.contains(i) ? 1 : 0;
      }
      wanted += truth.size();
    }
    System.out.printf("recall of the exhaustive top 50: %.4f; exact answers %.1f %%; %,d items scored per search%n", found / wanted, 100.0 * s.exact / s.searches, s.scoredItems / s.searches);
    // Exhaustive scoring (what every candidate list cost before the index), on fewer users.
    int few = Math.min(5_000, all.userCount());
    long e0 = os.getProcessCpuTime();
    long x0 = System.nanoTime();
    io.qianmian.trainer.linalg.Chunks.forEach(few, (chunk, from, to) -> {
      for (int u = from; u < to; u++) {
        TopK.select(m.scores(u), 50, ItemFilter.NONE);
      }
    });
    double exhaustiveCpu = (os.getProcessCpuTime() - e0) / 1e9 / few;
    System.out.printf("exhaustive %,d users: %.2f s wall, %.0f µs cpu per user (load average %.1f)%n", few, (System.nanoTime() - x0) / 1e9, exhaustiveCpu * 1e6, os.getSystemLoadAverage());
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    int users = Math.min(200_000, all.userCount());
    int[] results = new int[1];
    io.qianmian.trainer.linalg.Chunks.forEach(users, (chunk, from, to) -> {
      InnerProductIndex.Scratch t = index.scratch(50);
      int sum = 0;
      for (int u = from; u < to; u++) {
        sum += index.search(f.users(), u * f.rank(), ItemFilter.NONE, t).size();
      }
      synchronized (results) {
        results[0] += sum;
      }
    });
    double wall = (System.nanoTime() - w0) / 1e9;
    double searchCpu = (os.getProcessCpuTime() - c0) / 1e9 / users;
    System.out.printf("search %,d users: %.2f s wall, %.0f µs cpu per user → %,.0f users/s; %.1f× less CPU than exhaustive (load average %.1f)%n", users, wall, searchCpu * 1e6, users / wall, exhaustiveCpu / searchCpu, os.getSystemLoadAverage());
    assertThat(results[0]).isPositive();
  }
}
