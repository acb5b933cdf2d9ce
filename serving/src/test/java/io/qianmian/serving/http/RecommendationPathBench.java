package io.qianmian.serving.http;

import com.sun.management.OperatingSystemMXBean;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.serving.BenchModels;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU per recommendations answer without HTTP — ranking, JSON and the exposure record (its writer
 * thread included, since the whole process's CPU is counted) — for a different shopper each time, so
 * the candidate cache misses as in {@code bench/server.sh} and the precomputed lists answer:
 * {@code mvn -q -B -o -pl serving test -Dexcluded.test.groups= -Dgroups=bench -Dtest=RecommendationPathBench
 * -Dqianmian.bench.models=MODELS_DIR "-DargLine=-Xmx2g --add-modules jdk.incubator.vector"
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class RecommendationPathBench {
  private static final int PER_ROUND = 20_000;

  @Test
  void recommendationAnswers() throws Exception {
    Model m = BenchModels.fromProperty();
    Path events = Files.createTempDirectory("bench-events");
    ServingConfig config = ServingConfig.load(null, Map.of("qianmian.events.dir", events.toString()));
    LiveModel live = new LiveModel();
    live.install(m);
    Ranker ranker = BenchModels.ranker(config);
    BenchModels.precompute(ranker, m);
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int users = m.bundle().users().size();
    try (EventLog log = EventLog.open(events); ExposureRecorder exposures = new ExposureRecorder(log)) {
      var service = new RecommendationsService(live, ranker, Assignments.of(ExperimentsConfig.empty()), exposures, config, null);
      long bytes = 0;
      int rounds = Integer.getInteger("qianmian.bench.rounds", 8);
      for (int round = 0; round < rounds; round++) {
        long cpu = os.getProcessCpuTime();
        long own = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long wall = System.nanoTime();
        for (int q = 0; q < PER_ROUND; q++) {
          String user = "u" + ((round * (long) PER_ROUND + q) * 7919 % users + 1);
          bytes += service.answer(m, user, 20, null, null, true, new int[0]).length();
        }
        System.out.printf("round %d: %.1f µs CPU (%.1f on the answering thread, which allocated %.1f kB), %.1f µs wall per answer (%d bytes so far)%n",
            round, (os.getProcessCpuTime() - cpu) / 1e3 / PER_ROUND, (threads.getCurrentThreadCpuTime() - own) / 1e3 / PER_ROUND,
            (threads.getCurrentThreadAllocatedBytes() - allocated) / 1e3 / PER_ROUND, (System.nanoTime() - wall) / 1e3 / PER_ROUND, bytes);
      }
    }
  }
}
