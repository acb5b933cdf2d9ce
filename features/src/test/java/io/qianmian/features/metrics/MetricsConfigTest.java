package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.metrics.AlertRule.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsConfigTest {
  @TempDir Path tmp;

  private static MetricsConfig parse(String json) {
    return MetricsConfig.parse(json, "my.json");
  }

  @Test
  void defaultsComeFromTheReferenceFile() {
    MetricsConfig c = MetricsConfig.defaults();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.from()).isNull();
    assertThat(c.to()).isNull();
    assertThat(c.churnWindowDays()).isEqualTo(30);
    assertThat(c.maxBreakdownValues()).isEqualTo(20);
    assertThat(c.alerts()).isEmpty();
  }

  @Test
  void referenceFileDocumentsEveryMetricName() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(MetricsConfig.REFERENCE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Metric m : Metric.values()) {
        assertThat(text).as(m.wireName()).containsPattern("[ ,]" + m.wireName() + "[,\\n]");
      }
    }
  }

  @Test
  void userFileOverlaysOnlyTheKeysItGives() {
    MetricsConfig c = parse("""
        // a comment is fine
        {"churn": {"windowDays": 7}, "period": {"from": "2026-10-02"},}
        """);
    assertThat(c.churnWindowDays()).isEqualTo(7);
    assertThat(c.from()).isEqualTo(LocalDate.of(2026, 10, 2));
    assertThat(c.to()).isNull();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.maxBreakdownValues()).isEqualTo(20);
  }

  @Test
  void alertRulesAreRead() throws IOException {
    Path file = tmp.resolve("metrics.json");
    Files.writeString(file, """
        {"timeZone": "Asia/Shanghai",
         "alerts": [
           {"name": "CTR too low", "metric": "ctr", "breakdown": "channel", "value": "app", "direction": "below", "threshold": 0.01},
           {"metric": "gmv", "direction": "above", "threshold": 1000}
         ]}
        """);
    MetricsConfig c = MetricsConfig.load(file);
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(c.alerts()).containsExactly(
        new AlertRule("CTR too low", Metric.CTR, Breakdown.CHANNEL, "app", Direction.BELOW, 0.01),
        new AlertRule("gmv above 1000", Metric.GMV, null, null, Direction.ABOVE, 1000));
  }

  @Test
  void unknownTopLevelKeyIsAnErrorNamingLineAndKey() {
    assertThatThrownBy(() -> parse("{\n  \"timezone\": \"UTC\"\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("my.json line 2: timezone: unknown key")
        .hasMessageContaining("timeZone, period, churn, breakdowns, alerts");
  }

  @Test
  void unknownNestedKeyNamesItsPath() {
    assertThatThrownBy(() -> parse("{\"churn\": {\n\"window\": 7}}"))
        .hasMessageStartingWith("my.json line 2: churn.window: unknown key (known keys of churn: windowDays)");
  }

  @Test
  void unknownMetricNameIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> parse("{\"alerts\": [\n  {\"metric\": \"ctrr\", \"direction\": \"below\", \"threshold\": 1}\n]}"))
        .hasMessageStartingWith("my.json line 2: alerts[0].metric: unknown metric 'ctrr' (known: pv, uv,");
  }

  @Test
  void badDirectionIsAnError() {
    assertThatThrownBy(() -> parse("{\"alerts\": [{\"metric\": \"pv\", \"direction\": \"above\", \"threshold\": 1},\n {\"metric\": \"pv\",\n \"direction\": \"under\", \"threshold\": 1}]}"))
        .hasMessage("my.json line 3: alerts[1].direction: 'under' is not a direction (expected below or above)");
  }

  @Test
  void missingDirectionIsAnErrorAtTheRule() {
    assertThatThrownBy(() -> parse("{\"alerts\": [\n{\"metric\": \"pv\", \"threshold\": 1}]}"))
        .hasMessage("my.json line 2: alerts[0]: the rule has no direction");
  }

  @Test
  void unknownKeyInARuleIsAnError() {
    assertThatThrownBy(() -> parse("{\"alerts\": [{\"metric\": \"pv\", \"direction\": \"below\",\n \"treshold\": 1}]}"))
        .hasMessageStartingWith("my.json line 2: alerts[0].treshold: unknown key");
  }

  @Test
  void unknownBreakdownIsAnError() {
    assertThatThrownBy(() -> parse("{\"alerts\": [{\"metric\": \"pv\", \"direction\": \"below\", \"threshold\": 1, \"breakdown\": \"brand\"}]}"))
        .hasMessageContaining("alerts[0].breakdown: unknown breakdown 'brand'");
  }

  @Test
  void valueWithoutBreakdownIsAnError() {
    assertThatThrownBy(() -> parse("{\"alerts\": [{\"metric\": \"pv\", \"direction\": \"below\", \"threshold\": 1, \"value\": \"app\"}]}"))
        .hasMessageContaining("alerts[0].value: a value needs a breakdown");
  }

  @Test
  void valuesOfTheWrongTypeOrRangeAreErrors() {
    assertThatThrownBy(() -> parse("{\"breakdowns\": {\"maxValues\": 99}}"))
        .hasMessage("my.json line 1: breakdowns.maxValues: expected a whole number from 1 to 30, got 99");
    assertThatThrownBy(() -> parse("{\"churn\": {\"windowDays\": \"30\"}}"))
        .hasMessageContaining("churn.windowDays: expected a whole number");
    assertThatThrownBy(() -> parse("{\"period\": {\"from\": \"2026-13-01\"}}"))
        .hasMessageContaining("period.from: '2026-13-01' is not a date");
    assertThatThrownBy(() -> parse("{\"timeZone\": \"Mars/Olympus\"}"))
        .hasMessageContaining("timeZone: unknown time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> parse("{\"alerts\": {}}"))
        .hasMessageContaining("alerts: expected a list of rules");
    assertThatThrownBy(() -> parse("{\"period\": {\"from\": \"2026-10-05\", \"to\": \"2026-10-01\"}}"))
        .hasMessageContaining("period.to: the period ends (2026-10-01) before it starts (2026-10-05)");
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> parse("{\n\"churn\": {\"windowDays\": 7\n\n}, oops}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("my.json line 4: not valid JSON");
  }

  @Test
  void duplicateKeyIsAnError() {
    assertThatThrownBy(() -> parse("{\"timeZone\": \"UTC\",\n\"timeZone\": \"UTC\"}"))
        .hasMessage("my.json line 2: timeZone: the key is given twice");
  }
}
