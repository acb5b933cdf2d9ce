package io.qianmian.features.importer;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * UCI Online Retail (and Online Retail II, whose columns are renamed): one CSV with header
 * InvoiceNo, StockCode, Description, Quantity, InvoiceDate (M/D/YYYY H:MM, or ISO), UnitPrice,
 * CustomerID, Country. Each row is a purchase of StockCode in order InvoiceNo, with its quantity and
 * unit price, on the web channel; an invoice starting with C is a cancellation: a refund of the
 * (positive) quantity. Description is the item's title, Country the customer's region; times are
 * UK local time. Rows without CustomerID are skipped ("no customer id"), as are the stock
 * adjustments: negative quantities outside cancellations, zero quantities and negative prices.
 */
final class OnlineRetailImporter implements Importer {
  static final String NO_CUSTOMER = "no customer id";
  static final String NEGATIVE_QUANTITY = "negative quantity, not a cancellation";
  static final String ZERO_QUANTITY = "zero quantity";
  static final String NEGATIVE_PRICE = "negative price";

  private static final ZoneId UK = ZoneId.of("Europe/London");

  private record Product(String title, double price) {}

  @Override
  public void read(Path input, ImportContext context) throws IOException {
    CsvReader reader = context.csv(file(input), CsvReader.Dialect.CSV);
    HeaderColumns c =
        HeaderColumns.of(
            reader, "InvoiceNo|Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice|Price",
            "CustomerID|Customer ID", "Country");
    int invoiceNo = c.at(0);
    int stockCode = c.at(1);
    int description = c.at(2);
    int quantityField = c.at(3);
    int date = c.at(4);
    int unitPrice = c.at(5);
    int customerId = c.at(6);
    int country = c.at(7);
    StringPool customers = new StringPool();
    StringPool items = new StringPool();
    StringPool orders = new StringPool();
    StringPool countries = new StringPool();
    Timestamps slashed = Timestamps.of("M/d/yyyy H:mm[:ss]", UK);
    Timestamps iso = Timestamps.of("auto", UK);
    Map<String, Product> catalog = new LinkedHashMap<>();
    Map<String, String> regions = new LinkedHashMap<>();
    context.forEach(
        reader,
        reader.header().length,
        row -> {
          String customer = customerId(row, customerId, customers);
          if (customer == null) {
            context.skip(NO_CUSTOMER);
            return;
          }
          String order = row.id(invoiceNo, orders, BadRow.Kind.MISSING_FIELD);
          String item = row.id(stockCode, items, BadRow.Kind.MISSING_ITEM);
          int quantity = row.intValue(quantityField);
          double price = row.doubleValue(unitPrice);
          long time = (row.contains(date, '/') ? slashed : iso).parse(row, date);
          boolean cancellation = order.charAt(0) == 'C' || order.charAt(0) == 'c';
          String dropped =
              !cancellation && quantity < 0 ? NEGATIVE_QUANTITY : quantity == 0 ? ZERO_QUANTITY : price < 0 ? NEGATIVE_PRICE : null;
          if (dropped != null) {
            context.skip(dropped);
            return;
          }
          EventType type = cancellation ? EventType.REFUND : EventType.PURCHASE;
          context.add(new BehaviorEvent(customer, item, type, time, Math.abs(quantity), price, order, null, "web", null, null));
          String title = row.trimmed(description);
          Product known = catalog.get(item);
          catalog.put(item, new Product(title != null ? title : known == null ? null : known.title(), price));
          String region = row.pooled(country, countries);
          if (region != null) {
            regions.put(customer, region);
          }
        });
    for (Map.Entry<String, Product> e : catalog.entrySet()) {
      Product p = e.getValue();
      context.addItem(new CatalogItem(e.getKey(), p.title(), List.of(), null, p.price(), true, Map.of(), 0));
    }
    for (Map.Entry<String, String> e : regions.entrySet()) {
      context.addUser(new UserAttributes(e.getKey(), null, null, e.getValue(), 0));
    }
  }

  /** The customer id, without the ".0" spreadsheets add; null when there is none. */
  private static String customerId(Row row, int f, StringPool pool) {
    if (row.isEmpty(f)) {
      return null;
    }
    int e = row.end[f];
    if (e - row.start[f] > 2 && row.buf[e - 2] == '.' && row.buf[e - 1] == '0') {
      row.end[f] = e - 2;
    }
    String id = row.pooled(f, pool);
    return id.isBlank() ? null : id;
  }

  /** The CSV itself, or the one CSV in the given folder. */
  private static Path file(Path input) throws IOException {
    if (!Files.isDirectory(input)) {
      return input;
    }
    try (Stream<Path> files = Files.list(input)) {
      List<Path> csv = files.filter(p -> p.getFileName().toString().matches("(?i).*\\.csv(\\.gz)?")).sorted().toList();
      if (csv.size() != 1) {
        throw new ImportException(input + " holds " + csv.size() + " CSV files; give the Online Retail CSV itself as --input");
      }
      return csv.getFirst();
    }
  }
}
