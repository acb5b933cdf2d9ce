package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.RuleSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FeaturesConfigTest {
  private static FeaturesConfig parse(String json) {
    return FeaturesConfig.parse(json, "my.json");
  }

  private static void rejects(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void referenceHoldsTheDocumentedDefaults() {
    FeaturesConfig c = FeaturesConfig.reference();
    assertThat(c.lifecycle()).isEqualTo(new FeaturesConfig.Lifecycle(30, 60, 180, 4));
    assertThat(c.tags().halfLifeDays()).isEqualTo(30);
    assertThat(c.tags().eventWeights()).containsEntry(EventType.PURCHASE, 5.0).containsEntry(EventType.IMPRESSION, 0.0).hasSize(8);
    assertThat(c.rules()).extracting(RuleSegment::name).startsWith("high-value");
    assertThat(c.clusters().kMin()).isEqualTo(2);
    assertThat(c.clusters().features()).isNotEmpty();
  }

  @Test
  void everyReferenceKeyHasACommentAboveIt() throws IOException {
    String text;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FeaturesConfig.REFERENCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pattern key = Pattern.compile("^\\s*\"([^\"]+)\"\\s*:");
    List<String> undocumented = new ArrayList<>();
    String[] lines = text.split("\n");
    boolean inNamedMap = false;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = key.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      // The entries of segments.rules and clusters.features are examples described by the comment of their map.
      if (inNamedMap) {
        if (lines[i].trim().endsWith("}") || lines[i].trim().endsWith("},") || lines[i].contains("\": \"")) {
          continue;
        }
      }
      inNamedMap = m.group(1).equals("rules") || m.group(1).equals("features");
      String previous = lines[i - 1].trim();
      if (!previous.startsWith("//")) {
        undocumented.add(m.group(1) + " (line " + (i + 1) + ")");
      }
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void userFileOverlaysKeyByKey() {
    FeaturesConfig c = parse("{\"lifecycle\": {\"newDays\": 14}, \"tags\": {\"eventWeights\": {\"view\": 2}}}");
    assertThat(c.lifecycle()).isEqualTo(new FeaturesConfig.Lifecycle(14, 60, 180, 4));
    assertThat(c.tags().eventWeights()).containsEntry(EventType.VIEW, 2.0).containsEntry(EventType.PURCHASE, 5.0);
  }

  @Test
  void userRulesReplaceTheDefaultsInTheirOrder() {
    FeaturesConfig c = parse("{\"segments\": {\"rules\": {\"vip\": \"m == 5\", \"books\": \"affinity(category 'Books') > 0.3\"}}}");
    assertThat(c.rules()).extracting(RuleSegment::name).containsExactly("vip", "books");
  }

  @Test
  void unknownKeyIsNamedWithItsLineAndASuggestion() {
    rejects(
        "{\n  \"lifecycle\": {\n    \"newdays\": 14\n  }\n}",
        "my.json line 3: lifecycle.newdays: unknown key (did you mean 'newDays'?); known keys here: newDays, activeDays, atRiskDays, loyalMinOrders");
    rejects("{\"tags\": {\"eventWeights\": {\"purchased\": 5}}}", "my.json line 1: tags.eventWeights.purchased: unknown key (did you mean 'purchase'?); known keys here: impression, view, click, add-to-cart, remove-from-cart, favourite, purchase, refund");
  }

  @Test
  void ruleSyntaxErrorNamesFileLineKeyAndColumn() {
    rejects(
        "{\"segments\": {\"rules\": {\n  \"vip\": \"m == 5\",\n  \"loyal-big\": \"r >= 4 and (f >= 4 or m >= 4\"\n}}}",
        "my.json line 3: segments.rules.loyal-big: column 29: expected a closing ')' for the '(' at column 12, found the end");
  }

  @Test
  void ruleWithUnknownFieldOrValueIsRejected() {
    rejects("{\"segments\": {\"rules\": {\"x\": \"lifecycle == dormant\"}}}", "my.json line 1: segments.rules.x: column 14: lifecycle is never 'dormant'; it is one of active, at-risk, churned, loyal, new");
    assertThatThrownBy(() -> parse("{\"segments\": {\"rules\": {\"x\": \"spend > 10\"}}}"))
        .hasMessageStartingWith("my.json line 1: segments.rules.x: column 1: unknown field 'spend'; fields are r, f, m, recency, frequency, monetary,");
  }

  @Test
  void clusterFeatureMustBeANumberOfKnownFields() {
    rejects(
        "{\"clusters\": {\"features\": {\"a\": {\"expression\": \"log1p(view)\", \"high\": \"h\", \"low\": \"l\"}}}}",
        "my.json line 1: clusters.features.a.expression: column 7: unknown field 'view'; did you mean 'views'?");
    rejects(
        "{\"clusters\": {\"features\": {\"a\": {\"expression\": \"r > 3\", \"high\": \"h\", \"low\": \"l\"}}}}",
        "my.json line 1: clusters.features.a.expression: column 1: expected a number expression, but this is a condition");
    rejects("{\"clusters\": {\"features\": {\"a\": {\"expression\": \"r\", \"high\": \"h\"}}}}", "my.json line 1: clusters.features.a.low: is missing");
  }

  @Test
  void impossibleWindowsAreRejected() {
    rejects(
        "{\"lifecycle\": {\n\"atRiskDays\": 30}}",
        "my.json line 2: lifecycle.atRiskDays: must be longer than lifecycle.activeDays (60), got 30: a user is at risk only after they stop being active");
    rejects("{\"lifecycle\": {\"newDays\": 0}}", "my.json line 1: lifecycle.newDays: must be a positive number of days, got 0");
    rejects("{\"clusters\": {\"kMin\": 5, \"kMax\": 3}}", "my.json line 1: clusters.kMax: must be at least clusters.kMin (5), got 3");
  }

  @Test
  void wrongTypesAreRejected() {
    rejects("{\"tags\": {\"topN\": \"ten\"}}", "my.json line 1: tags.topN: must be a whole number from 0 to 1000, got \"ten\"");
    rejects("{\"tags\": 3}", "my.json line 1: tags: must be an object with keys halfLifeDays, topN, minWeight, eventWeights, got 3");
    rejects("{\"tags\": {\"eventWeights\": {\"refund\": -1}}}", "my.json line 1: tags.eventWeights.refund: must be 0 or more, got -1 (negative interest would make shares meaningless)");
  }

  @Test
  void segmentNamesMustBeUniqueAndNotLookLikeClusters() {
    assertThatThrownBy(() -> parse("{\"segments\": {\"rules\": {\"a\": \"r > 1\",\n \"a\": \"r > 2\"}}}"))
        .hasMessageStartingWith("my.json line 2, column 5: not valid JSON: Duplicate field 'a'");
    rejects("{\"segments\": {\"rules\": {\"cluster-2\": \"r > 1\"}}}", "my.json line 1: segments.rules.cluster-2: 'cluster-2' is reserved for learned clusters; choose another name");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> parse("{\n\"lifecycle\": {\"newDays\": 14,}\n}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("my.json line 2, column ");
  }
}
