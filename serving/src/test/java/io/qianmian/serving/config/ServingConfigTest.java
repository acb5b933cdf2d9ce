package io.qianmian.serving.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingConfigTest {
  @TempDir Path dir;

  @Test
  void theReferenceFileGivesEveryDefault() {
    ServingConfig c = ServingConfig.load(null, Map.of());
    assertThat(c.modelsDir()).isNull();
    assertThat(c.adminEnabled()).isFalse();
    assertThat(c.limits().maxN()).isEqualTo(200);
    assertThat(c.recommendations().defaultN()).isEqualTo(20);
    assertThat(c.recommendations().weights().session()).isEqualTo(1.5f);
    assertThat(c.sessions().ttl()).isEqualTo(Duration.ofHours(24));
    assertThat(c.exposureDeferral()).isEqualTo(Duration.ofMillis(10));
    assertThat(c.helidon().get("server.port").asInt().get()).isEqualTo(8080);
  }

  @Test
  void aFileOverridesAndTheCommandLineOverridesTheFile() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "server:\n  port: 9000\nqianmian:\n  limits:\n    max-n: 50\n  admin:\n    token: t\n");
    ServingConfig c = ServingConfig.load(file, Map.of("server.port", "9100", "qianmian.models.dir", "/m"));
    assertThat(c.limits().maxN()).isEqualTo(50);
    assertThat(c.adminEnabled()).isTrue();
    assertThat(c.modelsDir()).isEqualTo(Path.of("/m"));
    assertThat(c.helidon().get("server.port").asInt().get()).isEqualTo(9100);
  }

  @Test
  void unknownKeysAreRefusedNamingTheKeyAndFile() throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "qianmian:\n  limits:\n    max-nn: 5\n");
    assertThatThrownBy(() -> ServingConfig.load(file, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("typo.yaml")
        .hasMessageContaining("qianmian.limits.max-nn");
  }

  @Test
  void badValuesNameTheKeyTheValueAndWhatWasExpected() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "qianmian:\n  recommendations:\n    max-category-share: 2\n");
    assertThatThrownBy(() -> ServingConfig.load(file, Map.of()))
        .hasMessageContaining("qianmian.recommendations.max-category-share")
        .hasMessageContaining("'2'")
        .hasMessageContaining("[0.0, 1.0]");
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of("qianmian.caches.candidates-ttl", "ten minutes")))
        .hasMessageContaining("ISO-8601 duration");
    assertThatThrownBy(() -> ServingConfig.load(null, Map.of("qianmian.events.exposure-deferral", "PT1M")))
        .hasMessageContaining("qianmian.events.exposure-deferral")
        .hasMessageContaining("PT0S to PT10S");
  }
}
