package io.qianmian.serving.catalog;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU per content-similarity query on a bundle's catalog (the costliest part of a similar-items
 * cache miss): {@code mvn -pl serving test -Dexcluded.test.groups= -Dtest=SimilarContentBench
 * -Dqianmian.bench.catalog=MODELS/VERSION/catalog "-DargLine=-da --add-modules jdk.incubator.vector"}
 * (surefire enables assertions, and one inside Lucene's postings search costs a third of a query).
 */
@Tag("bench")
class SimilarContentBench {
  @Test
  void contentQueries() throws Exception {
    String dir = System.getProperty("qianmian.bench.catalog");
    Assumptions.assumeTrue(dir != null, "set qianmian.bench.catalog to a bundle's catalog directory");
    Dataset c = DatasetReader.read(Path.of(dir));
    CatalogIndex index = CatalogIndex.build(c.catalog(), c.categories(), c.brands());
    var threads = ManagementFactory.getThreadMXBean();
    int items = c.items().size();
    for (int round = 0; round < 3; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long hits = 0;
      int queries = 5000;
      for (int q = 0; q < queries; q++) {
        hits += index.similarContent((int) ((q * 104729L + round) % items), 100).size();
      }
      System.out.printf("content similarity: %.0f µs CPU per query, %.1f items per answer%n",
          (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / queries, hits / (double) queries);
    }
  }
}
