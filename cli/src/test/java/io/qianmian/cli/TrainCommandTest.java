package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.EventType;
import io.qianmian.trainer.bundle.ModelBundle;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path tmp;
  private Path data;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void dataset() throws IOException {
    DatasetBuilder b = new DatasetBuilder();
    for (int u = 0; u < 8; u++) {
      for (int k = 0; k <= u % 4; k++) {
        b.add(BehaviorEvent.of("u" + u, "p" + (k + u % 2), EventType.PURCHASE, 86_400_000L * (k + u)));
        b.add(BehaviorEvent.of("u" + u, "p" + (k + 3), EventType.VIEW, 86_400_000L * (k + u)));
      }
    }
    data = tmp.resolve("data");
    DatasetWriter.write(b.build(), data);
  }

  private int run(String... args) {
    return CliRun.execute(out, err, args);
  }

  @Test
  void publishesABundleAndPointsCurrentAtIt() throws IOException {
    Path models = tmp.resolve("models");
    int code = run("train", "--data", data.toString(), "--out", models.toString());
    assertThat(code).as(err.toString()).isZero();
    ModelBundle b = ModelBundle.loadCurrent(models);
    assertThat(b.users().size()).isEqualTo(8);
    assertThat(out.toString()).contains("candidates ranked by ease").contains("Trained in");
  }

  @Test
  void unknownConfigKeyFailsWithOneLineNamingIt() throws IOException {
    Path config = Files.writeString(tmp.resolve("my.json"), "{\"als\": {\"rnak\": 8}}");
    int code = run("train", "--data", data.toString(), "--out", tmp.resolve("m").toString(), "--config", config.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("qianmian train: " + config + " line 1: als.rnak: unknown key").doesNotContain("\n");
  }

  @Test
  void featuresThatAreNotAProfileStoreAreRefused() {
    int code = run("train", "--data", data.toString(), "--out", tmp.resolve("m").toString(), "--features", tmp.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--features: " + tmp + " is not a profile store");
  }
}
