package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.EventLog;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A process for {@link CounterSnapshotTest} to kill: reserves one impression after another with
 * small journal files and a snapshot every few milliseconds, printing {@code acked N} once the N-th
 * reservation is durable, until it is killed.
 */
final class SnapshotCrashChild {
  private SnapshotCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    CampaignSet campaigns = Fixtures.set("{'id': 'c', 'budget': {'impressions': 1000000}}");
    try (EventLog log = EventLog.builder(dir).maxFileBytes(4096).open()) {
      JournaledCounterStore store = JournaledCounterStore.open(log, CounterSettings.DEFAULTS, Duration.ofMillis(5));
      CampaignDecider d = Fixtures.decider(campaigns, store);
      for (int n = 1; ; n++) {
        if (d.decide(Fixtures.user("r" + n, "u" + n, "new", Fixtures.NOW.plusMillis(n)), 1).offers().size() != 1) {
          throw new IllegalStateException("not shown at " + n);
        }
        System.out.println("acked " + n);
        System.out.flush();
      }
    }
  }
}
