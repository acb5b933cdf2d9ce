package io.qianmian.serving.http;

import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;

/** The {@code items} array shared by recommendations, homepage and similar items. */
final class ItemsJson {
  private static final byte[] ITEMS = JsonOut.name("items");
  private static final byte[] REASON = JsonOut.name("reason");
  private static final byte[] PROPENSITY = JsonOut.name("propensity");

  /** Room for an answer's fields besides its items, to size its buffer with {@link #room}. */
  static final int HEAD_ROOM = 512;

  private final Ranking r;
  private final byte[][] fragments;
  private final int room;

  /**
   * The items of {@code r} with their catalog fragments (id, title, category, price, brand,
   * inStock: encoded once per item and model). The fragments lie scattered over the heap; fetched
   * all first, in a loop that does little else, their cache misses overlap instead of stalling the
   * writing one after another, and the answer's buffer is sized once, never grown.
   */
  ItemsJson(Model m, Ranking r) {
    this.r = r;
    this.fragments = new byte[r.size()][];
    int need = 16;
    for (int k = 0; k < fragments.length; k++) {
      fragments[k] = m.catalogJson(r.items()[k]);
      need += fragments[k].length + 96;
    }
    this.room = need;
  }

  /** Each item's catalog fragment, in the ranking's order (starting with its {@code "itemId"}). */
  byte[][] fragments() {
    return fragments;
  }

  /** Bytes {@link #write} may need. */
  int room() {
    return room;
  }

  void write(JsonOut out, boolean propensity) {
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
