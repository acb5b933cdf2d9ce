package io.qianmian.serving.http;

import com.sun.management.OperatingSystemMXBean;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.serving.BenchModels;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.campaign.CounterSettings;
import io.qianmian.serving.campaign.CounterStore;
import io.qianmian.serving.campaign.JournaledCounterStore;
import io.qianmian.serving.campaign.LiveCampaigns;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU per homepage answer without HTTP — campaign decision (reserved and journaled in the event log,
 * as the embedded counters do), recommendations, layout, JSON and the exposure record; the writer
 * threads included, since the whole process's CPU is counted — for a different shopper each time,
 * alternating slices with recommendations answers in the same process so that the difference is the
 * homepage's own:
 * {@code mvn -q -B -o -pl serving test -Dexcluded.test.groups= -Dgroups=bench -Dtest=HomepagePathBench
 * -Dqianmian.bench.models=MODELS_DIR "-DargLine=-Xmx2g --add-modules jdk.incubator.vector"
 * -Dsurefire.failIfNoSpecifiedTests=false}. Optional: {@code -Dqianmian.bench.campaigns=FILE} (default
 * {@code /work/bench1m/export/campaigns.json}), {@code -Dqianmian.bench.events=DIR} (a new directory
 * below it per run; default a temporary one), {@code -Dqianmian.bench.threads=T} concurrent callers
 * (default 32, like the load test's connections, so that the journal's group commit shares fsyncs as
 * in the server), {@code -Dqianmian.bench.rounds=R}, {@code -Dqianmian.bench.memory-counters=true} (counters
 * not journaled: what the journal costs).
 */
@Tag("bench")
class HomepagePathBench {
  private static final int PER_ROUND = 20_000;
  private static final int SLICES = 10;

  @Test
  void homepageAnswers() throws Exception {
    String dir = System.getProperty("qianmian.bench.models");
    Assumptions.assumeTrue(dir != null, "set qianmian.bench.models to a models directory");
    Path campaignFile = Path.of(System.getProperty("qianmian.bench.campaigns", "/work/bench1m/export/campaigns.json"));
    Assumptions.assumeTrue(Files.isRegularFile(campaignFile), "campaign file " + campaignFile + " not found");
    Model m = BenchModels.loadPrepared(Path.of(dir));
    String eventsRoot = System.getProperty("qianmian.bench.events");
    Path events = eventsRoot == null ? Files.createTempDirectory("bench-events")
        : Files.createTempDirectory(Files.createDirectories(Path.of(eventsRoot)), "events-");
    ServingConfig config = ServingConfig.load(null, Map.of("qianmian.events.dir", events.toString()));
    LiveModel live = new LiveModel();
    live.install(m);
    Ranker ranker = BenchModels.ranker(config);
    int users = m.bundle().users().size();
    int threads = Integer.getInteger("qianmian.bench.threads", 32);
    int rounds = Integer.getInteger("qianmian.bench.rounds", 8);
    ServingConfig.Campaigns cc = config.campaigns();
    CounterSettings settings = new CounterSettings(cc.attributionWindow(), cc.timeZone());
    System.out.printf("events %s, campaigns %s, %d callers%n", events, campaignFile, threads);
    try (EventLog log = EventLog.open(events);
        ExposureRecorder exposures = new ExposureRecorder(log);
        CounterStore counters = Boolean.getBoolean("qianmian.bench.memory-counters")
            ? CounterStore.inMemory(settings)
            : JournaledCounterStore.open(log, settings, Duration.ZERO)) {
      // As the server loads it: before a model is, so segment names are not checked.
      CampaignDecider decider =
          CampaignDecider.builder(LiveCampaigns.load(campaignFile, () -> null), counters)
              .draws(cc.draws())
              .build();
      Assignments none = Assignments.of(ExperimentsConfig.empty());
      var recommendations = new RecommendationsService(live, ranker, none, exposures, config, null);
      var homepage = new HomepageService(live, ranker, decider, none, exposures, config, null);
      AtomicLong next = new AtomicLong();
      LongFunction<String> user = q -> "u" + (q * 7919 % users + 1);
      IntSupplier rec = () -> recommendations.answer(m, user.apply(next.getAndIncrement()), 20, null, null, true, new int[0]).length();
      IntSupplier home = () -> homepage.answer(m, user.apply(next.getAndIncrement()), 20, "app").length();
      for (int round = 0; round < rounds; round++) {
        // Slices of each, alternately, so that a busy moment of the machine weighs on both alike.
        long recCpu = 0;
        long homeCpu = 0;
        long commits = log.commits();
        long writerRec = 0;
        long writerHome = 0;
        for (int slice = 0; slice < SLICES; slice++) {
          long w = writerCpu();
          recCpu += cpu(threads, rec);
          long v = writerCpu();
          homeCpu += cpu(threads, home);
          writerRec += v - w;
          writerHome += writerCpu() - v;
        }
        double r = recCpu / 1e3 / PER_ROUND;
        double h = homeCpu / 1e3 / PER_ROUND;
        System.out.printf("round %d: recommendations %.1f µs, homepage %.1f µs CPU per answer: homepage − recommendations %.1f µs"
            + " (%.2f event-log commits per homepage answer, exposure batches included; the log's writer thread"
            + " %.1f µs CPU per recommendations answer, %.1f per homepage answer)%n", round, r, h, h - r,
            (log.commits() - commits) / (double) PER_ROUND, writerRec / 1e3 / PER_ROUND, writerHome / 1e3 / PER_ROUND);
      }
    }
  }

  /** CPU nanoseconds of the event log's writer thread (its writes and fsyncs), 0 when not found. */
  private static long writerCpu() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("qianmian-event-log")) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
      }
    }
    return 0;
  }

  /** Whole-process CPU nanoseconds of {@code PER_ROUND / SLICES} answers from {@code threads} callers. */
  private static long cpu(int threads, IntSupplier answer) throws InterruptedException {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int answers = PER_ROUND / SLICES;
    Thread[] callers = new Thread[threads];
    long cpu = os.getProcessCpuTime();
    for (int t = 0; t < threads; t++) {
      int share = answers / threads + (t < answers % threads ? 1 : 0);
      callers[t] = Thread.ofVirtual().start(() -> {
        for (int q = 0; q < share; q++) {
          answer.getAsInt();
        }
      });
    }
    for (Thread t : callers) {
      t.join();
    }
    return os.getProcessCpuTime() - cpu;
  }
}
