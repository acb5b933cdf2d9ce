package io.qianmian.features.importer;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The native layout in CSV or JSON Lines (events, optional catalog and users), or any layout
 * described by a {@link Mapping}. The input is a folder holding the files, or one events file.
 */
final class NativeImporter implements Importer {
  private final ImportFormat format;
  private final Mapping mapping;

  NativeImporter(ImportFormat format, Mapping mapping) {
    this.format = format;
    this.mapping = mapping;
  }

  @Override
  public void read(Path input, ImportContext context) throws IOException {
    if (!Files.isDirectory(input)) {
      new Events(open(input, NativeTable.EVENTS, context), context).readAll();
      return;
    }
    new Events(open(file(input, NativeTable.EVENTS, true).orElseThrow(), NativeTable.EVENTS, context), context).readAll();
    Optional<Path> catalog = file(input, NativeTable.CATALOG, false);
    if (catalog.isPresent()) {
      new Catalog(open(catalog.get(), NativeTable.CATALOG, context), context).readAll();
    }
    Optional<Path> users = file(input, NativeTable.USERS, false);
    if (users.isPresent()) {
      new Users(open(users.get(), NativeTable.USERS, context), context).readAll();
    }
  }

  private String extension() {
    return format == ImportFormat.JSONL ? ".jsonl" : ".csv";
  }

  /** The table's file in the folder: as the mapping names it (then required) or the native name. */
  private Optional<Path> file(Path dir, NativeTable table, boolean required) throws IOException {
    Mapping.Table t = mapping.table(table);
    String name = t.file() != null ? t.file() : table.key() + extension();
    Optional<Path> found = InputFile.find(dir, name);
    if (found.isEmpty() && (required || t.explicit())) {
      throw new NoSuchFileException(dir.resolve(name) + " (the " + table.key() + " of a " + format + " import; " + name + ".gz is read too)");
    }
    return found;
  }

  /** A table's file opened with its columns resolved to the table's fields. */
  private record Source(RowSource rows, int fields, int[] column, int[] attributes, Mapping.Table table, NativeTable kind) {}

