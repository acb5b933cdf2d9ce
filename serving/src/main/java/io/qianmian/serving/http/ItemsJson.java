package io.qianmian.serving.http;

import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;

/** The {@code items} array shared by recommendations, homepage and similar items. */
final class ItemsJson {
  private static final byte[] ITEMS = JsonOut.name("items");
  private static final byte[] REASON = JsonOut.name("reason");
  private static final byte[] PROPENSITY = JsonOut.name("propensity");

  private ItemsJson() {}

  /**
   * Room for an answer's fields before its items, to size its buffer: {@link #write} reserves what
   * the items need once it has their catalog fragments.
   */
  static final int HEAD_ROOM = 512;

  static void write(JsonOut out, Model m, Ranking r, boolean propensity) {
    // id, title, category, price, brand, inStock: encoded once per item and model. The fragments lie
    // scattered over the heap; fetched all first (for the room they need), in a loop that does little
    // else, their cache misses overlap instead of stalling the writing one after another.
    byte[][] fragments = new byte[r.size()][];
    int room = 16;
    for (int k = 0; k < fragments.length; k++) {
      fragments[k] = m.catalogJson(r.items()[k]);
      room += fragments[k].length + 96;
    }
    out.reserve(room);
    out.field(ITEMS).startArray();
    for (int k = 0; k < r.size(); k++) {
      out.startObject().raw(fragments[k]);
      out.field(Fields.SCORE).score(r.scores()[k]);
      out.field(REASON).string(r.reasons()[k]);
      if (propensity) {
        out.field(PROPENSITY).score(r.propensities()[k]);
      }
      out.endObject();
    }
    out.endArray();
  }
}
