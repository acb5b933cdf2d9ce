package io.qianmian.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonOutTest {
  private static final byte[] A = JsonOut.name("a");
  private static final byte[] B = JsonOut.name("b\"ü");

  @Test
  void writesWhatJacksonWritesForTheSameValues() throws Exception {
    String[] strings = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\u0001", "用户 café", "😀", null};
    double[] numbers = {0, 1.5, -2.25, 0.9700000286102295, 1e-7, 123456789.125, Double.NaN};
    for (String s : strings) {
      for (double d : numbers) {
        JsonOut out = new JsonOut(4);
        out.startObject().field(A).string(s).field(B).number(d).field(A).number(-42L).field(B).bool(true);
        out.field(A).startArray().startObject().field(A).string(s).endObject().startObject().endObject().endArray();
        out.field(B).startObject().endObject().endObject();
        String expected = new String(Json.bytes(g -> {
          g.writeStartObject();
          g.writeStringField("a", s);
          g.writeNumberField("b\"ü", d);
          g.writeNumberField("a", -42L);
          g.writeBooleanField("b\"ü", true);
          g.writeArrayFieldStart("a");
          g.writeStartObject();
          g.writeStringField("a", s);
          g.writeEndObject();
          g.writeStartObject();
          g.writeEndObject();
          g.writeEndArray();
          g.writeObjectFieldStart("b\"ü");
          g.writeEndObject();
          g.writeEndObject();
        }), StandardCharsets.UTF_8);
        String written = new String(out.toBytes(), StandardCharsets.UTF_8);
        if (s != null && s.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
          // Jackson escapes surrogate pairs (\uD83D\uDE00); raw UTF-8 is the same JSON value.
          assertThat(Json.MAPPER.readTree(written)).isEqualTo(Json.MAPPER.readTree(expected));
        } else {
          assertThat(written).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aWriterTakenAfterOneWasGivenBackStartsEmptyWithTheRoomAskedFor() {
    JsonOut first = JsonOut.take(8);
    first.startObject().field(A).string("a long value that grows the buffer past eight bytes").endObject();
    first.give();
    JsonOut next = JsonOut.take(200);
    assertThat(next.length()).isZero();
    assertThat(next.buffer().length).isGreaterThanOrEqualTo(200);
    next.startObject().field(B).bool(false).endObject();
    assertThat(new String(next.toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"b\\\"ü\":false}");
  }
}
