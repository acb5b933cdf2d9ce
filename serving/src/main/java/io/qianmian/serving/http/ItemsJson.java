package io.qianmian.serving.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;
import java.io.IOException;

/** The {@code items} array shared by recommendations and similar items. */
final class ItemsJson {
  private static final SerializableString ITEM_ID = Json.name("itemId");
  private static final SerializableString SCORE = Json.name("score");
  private static final SerializableString REASON = Json.name("reason");
  private static final SerializableString PROPENSITY = Json.name("propensity");

  private ItemsJson() {}

  /** About how many bytes an answer of {@code n} items takes (to size its buffer once). */
  static int expectedSize(int n) {
    return 256 + 256 * n;
  }

  static void write(JsonGenerator json, Model m, Ranking r, boolean propensity) throws IOException {
    json.writeArrayFieldStart("items");
    for (int k = 0; k < r.size(); k++) {
      int i = r.items()[k];
      json.writeStartObject();
      text(json, ITEM_ID, m.itemId(i));
      Json.writeScore(json, SCORE, r.scores()[k]);
      text(json, REASON, r.reasons()[k]);
      if (propensity) {
        Json.writeScore(json, PROPENSITY, r.propensities()[k]);
      }
      // title, category, price, brand, inStock: encoded once per item and model.
      json.writeRaw(m.catalogJson(i));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void text(JsonGenerator json, SerializableString name, String value) throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value);
    }
  }
}
