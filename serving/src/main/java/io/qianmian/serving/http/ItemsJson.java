package io.qianmian.serving.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;
import java.io.IOException;

/** The {@code items} array shared by recommendations and similar items. */
final class ItemsJson {
  private ItemsJson() {}

  static void write(JsonGenerator json, Model m, Ranking r, boolean propensity) throws IOException {
    json.writeArrayFieldStart("items");
    for (int k = 0; k < r.size(); k++) {
      int i = r.items()[k];
      json.writeStartObject();
      json.writeStringField("itemId", m.itemId(i));
      Json.writeScore(json, "score", r.scores()[k]);
      json.writeStringField("reason", r.reasons()[k]);
      if (propensity) {
        Json.writeScore(json, "propensity", r.propensities()[k]);
      }
      json.writeStringField("title", m.title(i));
      json.writeStringField("category", m.categoryPath(i));
      Json.writeScore(json, "price", m.price(i));
      json.writeStringField("brand", m.brand(i));
      json.writeBooleanField("inStock", m.inStock(i));
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
