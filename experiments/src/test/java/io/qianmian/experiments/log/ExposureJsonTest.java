package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.io.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureJsonTest {
  private static final List<Exposure> ODD_ONES = List.of(
      new Exposure("r1", 1_795_665_421_079L, "u5", null, null, List.of(), null, null, List.of(), List.of()),
      new Exposure("r\u0001\t\r\b\f/", -3, "😀 u\u001f é", null, "s\"", List.of(), "v", "p",
          List.of(new Exposure.ShownItem("p😀x\n", 0, 1e-7)), List.of(new Exposure.ShownCampaign("c\\", 0, 1e-5))),
      new Exposure("r2", 42, "u\"quoted\" 用户", "s-9", "high-value",
          List.of(new Exposure.ExposedVariant("hero", "treatment"), new Exposure.ExposedVariant("x", "control")),
          "2026-11-26T03:09:28Z-1", "homepage",
          List.of(new Exposure.ShownItem("p47955", 0, 0.97f), new Exposure.ShownItem("p8", 1, 0.97f),
              new Exposure.ShownItem("p\\1\n", 2, 1.0), new Exposure.ShownItem("p3", 3, 0.0006),
              new Exposure.ShownItem("p4", 4, 0.97f), new Exposure.ShownItem("p5", 5, 0.0006)),
          List.of(new Exposure.ShownCampaign("spring-sale", 0, 0.25), new Exposure.ShownCampaign("c2", 1, 1))),
      // Positions other than the index (a caller may log a page's second half, say).
      new Exposure("r3", 5, "u3", null, null, List.of(), null, null,
          List.of(new Exposure.ShownItem("p1", 10, 0.5), new Exposure.ShownItem("p2", 1, 0.25)), List.of()));

  @Test
  void writesAnItemsPositionAndPropensityOnlyWhereTheyDifferFromTheDefaults() {
    Exposure e = new Exposure("r9", 7, "u1", null, "new", List.of(), "v1", "homepage",
        List.of(new Exposure.ShownItem("p1", 0, 0.97), new Exposure.ShownItem("p2", 1, 0.97),
            new Exposure.ShownItem("p3", 2, 6.0E-4), new Exposure.ShownItem("p4", 7, 0.97)),
        List.of(new Exposure.ShownCampaign("c1", 0, 0.5)));
    assertThat(written(e)).isEqualTo("{\"kind\":\"exposure\",\"requestId\":\"r9\",\"time\":7,\"userId\":\"u1\","
        + "\"segment\":\"new\",\"experiments\":[],\"modelVersion\":\"v1\",\"placement\":\"homepage\",\"propensity\":0.97,"
        + "\"items\":[{\"itemId\":\"p1\"},{\"itemId\":\"p2\"},{\"itemId\":\"p3\",\"propensity\":6.0E-4},"
        + "{\"itemId\":\"p4\",\"position\":7}],"
        + "\"campaigns\":[{\"campaignId\":\"c1\",\"position\":0,\"probability\":0.5}]}");
  }

  @Test
  void everyExposureReadsBackAsWritten() throws Exception {
    for (Exposure e : ODD_ONES) {
      assertThat(LogJson.READER.<LogRecord>readValue(written(e))).isEqualTo(e);
    }
  }

  @Test
  void linesWithEveryItemFieldSpelledOutStillRead() throws Exception {
    for (Exposure e : ODD_ONES) {
      String verbose = new String(LogJson.WRITER.writeValueAsBytes(e), StandardCharsets.UTF_8);
      assertThat(LogJson.READER.<LogRecord>readValue(verbose)).isEqualTo(e);
    }
  }

  @Test
  void anItemWithoutAPropensityNeedsTheExposuresOwn() {
    String line = "{\"kind\":\"exposure\",\"requestId\":\"r\",\"time\":1,\"userId\":\"u\",\"items\":[{\"itemId\":\"p1\"}]}";
    assertThatThrownBy(() -> LogJson.READER.readValue(line)).hasStackTraceContaining("items[0].propensity is required");
  }

  private static String written(Exposure e) {
    JsonBytes out = new JsonBytes(16);
    ExposureJson.write(e, out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
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
