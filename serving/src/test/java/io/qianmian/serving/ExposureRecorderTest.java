package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.EventLogReader;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exposures handed to the recorder's writer thread all reach the log, in batches. */
class ExposureRecorderTest {
  @TempDir Path dir;

  @Test
  void everyExposureRecordedFromManyThreadsIsInTheLogOnceTheRecorderCloses() throws Exception {
    Path models = dir.resolve("models");
    Model model = Model.of(new DirectoryBundles(models).load(StoreFixture.publish(models, false)), new Model.VectorOptions(16, 100));
    Ranking shown = new Ranking(new int[] {0, 1}, new float[] {1, 0.5f}, new String[] {"als", "popular"}, new float[] {0.97f, 0.0015f});
    byte[][] items = {model.catalogJson(0), model.catalogJson(1)};
    EventLog log = EventLog.open(dir.resolve("events"));
    ExposureRecorder recorder = new ExposureRecorder(log);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int k = 0; k < 250; k++) {
          recorder.record("r" + thread + "-" + k, 1_000L, "u" + k, null, List.of(), "homepage", model, shown, items);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    recorder.close();
    log.close();

    List<Exposure> logged = EventLogReader.readAll(dir.resolve("events")).stream()
        .filter(Exposure.class::isInstance).map(Exposure.class::cast).toList();
    assertThat(logged).hasSize(1000);
    assertThat(logged).extracting(Exposure::requestId).doesNotHaveDuplicates().contains("r0-0", "r3-249");
    assertThat(logged.get(0).items()).extracting(Exposure.ShownItem::itemId).containsExactly(model.itemId(0), model.itemId(1));
    assertThat(logged.get(0).items()).extracting(Exposure.ShownItem::propensity).containsExactly(0.97, 0.0015);
    assertThat(recorder.failures()).isZero();
  }
}
