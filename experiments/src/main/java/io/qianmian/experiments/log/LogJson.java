package io.qianmian.experiments.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.qianmian.features.data.EventType;
import java.io.IOException;

/** The JSON form of log lines: event types by wire name, unknown fields ignored (newer writers). */
final class LogJson {
  private static final ObjectMapper MAPPER = mapper();
  static final ObjectWriter WRITER = MAPPER.writerFor(LogRecord.class);
  static final ObjectReader READER = MAPPER.readerFor(LogRecord.class);

  private LogJson() {}

  private static ObjectMapper mapper() {
    SimpleModule types = new SimpleModule("qianmian-event-types");
    types.addSerializer(
        EventType.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(EventType value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.wireName());
          }
        });
    types.addDeserializer(
        EventType.class,
        new JsonDeserializer<>() {
          @Override
          public EventType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            return EventType.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("type: unknown event type '" + text + "'"));
          }
        });
    return new ObjectMapper()
        .registerModule(types)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
