package io.qianmian.features.importer;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * RetailRocket e-commerce, a folder of:
 *
 * <ul>
 *   <li>{@code events.csv}: timestamp (epoch ms), visitorid, event (view, addtocart, transaction),
 *       itemid, transactionid; a transaction is a purchase whose order is the transactionid.
 *   <li>{@code item_properties_part1.csv}, {@code _part2.csv} (optional): timestamp, itemid,
 *       property, value. Only {@code categoryid} and {@code available} are read; the latest value
 *       of each wins. Other properties are hashed by the publisher and left out.
 *   <li>{@code category_tree.csv} (optional): categoryid, parentid (empty at a root), from which
 *       an item's category path (of category ids) is built.
 * </ul>
 */
final class RetailRocketImporter implements Importer {
  private static final byte[] VIEW = ascii("view");
  private static final byte[] ADD_TO_CART = ascii("addtocart");
  private static final byte[] TRANSACTION = ascii("transaction");
  private static final byte[] CATEGORY_ID = ascii("categoryid");
  private static final byte[] AVAILABLE = ascii("available");
  private static final byte[] ONE = ascii("1");
  private static final byte[] ZERO = ascii("0");

  /** The latest category and availability of an item, with the times they were recorded. */
  private static final class ItemState {
    long categoryTime = Long.MIN_VALUE;
    String category;
    long availableTime = Long.MIN_VALUE;
    boolean available = true;
  }

  @Override
  public void read(Path input, ImportContext context) throws IOException {
    Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
    StringPool items = new StringPool();
    events(context, InputFile.require(dir, "events.csv", "RetailRocket events"), items);
    Map<String, ItemState> state = new LinkedHashMap<>();
    for (Path part : propertyFiles(dir)) {
      properties(context, part, items, state);
    }
    Map<String, String> parents = new HashMap<>();
    var tree = InputFile.find(dir, "category_tree.csv");
    if (tree.isPresent()) {
      categoryTree(context, tree.get(), parents);
    }
    Map<String, List<String>> paths = new HashMap<>();
    for (Map.Entry<String, ItemState> e : state.entrySet()) {
      ItemState s = e.getValue();
      List<String> path = s.category == null ? List.of() : paths.computeIfAbsent(s.category, c -> path(c, parents));
      context.addItem(new CatalogItem(e.getKey(), null, path, null, Double.NaN, s.available, Map.of(), 0));
    }
  }

  private static void events(ImportContext context, Path file, StringPool items) throws IOException {
    CsvReader reader = context.csv(file, CsvReader.Dialect.CSV);
    HeaderColumns c = HeaderColumns.of(reader, "timestamp", "visitorid", "event", "itemid", "transactionid");
    int time = c.at(0);
    int visitor = c.at(1);
    int event = c.at(2);
    int item = c.at(3);
    int transaction = c.at(4);
    StringPool visitors = new StringPool();
    StringPool orders = new StringPool();
    Timestamps millis = Timestamps.of("epoch-millis", ZoneOffset.UTC);
    context.forEach(
        reader,
        reader.header().length,
        row -> {
          long t = millis.parse(row, time);
          String u = row.id(visitor, visitors, BadRow.Kind.MISSING_USER);
          String i = row.id(item, items, BadRow.Kind.MISSING_ITEM);
          EventType type;
          String order = null;
          if (row.is(event, VIEW)) {
            type = EventType.VIEW;
          } else if (row.is(event, ADD_TO_CART)) {
            type = EventType.ADD_TO_CART;
          } else if (row.is(event, TRANSACTION)) {
            type = EventType.PURCHASE;
            order = row.pooled(transaction, orders);
          } else {
            throw row.problem(BadRow.Kind.UNKNOWN_EVENT_TYPE, event, "view, addtocart or transaction");
          }
          context.add(u, i, type, t, 0, Double.NaN, order, null, null, null, null);
        });
  }

  private static List<Path> propertyFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("item_properties.*\\.csv(\\.gz)?"))
          .sorted()
          .toList();
    }
  }

  private static void properties(ImportContext context, Path file, StringPool items, Map<String, ItemState> state)
      throws IOException {
    CsvReader reader = context.csv(file, CsvReader.Dialect.CSV);
    HeaderColumns c = HeaderColumns.of(reader, "timestamp", "itemid", "property", "value");
    int time = c.at(0);
    int item = c.at(1);
    int property = c.at(2);
    int value = c.at(3);
    StringPool categories = new StringPool();
    Timestamps millis = Timestamps.of("epoch-millis", ZoneOffset.UTC);
    context.forEach(
        reader,
        reader.header().length,
        row -> {
          boolean category = row.is(property, CATEGORY_ID);
          if (!category && !row.is(property, AVAILABLE)) {
            return; // most rows: hashed properties nobody can read
          }
          long t = millis.parse(row, time);
          ItemState s = state.computeIfAbsent(row.id(item, items, BadRow.Kind.MISSING_ITEM), k -> new ItemState());
          if (category) {
            String id = row.id(value, categories, BadRow.Kind.MISSING_FIELD);
            if (t >= s.categoryTime) {
              s.categoryTime = t;
              s.category = id;
            }
          } else {
            boolean available = row.is(value, ONE);
            if (!available && !row.is(value, ZERO)) {
              throw row.problem(BadRow.Kind.BAD_NUMBER, value, "0 or 1 (available)");
            }
            if (t >= s.availableTime) {
              s.availableTime = t;
              s.available = available;
            }
          }
        });
  }

  private static void categoryTree(ImportContext context, Path file, Map<String, String> parents) throws IOException {
    CsvReader reader = context.csv(file, CsvReader.Dialect.CSV);
    HeaderColumns c = HeaderColumns.of(reader, "categoryid", "parentid");
    int category = c.at(0);
    int parent = c.at(1);
    context.forEach(
        reader,
        reader.header().length,
        row -> {
          String id = row.trimmed(category);
          if (id == null) {
            throw new RowProblem(BadRow.Kind.MISSING_FIELD, row.name(category) + " is empty");
          }
          String p = row.trimmed(parent);
          if (p != null) {
            parents.put(id, p);
          }
        });
  }

  /** The ids from the root down to {@code category}; a cycle in the tree ends the walk. */
  private static List<String> path(String category, Map<String, String> parents) {
    List<String> up = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String at = category; at != null && seen.add(at); at = parents.get(at)) {
      up.add(at);
    }
    return up.reversed();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
