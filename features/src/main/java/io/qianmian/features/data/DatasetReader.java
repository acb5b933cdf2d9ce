package io.qianmian.features.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.qianmian.features.io.Columns;
import io.qianmian.features.io.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Loads a dataset directory written by {@link DatasetWriter}. Layout (version 1):
 *
 * <pre>
 * dataset.json                 DatasetInfo, written last
 * events/COLUMN.{i32,i64,f32,i8}  little-endian columns sorted by time (see {@link Events})
 * dict/NAME.str                id dictionaries (count, then length-prefixed UTF-8)
 * catalog/…                    catalog columns, attributes.jsonl (one JSON object per item)
 * users/…                      demographics columns
 * </pre>
 */
public final class DatasetReader {
  /** Created on the first item with attributes: an ObjectMapper costs a cold JVM 0.3 s. */
  private static final class Attributes {
    static final ObjectReader READER = DatasetWriter.JSON.readerFor(new TypeReference<Map<String, String>>() {});
  }

  private DatasetReader() {}

  /** Whether {@code dir} holds a complete dataset. */
  public static boolean isDataset(Path dir) {
    return Files.isRegularFile(dir.resolve(DatasetWriter.INFO));
  }

  /** Loads the dataset in {@code dir}, failing with a message that says what is wrong. */
  public static Dataset read(Path dir) throws IOException {
    return read(dir, true);
  }

  /**
   * Loads the dataset in {@code dir} without its session and request ids, for the steps that never
   * look at them (profiles, store metrics): {@link Events#session()} and {@link Events#request()}
   * are then empty arrays, {@link Dataset#sessions()} and {@link Dataset#requests()} empty
   * dictionaries. On a log of 20 M events that is a sixth of the memory (the session dictionary
   * alone holds millions of ids) and of the reading.
   */
  public static Dataset readWithoutSessions(Path dir) throws IOException {
    return read(dir, false);
  }

  /** dataset.json, read with the streaming parser (see {@link JsonValues}). */
  private static DatasetInfo info(Path file) throws IOException {
    Map<String, Object> json = JsonValues.readObject(file);
    try {
      return new DatasetInfo(
          JsonValues.intField(json, "formatVersion"),
          JsonValues.stringOrNull(json, "createdAt"),
          JsonValues.stringOrNull(json, "source"),
          JsonValues.longField(json, "events"),
          JsonValues.longField(json, "users"),
          JsonValues.longField(json, "items"),
          JsonValues.longField(json, "firstEvent"),
          JsonValues.longField(json, "lastEvent"),
          counts(json, "eventsByType"),
          counts(json, "skippedRows"));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Long> counts(Map<String, Object> json, String field) {
    Map<String, Object> object = JsonValues.objectField(json, field);
    Map<String, Long> out = new HashMap<>();
    for (String key : object.keySet()) {
      out.put(key, JsonValues.longField(object, key));
    }
    return out;
  }

  /** One JSON object per item, {@code {}} for most (parsed only when not). */
  private static Map<String, String>[] attributes(Path file, int items) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, String>[] attributes = new Map[items];
    try (BufferedReader r = Files.newBufferedReader(file)) {
      for (int i = 0; i < items; i++) {
        String line = r.readLine();
        if (line == null) {
          throw new IOException(file + " is truncated at item " + i);
        }
        attributes[i] = line.equals("{}") ? Map.of() : Map.copyOf(Attributes.READER.<Map<String, String>>readValue(line));
      }
    }
    return attributes;
  }

  private static Dataset read(Path dir, boolean sessions) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a directory (expected a dataset made by 'qianmian import' or 'qianmian generate')");
    }
    if (!isDataset(dir)) {
      throw new IOException(dir + " is not a complete dataset: " + DatasetWriter.INFO + " is missing");
    }
    DatasetInfo info = info(dir.resolve(DatasetWriter.INFO));
    if (info.formatVersion() != DatasetWriter.FORMAT_VERSION) {
      throw new IOException(dir + " has dataset format " + info.formatVersion() + "; this version reads " + DatasetWriter.FORMAT_VERSION);
    }
    Path ev = dir.resolve("events");
    Path u = dir.resolve("users");
    Path dict = dir.resolve("dict");
    Path cat = dir.resolve("catalog");
    // The log's columns are most of the reading, then the users' demographics (a string each), the
    // id dictionaries and the catalog's text: one task each, on all cores.
    Object[] columns =
        readAll(
            () -> Columns.readInts(ev.resolve("user.i32")),
            () -> Columns.readInts(ev.resolve("item.i32")),
            () -> Columns.readBytes(ev.resolve("type.i8")),
            () -> Columns.readLongs(ev.resolve("time.i64")),
            () -> Columns.readInts(ev.resolve("quantity.i32")),
            () -> Columns.readFloats(ev.resolve("price.f32")),
            () -> Columns.readInts(ev.resolve("order.i32")),
            () -> sessions ? Columns.readInts(ev.resolve("session.i32")) : new int[0],
            () -> Columns.readInts(ev.resolve("channel.i32")),
            () -> Columns.readInts(ev.resolve("campaign.i32")),
            () -> sessions ? Columns.readInts(ev.resolve("request.i32")) : new int[0],
            () -> shared(Columns.readStrings(u.resolve("gender.str"))),
            () -> shared(Columns.readStrings(u.resolve("age-band.str"))),
            () -> shared(Columns.readStrings(u.resolve("region.str"))),
            () -> new IdDictionary(PackedIds.read(dict.resolve("users.str"))),
            () -> new IdDictionary(PackedIds.read(dict.resolve("items.str"))),
            () -> Columns.readStrings(cat.resolve("title.str")),
            () -> attributes(cat.resolve("attributes.jsonl"), (int) Math.min(info.items(), Integer.MAX_VALUE)));
    Events events = Events.ofColumns(columns);
    checkLength(dir, "events", info.events(), events.user().length, events.item().length, events.type().length,
        events.time().length, events.quantity().length, events.price().length, events.order().length,
        events.channel().length, events.campaign().length);
    if (sessions) {
      checkLength(dir, "events", info.events(), events.session().length, events.request().length);
    }

