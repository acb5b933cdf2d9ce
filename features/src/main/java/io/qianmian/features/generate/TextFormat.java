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
      byte[] a = out.reserve(MAX_EVENT_BYTES);
      int p = out.length();
      int user = b.user[r] + 1;
      a[p++] = 'u';
      p = ByteText.put(a, p, user);
      a[p++] = ',';
      a[p++] = 'p';
      p = ByteText.put(a, p, b.item[r] + 1);
      a[p++] = ',';
      p = ByteText.put(a, p, TYPES[b.type[r]]);
      a[p++] = ',';
      p = ByteText.put(a, p, b.time[r]);
      a[p++] = ',';
      if (b.quantity[r] > 0) {
        p = ByteText.put(a, p, b.quantity[r]);
      }
      a[p++] = ',';
      if (b.priceCents[r] >= 0) {
        p = ByteText.putCents(a, p, b.priceCents[r]);
      }
      a[p++] = ',';
      if (b.order[r] >= 0) {
        p = perShopperId(a, p, 'o', user, b.order[r]);
      }
      a[p++] = ',';
      if (b.session[r] >= 0) {
        p = perShopperId(a, p, 's', user, b.session[r]);
      }
      a[p++] = ',';
      if (b.channel[r] >= 0) {
        p = ByteText.put(a, p, CHANNELS[b.channel[r]]);
      }
      a[p++] = ',';
      if (b.campaign[r] >= 0) {
        p = ByteText.put(a, p, CAMPAIGNS[b.campaign[r]]);
      }
      // requestId: the history has none, it predates the server.
      a[p++] = ',';
      a[p++] = '\n';
      out.length(p);
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
      byte[] a = out.reserve(MAX_EVENT_BYTES + 128);
      int p = out.length();
      int user = b.user[r] + 1;
      p = ByteText.put(a, p, JSON_USER);
      p = ByteText.put(a, p, user);
      p = ByteText.put(a, p, JSON_ITEM);
      p = ByteText.put(a, p, b.item[r] + 1);
      p = ByteText.put(a, p, JSON_TYPE);
      p = ByteText.put(a, p, TYPES[b.type[r]]);
      p = ByteText.put(a, p, JSON_TIMESTAMP);
      p = ByteText.put(a, p, b.time[r]);
      if (b.quantity[r] > 0) {
        p = ByteText.put(a, p, JSON_QUANTITY);
        p = ByteText.put(a, p, b.quantity[r]);
      }
      if (b.priceCents[r] >= 0) {
        p = ByteText.put(a, p, JSON_PRICE);
        p = ByteText.putCents(a, p, b.priceCents[r]);
      }
      if (b.order[r] >= 0) {
        p = ByteText.put(a, p, JSON_ORDER);
        p = perShopperId(a, p, 'o', user, b.order[r]);
        a[p++] = '"';
      }
      if (b.session[r] >= 0) {
        p = ByteText.put(a, p, JSON_SESSION);
        p = perShopperId(a, p, 's', user, b.session[r]);
        a[p++] = '"';
      }
      if (b.channel[r] >= 0) {
        p = ByteText.put(a, p, JSON_CHANNEL);
        p = ByteText.put(a, p, CHANNELS[b.channel[r]]);
        a[p++] = '"';
      }
      if (b.campaign[r] >= 0) {
        p = ByteText.put(a, p, JSON_CAMPAIGN);
        p = ByteText.put(a, p, CAMPAIGNS[b.campaign[r]]);
        a[p++] = '"';
      }
      a[p++] = '}';
      a[p++] = '\n';
      out.length(p);
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
  /** More than any event row takes (ids of at most 10 digits, a 20-digit time). */
  private static final int MAX_EVENT_BYTES = 256;
  private static final byte[] JSON_USER = ascii("{\"userId\":\"u");
  private static final byte[] JSON_ITEM = ascii("\",\"itemId\":\"p");
  private static final byte[] JSON_TYPE = ascii("\",\"type\":\"");
  private static final byte[] JSON_TIMESTAMP = ascii("\",\"timestamp\":");
  private static final byte[] JSON_QUANTITY = ascii(",\"quantity\":");
  private static final byte[] JSON_PRICE = ascii(",\"price\":");
  private static final byte[] JSON_ORDER = ascii(",\"orderId\":\"");
  private static final byte[] JSON_SESSION = ascii(",\"sessionId\":\"");
  private static final byte[] JSON_CHANNEL = ascii(",\"channel\":\"");
  private static final byte[] JSON_CAMPAIGN = ascii(",\"campaignId\":\"");
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

  /** Order and session ids count per shopper: {@code o17-3} is shopper 17's third order. */
  private static int perShopperId(byte[] a, int p, char kind, int user, int number) {
    a[p++] = (byte) kind;
    p = ByteText.put(a, p, user);
    a[p++] = '-';
    return ByteText.put(a, p, number);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] bytes(int n, java.util.function.IntFunction<String> name) {
    byte[][] out = new byte[n][];
    for (int k = 0; k < n; k++) {
      out[k] = name.apply(k).getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }
}
