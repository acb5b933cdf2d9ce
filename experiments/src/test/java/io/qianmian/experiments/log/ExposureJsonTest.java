package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureJsonTest {
  @Test
  void writesTheSameBytesAsTheDataBindingWriter() throws Exception {
    List<Exposure> exposures = List.of(
        new Exposure("r1", 1_795_665_421_079L, "u5", null, null, List.of(), null, null, List.of(), List.of()),
        new Exposure("r\u0001\t\r\b\f/", -3, "😀 u\u001f é", null, "s\"", List.of(), "v", "p",
            List.of(new Exposure.ShownItem("p😀x\n", 0, 1e-7)), List.of(new Exposure.ShownCampaign("c\\", 0, 1e-5))),
        new Exposure("r2", 42, "u\"quoted\" 用户", "s-9", "high-value",
            List.of(new Exposure.ExposedVariant("hero", "treatment"), new Exposure.ExposedVariant("x", "control")),
            "2026-11-26T03:09:28Z-1", "homepage",
            List.of(new Exposure.ShownItem("p47955", 0, 0.97f), new Exposure.ShownItem("p8", 1, 0.97f),
                new Exposure.ShownItem("p\\1\n", 2, 1.0), new Exposure.ShownItem("p3", 3, 0.0006),
                new Exposure.ShownItem("p4", 4, 0.97f), new Exposure.ShownItem("p5", 5, 0.0006)),
            List.of(new Exposure.ShownCampaign("spring-sale", 0, 0.25), new Exposure.ShownCampaign("c2", 1, 1))));
    for (Exposure e : exposures) {
      JsonBytes out = new JsonBytes(16);
      ExposureJson.write(e, out);
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
          .isEqualTo(new String(LogJson.WRITER.writeValueAsBytes(e), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aBatchOfExposuresAndOutcomesReadsBackAsWritten() throws Exception {
    Exposure e = new Exposure("r1", 7, "u1", null, "new", List.of(), "v1", null,
        List.of(new Exposure.ShownItem("p1", 0, 0.5)), List.of());
    byte[] bytes = EventLog.encode(List.of(e, e));
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo("{\"batch\":2}");
    assertThat(LogJson.READER.<LogRecord>readValue(lines[1])).isEqualTo(e);
  }
}
