package io.qianmian.features.importer;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Taobao UserBehavior: {@code UserBehavior.csv} (or the folder holding it), no header, rows of
 * user, item, category, behavior, unix seconds; behavior pv, cart, fav, buy becomes view,
 * add-to-cart, favourite, purchase. The category on an item's last row in the file is its catalog
 * category (the published files hold one category per item).
 */
final class TaobaoImporter implements Importer {
  private static final byte[] PV = "pv".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CART = "cart".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FAV = "fav".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);

  @Override
  public void read(Path input, ImportContext context) throws IOException {
    Path file = Files.isDirectory(input) ? InputFile.require(input, "UserBehavior.csv", "Taobao user behavior") : input;
    CsvReader reader = context.csv(file, CsvReader.Dialect.CSV_NO_HEADER);
    reader.row().names = new String[] {"user", "item", "category", "behavior", "timestamp"};
    StringPool users = new StringPool();
    StringPool items = new StringPool();
    StringPool categories = new StringPool();
    Timestamps seconds = Timestamps.of("epoch-seconds", ZoneOffset.UTC);
    Map<String, String> categoryOf = new HashMap<>();
    context.forEach(
        reader,
        5,
        row -> {
          String user = row.id(0, users, BadRow.Kind.MISSING_USER);
          String item = row.id(1, items, BadRow.Kind.MISSING_ITEM);
          String category = row.pooled(2, categories);
          EventType type = behavior(row);
          long time = seconds.parse(row, 4);
          context.add(user, item, type, time, 0, Double.NaN, null, null, null, null, null);
          if (category != null) {
            categoryOf.put(item, category);
          }
        });
    for (Map.Entry<String, String> e : categoryOf.entrySet()) {
      context.addItem(new CatalogItem(e.getKey(), null, List.of(e.getValue()), null, Double.NaN, true, Map.of(), 0));
    }
  }

  private static EventType behavior(Row row) {
    if (row.is(3, PV)) {
      return EventType.VIEW;
    }
    if (row.is(3, BUY)) {
      return EventType.PURCHASE;
    }
    if (row.is(3, CART)) {
      return EventType.ADD_TO_CART;
    }
    if (row.is(3, FAV)) {
      return EventType.FAVOURITE;
    }
    throw row.problem(BadRow.Kind.UNKNOWN_EVENT_TYPE, 3, "pv, buy, cart or fav");
  }
}
