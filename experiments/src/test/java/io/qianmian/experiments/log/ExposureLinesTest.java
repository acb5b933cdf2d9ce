package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposureLinesTest {
  @TempDir Path dir;

  private static byte[] item(String id) {
    return ("\"itemId\":" + new String(JsonBytes.encode(id), StandardCharsets.UTF_8) + ",\"title\":\"A \\\"thing\\\"\",\"price\":1.5")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreTheOnesTheExposureRecordMakes() throws Exception {
    List<Exposure.ExposedVariant> variants = List.of(new Exposure.ExposedVariant("e1", "b"));
    String[] ids = {"p1", "p \"2\"", "p\\3", "商品4"};
    float[] propensities = {0.97f, 0.97f, 0.0015f, 0.97f};
    ExposureLines lines = new ExposureLines(2);
    byte[][] items = new byte[ids.length][];
    for (int k = 0; k < ids.length; k++) {
      items[k] = item(ids[k]);
    }
    lines.add("r1", 1_000L, "u1", "cluster-2", variants, "v1", "homepage", items, propensities);
    lines.add("r2", 2_000L, "u2", null, List.of(), "v1", null, new byte[0][], new float[0]);

    List<Exposure.ShownItem> shown = List.of(
        new Exposure.ShownItem("p1", 0, 0.97), new Exposure.ShownItem("p \"2\"", 1, 0.97),
        new Exposure.ShownItem("p\\3", 2, 0.0015), new Exposure.ShownItem("商品4", 3, 0.97));
    Exposure first = new Exposure("r1", 1_000L, "u1", null, "cluster-2", variants, "v1", "homepage", shown, List.of());
    Exposure second = new Exposure("r2", 2_000L, "u2", null, null, List.of(), "v1", null, List.of(), List.of());
    JsonBytes expected = new JsonBytes(1024);
    ExposureJson.write(first, expected);
    expected.raw('\n');
    ExposureJson.write(second, expected);
    expected.raw('\n');
    assertThat(new String(lines.bytes(new byte[0]), StandardCharsets.UTF_8))
        .isEqualTo(new String(expected.toByteArray(), StandardCharsets.UTF_8));

    try (EventLog log = EventLog.open(dir)) {
      log.appendDeferred(lines).get();
    }
    assertThat(EventLogReader.readAll(dir)).containsExactly(first, second);
    assertThat(Files.readAllLines(LogFiles.list(dir).getFirst().path()).getFirst()).isEqualTo("{\"batch\":2}");
  }

  @Test
  void anInvalidExposureIsRefusedNamingTheFieldAndLeavesTheOthers() {
    ExposureLines lines = new ExposureLines(1);
    lines.add("r1", 1L, "u1", null, List.of(), "v1", null, new byte[][] {item("p1")}, new float[] {1f});
    assertThatThrownBy(() -> lines.add("r2", 1L, "u1", null, List.of(), "v1", null, new byte[][] {item("p1")}, new float[] {0f}))
        .hasMessageContaining("items[0] propensity");
    assertThatThrownBy(() -> lines.add("r3", 1L, "u1", null, List.of(), "v1", null,
            new byte[][] {"\"title\":\"x\"".getBytes(StandardCharsets.US_ASCII)}, new float[] {1f}))
        .hasMessageContaining("items[0] does not start with its \"itemId\"");
    assertThatThrownBy(() -> lines.add(" ", 1L, "u1", null, List.of(), "v1", null, new byte[0][], new float[0]))
        .hasMessageContaining("requestId");
    assertThat(lines.count()).isOne();
    assertThat(new String(lines.bytes(new byte[0]), StandardCharsets.UTF_8)).startsWith("{\"kind\":\"exposure\",\"requestId\":\"r1\"").endsWith("}\n").hasLineCount(1);
  }
}
