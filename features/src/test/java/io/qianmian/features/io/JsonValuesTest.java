package io.qianmian.features.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonValuesTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void readsTheValuesJacksonsUntypedBindingGives() throws Exception {
    String json = """
        {"i": 3, "big": 12345678901, "f": 0.25, "s": "千面", "t": true, "n": null,
         "list": [1, "two", [3.5], {}], "nested": {"a": {"b": -1}}}""";
    Path file = Files.writeString(tmp.resolve("v.json"), json);
    Map<String, Object> ours = JsonValues.readObject(file);
    assertThat(ours).isEqualTo(JACKSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
    assertThat(ours.get("i")).isInstanceOf(Integer.class);
    assertThat(ours.get("big")).isInstanceOf(Long.class);
    assertThat(ours.keySet()).containsExactly("i", "big", "f", "s", "t", "n", "list", "nested");
  }

  @Test
  void typedGettersNameTheFieldThatIsMissingOrMistyped() throws Exception {
    Map<String, Object> v = JsonValues.readObject(Files.writeString(tmp.resolve("v.json"), "{\"a\": 1.5, \"b\": \"x\", \"c\": 4294967296}"));
    assertThatThrownBy(() -> JsonValues.longField(v, "a")).hasMessageContaining("'a' is not a whole number");
    assertThatThrownBy(() -> JsonValues.longField(v, "z")).hasMessageContaining("'z' is missing");
    assertThatThrownBy(() -> JsonValues.intField(v, "c")).hasMessageContaining("'c' is out of range");
    assertThatThrownBy(() -> JsonValues.objectField(v, "b")).hasMessageContaining("'b' is not an object");
    assertThatThrownBy(() -> JsonValues.stringList(v, "b")).hasMessageContaining("'b' is not a list");
    assertThat(JsonValues.longField(v, "c")).isEqualTo(4294967296L);
    assertThat(JsonValues.stringOrNull(v, "z")).isNull();
    assertThat(JsonValues.asDouble("nan", "NaN")).isNaN();
  }

  @Test
  void malformedOrNonObjectFilesFailAsParseErrors() throws Exception {
    assertThatThrownBy(() -> JsonValues.readObject(Files.writeString(tmp.resolve("a.json"), "{\"a\": ")))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JsonValues.readObject(Files.writeString(tmp.resolve("b.json"), "[1, 2]")))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("does not hold a JSON object");
    assertThatThrownBy(() -> JsonValues.readObject(Files.writeString(tmp.resolve("c.json"), "{} {}")))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("has more after its JSON object");
  }
}