  private Source open(Path file, NativeTable kind, ImportContext context) throws IOException {
    Mapping.Table t = mapping.table(kind);
    List<String> fields = kind.fields();
    int[] column = new int[fields.size()];
    if (format == ImportFormat.JSONL) {
      if (!t.delimiter().equals(",") || !t.header()) {
        throw new ImportException("mapping of " + kind.key() + ": 'delimiter' and 'header' apply to csv only");
      }
      List<String> keys = new ArrayList<>();
      for (int f = 0; f < column.length; f++) {
        keys.add(t.column(fields.get(f)));
        column[f] = f;
      }
      JsonLinesReader reader = context.jsonLines(file, keys);
      return new Source(reader, -1, column, null, t, kind);
    }
    CsvReader.Dialect dialect = new CsvReader.Dialect(t.delimiter(), true, t.header(), Row.Text.UTF8);
    CsvReader reader = context.csv(file, dialect);
    try {
      Set<Integer> used = new HashSet<>();
      for (int f = 0; f < column.length; f++) {
        String name = t.column(fields.get(f));
        boolean named = t.columns().containsKey(fields.get(f));
        column[f] = name == null ? -1 : t.header() ? reader.column(name) : Integer.parseInt(name) - 1;
        if (column[f] < 0 && named) {
          throw HeaderColumns.missing(reader, name);
        }
        if (column[f] < 0 && kind.required().contains(fields.get(f)) && !t.constants().containsKey(fields.get(f))) {
          throw t.header()
              ? HeaderColumns.missing(reader, name)
              : new ImportException("mapping of " + kind.key() + ": no column for the required field " + fields.get(f));
        }
        used.add(column[f]);
      }
      return new Source(reader, t.header() ? reader.header().length : -1, column, attributeColumns(reader, t, used), t, kind);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static int[] attributeColumns(CsvReader reader, Mapping.Table t, Set<Integer> used) throws ImportException {
    String[] header = reader.header();
    List<Integer> columns = new ArrayList<>();
    if (t.attributes() != null) {
      for (String name : t.attributes()) {
        int c = reader.column(name);
        if (c < 0) {
          throw HeaderColumns.missing(reader, name);
        }
        columns.add(c);
      }
    } else {
      for (int c = 0; c < header.length; c++) {
        if (!used.contains(c) && !header[c].isEmpty()) {
          columns.add(c);
        }
      }
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Reads one table: field access by field index, with the mapping's values and constants. */
  private abstract static class TableReader {
    final Source source;
    final ImportContext context;
    final Timestamps timestamps;
    private final StringPool[] pools;
    private final List<Map<String, String>> values = new ArrayList<>();
    private final String[] constants;
    private final List<String> fields;

    TableReader(Source source, ImportContext context) {
      this.source = source;
      this.context = context;
      this.timestamps = source.table().timestamps();
      this.fields = source.kind().fields();
      int n = fields.size();
      pools = new StringPool[n];
      constants = new String[n];
      for (int f = 0; f < n; f++) {
        pools[f] = new StringPool();
        values.add(source.table().values().get(fields.get(f)));
        constants[f] = source.table().constants().get(fields.get(f));
      }
    }

    void readAll() throws IOException {
      context.forEach(source.rows(), source.fields(), this::accept);
    }

    abstract void accept(Row row) throws ImportException;

    int column(int field) {
      return source.column()[field];
    }

    /** A text field as a shared string, after the value map; the constant when empty. */
    String text(Row row, int field) {
      int c = column(field);
      if (row.isEmpty(c)) {
        return constants[field];
      }
      String v = row.pooled(c, pools[field]);
      Map<String, String> map = values.get(field);
      return map == null ? v : map.getOrDefault(v, v);
    }

    /** Whether a mapping's constant stands in for the field when it is empty. */
    boolean hasConstant(int field) {
      return constants[field] != null;
    }

    /** Whether the field is taken as its raw bytes, with no String made: it is there and no value map applies. */
    boolean isRaw(Row row, int field) {
      return !row.isEmpty(column(field)) && values.get(field) == null;
    }

    /** A text field that must be there. */
    String required(Row row, int field, BadRow.Kind kind) {
      String v = text(row, field);
      if (v == null) {
        throw new RowProblem(kind, what(row, field) + " is empty");
      }
      return v;
    }

    /** A text field read fresh (for unique values such as titles). */
    String plain(Row row, int field) {
      int c = column(field);
      return row.isEmpty(c) ? constants[field] : row.trimmed(c);
    }

    int quantity(Row row, int field) {
      int c = column(field);
      if (row.isEmpty(c)) {
        return constants[field] == null ? 0 : (int) Double.parseDouble(constants[field]);
      }
      int q = row.intValue(c);
      if (q < 0) {
        throw row.problem(BadRow.Kind.BAD_NUMBER, c, "a quantity (0 or more; refunds are a type, not a sign)");
      }
      return q;
    }

    double price(Row row, int field) {
      int c = column(field);
      if (row.isEmpty(c)) {
        return constants[field] == null ? Double.NaN : Double.parseDouble(constants[field]);
      }
      double p = row.doubleValue(c);
      if (p < 0) {
        throw row.problem(BadRow.Kind.BAD_NUMBER, c, "a price (0 or more)");
      }
      return p;
    }

    long time(Row row, int field) {
      int c = column(field);
      return row.isEmpty(c) ? 0 : timestamps.parse(row, c);
    }

    String what(Row row, int field) {
      int c = column(field);
      String name = fields.get(field);
      return c < 0 || row.name(c).equals(name) ? name : name + " (" + row.name(c) + ")";
    }
  }

  private static final class Events extends TableReader {
    private static final int USER = 0;
    private static final int ITEM = 1;
    private static final int TYPE = 2;
    private static final int TIME = 3;
    private static final int QUANTITY = 4;
    private static final int PRICE = 5;
    private static final int ORDER = 6;
    private static final int SESSION = 7;
    private static final int CHANNEL = 8;
    private static final int CAMPAIGN = 9;
    private static final int REQUEST = 10;

    private final Map<String, EventType> types = new HashMap<>();
    /** Raw type values seen so far and their types: a log has a handful. */
    private final byte[][] typeBytes = new byte[32][];
    private final EventType[] typeOfBytes = new EventType[32];
    private int knownTypes;

    Events(Source source, ImportContext context) {
      super(source, context);
    }

    /** The event fields that are ids, in {@link io.qianmian.features.data.DatasetBuilder.IdField} order. */
    private static final int[] IDS = {USER, ITEM, ORDER, SESSION, CHANNEL, CAMPAIGN, REQUEST};

    private final int[] idColumns = new int[IDS.length];
    private final String[] idTexts = new String[IDS.length];

    @Override
    void accept(Row row) throws ImportException {
      requireId(row, USER, BadRow.Kind.MISSING_USER);
      requireId(row, ITEM, BadRow.Kind.MISSING_ITEM);
      EventType type = type(row);
      int c = column(TIME);
      if (row.isEmpty(c)) {
        throw new RowProblem(BadRow.Kind.BAD_TIMESTAMP, what(row, TIME) + " is empty");
      }
      long time = timestamps.parse(row, c);
      int quantity = quantity(row, QUANTITY);
      double price = price(row, PRICE);
      for (int f = 0; f < IDS.length; f++) {
        int id = IDS[f];
        if (isRaw(row, id)) {
          idColumns[f] = column(id);
        } else {
          idColumns[f] = -1;
          idTexts[f] = text(row, id);
        }
      }
      context.add(row, idColumns, idTexts, type, time, quantity, price);
    }

    private void requireId(Row row, int field, BadRow.Kind kind) {
      if (row.isEmpty(column(field)) && !hasConstant(field)) {
        throw new RowProblem(kind, what(row, field) + " is empty");
      }
    }

    /** The type of a row: from the raw bytes when they were seen before, else read as text. */
    private EventType type(Row row) {
      int c = column(TYPE);
      if (!row.isEmpty(c)) {
        int s = row.start[c];
        int len = row.end[c] - s;
        for (int k = 0; k < knownTypes; k++) {
          byte[] raw = typeBytes[k];
          if (raw.length == len && Arrays.equals(raw, 0, len, row.buf, s, s + len)) {
            return typeOfBytes[k];
          }
        }
        EventType t = typeOfText(row);
        if (knownTypes < typeBytes.length) {
          typeBytes[knownTypes] = Arrays.copyOfRange(row.buf, s, s + len);
          typeOfBytes[knownTypes++] = t;
        }
        return t;
      }
      return typeOfText(row);
    }

    private EventType typeOfText(Row row) {
      String raw = text(row, TYPE);
      if (raw == null) {
        throw new RowProblem(BadRow.Kind.UNKNOWN_EVENT_TYPE, what(row, TYPE) + " is empty");
      }
      EventType t = types.get(raw);
      if (t == null) {
        t = EventType.parse(raw).orElse(null);
        if (t == null) {
          throw new RowProblem(BadRow.Kind.UNKNOWN_EVENT_TYPE, what(row, TYPE) + ": '" + raw + "' is not one of " + Mapping.wireNames());
        }
        types.put(raw, t);
      }
      return t;
    }
  }

  private static final class Catalog extends TableReader {
    private static final int ITEM = 0;
    private static final int TITLE = 1;
    private static final int CATEGORY = 2;
    private static final int BRAND = 3;
    private static final int PRICE = 4;
    private static final int IN_STOCK = 5;
    private static final int CREATED = 6;

    Catalog(Source source, ImportContext context) {
      super(source, context);
    }

    @Override
    void accept(Row row) throws ImportException {
      String item = required(row, ITEM, BadRow.Kind.MISSING_ITEM);
      Map<String, String> attributes = new HashMap<>();
      int[] extra = source.attributes();
      if (extra == null) {
        // JSON Lines: the keys that are not fields (those listed, when the mapping lists some)
        List<String> wanted = source.table().attributes();
        for (int f = source.kind().fields().size(); f < row.size(); f++) {
          if (wanted == null || wanted.contains(row.name(f))) {
            putAttribute(attributes, row, f);
          }
        }
      } else {
        for (int f : extra) {
          putAttribute(attributes, row, f);
        }
      }
      context.addItem(
          new CatalogItem(
              item,
              plain(row, TITLE),
              categoryPath(text(row, CATEGORY)),
              text(row, BRAND),
              price(row, PRICE),
              inStock(row),
              attributes,
              time(row, CREATED)));
    }

    private static void putAttribute(Map<String, String> attributes, Row row, int f) {
      String v = row.trimmed(f);
      if (v != null) {
        attributes.put(row.name(f), v);
      }
    }

    private List<String> categoryPath(String category) {
      if (category == null) {
        return List.of();
      }
      String separator = source.table().categorySeparator();
      List<String> path = new ArrayList<>();
      for (int s = 0, e; s <= category.length(); s = e + separator.length()) {
        e = category.indexOf(separator, s);
        e = e < 0 ? category.length() : e;
        String part = category.substring(s, e).strip();
        if (!part.isEmpty()) {
          path.add(part);
        }
      }
      return path;
    }

    private boolean inStock(Row row) {
      String v = text(row, IN_STOCK);
      if (v == null) {
        return true;
      }
      return switch (v.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "1" -> true;
        case "false", "f", "no", "n", "0" -> false;
        default -> throw new RowProblem(BadRow.Kind.BAD_VALUE, what(row, IN_STOCK) + ": '" + v + "' is not true or false");
      };
    }
  }

  private static final class Users extends TableReader {
    private static final int USER = 0;
    private static final int GENDER = 1;
    private static final int AGE_BAND = 2;
    private static final int REGION = 3;
    private static final int REGISTERED = 4;

    Users(Source source, ImportContext context) {
      super(source, context);
    }

    @Override
    void accept(Row row) throws ImportException {
      context.addUser(
          new UserAttributes(
              required(row, USER, BadRow.Kind.MISSING_USER),
              text(row, GENDER),
              text(row, AGE_BAND),
              text(row, REGION),
              time(row, REGISTERED)));
    }
  }
}