    IdDictionary users = (IdDictionary) columns[14];
    IdDictionary items = (IdDictionary) columns[15];
    checkLength(dir, "users", info.users(), users.size());
    checkLength(dir, "items", info.items(), items.size());

    byte[] stock = Columns.readBytes(cat.resolve("in-stock.i8"));
    boolean[] inStock = new boolean[stock.length];
    for (int i = 0; i < stock.length; i++) {
      inStock[i] = stock[i] != 0;
    }
    @SuppressWarnings("unchecked")
    Map<String, String>[] attributes = (Map<String, String>[]) columns[17];
    Catalog catalog =
        new Catalog(
            (String[]) columns[16],
            Columns.readInts(cat.resolve("category.i32")),
            Columns.readInts(cat.resolve("brand.i32")),
            Columns.readFloats(cat.resolve("price.f32")),
            inStock,
            Columns.readLongs(cat.resolve("created.i64")),
            attributes,
            Columns.readInts(cat.resolve("category-parent.i32")));
    checkLength(dir, "catalog", info.items(), catalog.title().length, attributes.length, catalog.category().length,
        catalog.brand().length, catalog.price().length, inStock.length, catalog.created().length);

    UserTable userTable =
        new UserTable(
            (String[]) columns[11],
            (String[]) columns[12],
            (String[]) columns[13],
            Columns.readLongs(u.resolve("registered.i64")));
    checkLength(dir, "users table", info.users(), userTable.gender().length, userTable.registered().length);

    return new Dataset(
        info,
        events,
        catalog,
        userTable,
        users,
        items,
        new IdDictionary(PackedIds.read(dict.resolve("categories.str"))),
        new IdDictionary(PackedIds.read(dict.resolve("brands.str"))),
        new IdDictionary(PackedIds.read(dict.resolve("orders.str"))),
        sessions ? new IdDictionary(PackedIds.read(dict.resolve("sessions.str"))) : new IdDictionary(new String[0]),
        new IdDictionary(PackedIds.read(dict.resolve("channels.str"))),
        new IdDictionary(PackedIds.read(dict.resolve("campaigns.str"))),
        sessions ? new IdDictionary(PackedIds.read(dict.resolve("requests.str"))) : new IdDictionary(new String[0]));
  }

  /** Reads one column. */
  private interface ColumnRead {
    Object read() throws IOException;
  }

  /** Runs the reads in parallel; their results in order. */
  private static Object[] readAll(ColumnRead... reads) throws IOException {
    Object[] out = new Object[reads.length];
    try {
      IntStream.range(0, reads.length)
          .parallel()
          .forEach(
              i -> {
                try {
                  out[i] = reads[i].read();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /**
   * The column with one String per distinct value: demographics repeat a few values, and a
   * million users' copies of "female" or a region name would hold over a hundred megabytes.
   */
  private static String[] shared(String[] column) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < column.length; i++) {
      if (column[i] != null) {
        String s = seen.putIfAbsent(column[i], column[i]);
        if (s != null) {
          column[i] = s;
        }
      }
    }
    return column;
  }

  private static void checkLength(Path dir, String what, long expected, int... lengths) throws IOException {
    for (int n : lengths) {
      if (n != expected) {
        throw new IOException(dir + " is corrupt: " + what + " has a column of " + n + " rows, dataset.json says " + expected);
      }
    }
  }
}
