package io.qianmian.experiments.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link Exposure} line with Jackson's streaming generator: the same bytes as the
 * data-binding writer ({@code {"kind":"exposure",…}}, null fields left out), at a fraction of its
 * cost. The server logs one exposure per answer, so this encoding is on every answer's bill; outcomes
 * are rarer and keep the data-binding writer.
 */
final class ExposureJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ExposureJson() {}

  static void write(Exposure e, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("kind", "exposure");
      g.writeStringField("requestId", e.requestId());
      g.writeNumberField("time", e.time());
      g.writeStringField("userId", e.userId());
      optional(g, "sessionId", e.sessionId());
      optional(g, "segment", e.segment());
      g.writeArrayFieldStart("experiments");
      for (Exposure.ExposedVariant v : e.experiments()) {
        g.writeStartObject();
        g.writeStringField("experimentId", v.experimentId());
        g.writeStringField("variant", v.variant());
        g.writeEndObject();
      }
      g.writeEndArray();
      optional(g, "modelVersion", e.modelVersion());
      optional(g, "placement", e.placement());
      g.writeArrayFieldStart("items");
      for (Exposure.ShownItem i : e.items()) {
        g.writeStartObject();
        g.writeStringField("itemId", i.itemId());
        g.writeNumberField("position", i.position());
        g.writeNumberField("propensity", i.propensity());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("campaigns");
      for (Exposure.ShownCampaign c : e.campaigns()) {
        g.writeStartObject();
        g.writeStringField("campaignId", c.campaignId());
        g.writeNumberField("position", c.position());
        g.writeNumberField("probability", c.probability());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
