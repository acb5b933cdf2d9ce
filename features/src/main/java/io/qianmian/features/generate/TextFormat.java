package io.qianmian.features.generate;

import io.qianmian.features.data.EventType;
import java.nio.charset.StandardCharsets;

/**
 * How events, products and shoppers are written as text: CSV with a header, or JSON Lines with only
 * the known fields. Field names are the same in both, and are what the importer expects.
 */
enum TextFormat {
  CSV("csv") {
    @Override
    void header(ByteText out, String[] fields) {
      for (int k = 0; k < fields.length; k++) {
        if (k > 0) {
          out.append(',');
        }
        out.append(fields[k]);
      }
      out.append('\n');
    }

    @Override
    void event(ByteText out, EventBuffer b, int r) {
      int user = b.user[r] + 1;
      out.append('u').append(user).append(',').append('p').append(b.item[r] + 1).append(',');
      out.append(TYPES[b.type[r]]).append(',').append(b.time[r]).append(',');
      if (b.quantity[r] > 0) {
        out.append(b.quantity[r]);
      }
      out.append(',');
      if (b.priceCents[r] >= 0) {
        out.appendCents(b.priceCents[r]);
      }
      out.append(',');
      if (b.order[r] >= 0) {
        out.append('o').append(user).append('-').append(b.order[r]);
      }
      out.append(',');
      if (b.session[r] >= 0) {
        out.append('s').append(user).append('-').append(b.session[r]);
      }
      out.append(',');
      if (b.channel[r] >= 0) {
        out.append(CHANNELS[b.channel[r]]);
      }
      out.append(',');
      if (b.campaign[r] >= 0) {
        out.append(CAMPAIGNS[b.campaign[r]]);
      }
      // requestId: the history has none, it predates the server.
      out.append(',').append('\n');
    }

    @Override
    void item(ByteText out, StoreCatalog c, int i) {
      out.append('p').append(i + 1).append(',').appendCsv(c.title[i]).append(',').appendCsv(c.category(i)).append(',');
      out.appendCsv(c.brandNames[c.brand[i]]).append(',').appendCents(c.priceCents[i]).append(',');
      out.append(c.inStock[i] ? "true" : "false").append(',').append(c.created[i]).append('\n');
    }

    @Override
    void user(ByteText out, Shopper s) {
      out.append('u').append(s.index() + 1).append(',').appendCsv(s.gender()).append(',').appendCsv(s.ageBand());
      out.append(',').appendCsv(s.region()).append(',').append(s.registered()).append('\n');
    }
  },

  JSONL("jsonl") {
    @Override
    void header(ByteText out, String[] fields) {}

    @Override
    void event(ByteText out, EventBuffer b, int r) {
      int user = b.user[r] + 1;
      out.append("{\"userId\":\"u").append(user).append("\",\"itemId\":\"p").append(b.item[r] + 1);
      out.append("\",\"type\":\"").append(TYPES[b.type[r]]).append("\",\"timestamp\":").append(b.time[r]);
      if (b.quantity[r] > 0) {
        out.append(",\"quantity\":").append(b.quantity[r]);
      }
      if (b.priceCents[r] >= 0) {
        out.append(",\"price\":").appendCents(b.priceCents[r]);
      }
      if (b.order[r] >= 0) {
        out.append(",\"orderId\":\"o").append(user).append('-').append(b.order[r]).append('"');
      }
      if (b.session[r] >= 0) {
        out.append(",\"sessionId\":\"s").append(user).append('-').append(b.session[r]).append('"');
      }
      if (b.channel[r] >= 0) {
        out.append(",\"channel\":\"").append(CHANNELS[b.channel[r]]).append('"');
      }
      if (b.campaign[r] >= 0) {
        out.append(",\"campaignId\":\"").append(CAMPAIGNS[b.campaign[r]]).append('"');
      }
      out.append("}\n");
    }

    @Override
    void item(ByteText out, StoreCatalog c, int i) {
      out.append("{\"itemId\":\"p").append(i + 1).append("\",\"title\":").appendJson(c.title[i]);
      out.append(",\"category\":").appendJson(c.category(i)).append(",\"brand\":").appendJson(c.brandNames[c.brand[i]]);
      out.append(",\"price\":").appendCents(c.priceCents[i]).append(",\"inStock\":").append(c.inStock[i] ? "true" : "false");
      out.append(",\"created\":").append(c.created[i]).append("}\n");
    }

    @Override
    void user(ByteText out, Shopper s) {
      out.append("{\"userId\":\"u").append(s.index() + 1).append('"');
      if (s.gender() != null) {
        out.append(",\"gender\":").appendJson(s.gender());
      }
      out.append(",\"ageBand\":").appendJson(s.ageBand()).append(",\"region\":").appendJson(s.region());
      out.append(",\"registered\":").append(s.registered()).append("}\n");
    }
  };

  static final String[] EVENT_FIELDS = {
    "userId", "itemId", "type", "timestamp", "quantity", "price", "orderId", "sessionId", "channel", "campaignId", "requestId"
  };
  static final String[] ITEM_FIELDS = {"itemId", "title", "category", "brand", "price", "inStock", "created"};
  static final String[] USER_FIELDS = {"userId", "gender", "ageBand", "region", "registered"};
  private static final byte[][] TYPES = bytes(EventType.values().length, k -> EventType.ofCode(k).wireName());
  private static final byte[][] CHANNELS = bytes(Channel.VALUES.length, k -> Channel.VALUES[k].wireName);
  private static final byte[][] CAMPAIGNS = bytes(PlantedCampaign.VALUES.length, k -> PlantedCampaign.VALUES[k].id);

  final String extension;

  TextFormat(String extension) {
    this.extension = extension;
  }

  abstract void header(ByteText out, String[] fields);

  abstract void event(ByteText out, EventBuffer b, int r);

  abstract void item(ByteText out, StoreCatalog c, int i);

  abstract void user(ByteText out, Shopper s);

  private static byte[][] bytes(int n, java.util.function.IntFunction<String> name) {
    byte[][] out = new byte[n][];
    for (int k = 0; k < n; k++) {
      out[k] = name.apply(k).getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }
}
