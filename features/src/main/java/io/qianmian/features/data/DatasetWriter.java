package io.qianmian.features.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qianmian.features.io.AtomicDirectory;
import io.qianmian.features.io.Columns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Saves a {@link Dataset} as a directory of columns (see {@link DatasetReader} for the layout),
 * atomically: a crash leaves the old directory or none, never a half-written one.
 */
public final class DatasetWriter {
  /** The layout version; the reader refuses others. */
  public static final int FORMAT_VERSION = 1;

  static final String INFO = "dataset.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DatasetWriter() {}

  /** Writes {@code dataset} to {@code dir}, replacing what was there. */
  public static void write(Dataset dataset, Path dir) throws IOException {
    AtomicDirectory.publish(dir, tmp -> writeInto(dataset, tmp));
  }

  /** One file to write. */
  @FunctionalInterface
  private interface FileWrite {
    void run() throws IOException;
  }

  private static void writeInto(Dataset d, Path dir) throws IOException {
    Path ev = Files.createDirectories(dir.resolve("events"));
    Path dict = Files.createDirectories(dir.resolve("dict"));
    Events e = d.events();
    // The large files on every core: copying half a gigabyte into the page cache is kernel time
    // that a second thread halves.
    inParallel(
        List.of(
            () -> Columns.writeInts(ev.resolve("user.i32"), e.user()),
            () -> Columns.writeInts(ev.resolve("item.i32"), e.item()),
            () -> Columns.writeBytes(ev.resolve("type.i8"), e.type()),
            () -> Columns.writeLongs(ev.resolve("time.i64"), e.time()),
            () -> Columns.writeInts(ev.resolve("quantity.i32"), e.quantity()),
            () -> Columns.writeFloats(ev.resolve("price.f32"), e.price()),
            () -> Columns.writeInts(ev.resolve("order.i32"), e.order()),
            () -> Columns.writeInts(ev.resolve("session.i32"), e.session()),
            () -> Columns.writeInts(ev.resolve("channel.i32"), e.channel()),
            () -> Columns.writeInts(ev.resolve("campaign.i32"), e.campaign()),
            () -> Columns.writeInts(ev.resolve("request.i32"), e.request()),
            () -> writeDictionary(dict.resolve("users.str"), d.users()),
            () -> writeDictionary(dict.resolve("items.str"), d.items()),
            () -> writeDictionary(dict.resolve("categories.str"), d.categories()),
            () -> writeDictionary(dict.resolve("brands.str"), d.brands()),
            () -> writeDictionary(dict.resolve("orders.str"), d.orders()),
            () -> writeDictionary(dict.resolve("sessions.str"), d.sessions()),
            () -> writeDictionary(dict.resolve("channels.str"), d.channels()),
            () -> writeDictionary(dict.resolve("campaigns.str"), d.campaigns()),
            () -> writeDictionary(dict.resolve("requests.str"), d.requests())));

    Path cat = Files.createDirectories(dir.resolve("catalog"));
    Catalog c = d.catalog();
    Columns.writeStrings(cat.resolve("title.str"), c.title());
    Columns.writeInts(cat.resolve("category.i32"), c.category());
    Columns.writeInts(cat.resolve("brand.i32"), c.brand());
    Columns.writeFloats(cat.resolve("price.f32"), c.price());
    byte[] stock = new byte[c.inStock().length];
    for (int i = 0; i < stock.length; i++) {
      stock[i] = (byte) (c.inStock()[i] ? 1 : 0);
    }
    Columns.writeBytes(cat.resolve("in-stock.i8"), stock);
    Columns.writeLongs(cat.resolve("created.i64"), c.created());
    Columns.writeInts(cat.resolve("category-parent.i32"), c.categoryParent());
    try (BufferedWriter w = Files.newBufferedWriter(cat.resolve("attributes.jsonl"))) {
      for (Map<String, String> attrs : c.attributes()) {
        w.write(attrs.isEmpty() ? "{}" : JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(attrs));
        w.write('\n');
      }
    }

    Path users = Files.createDirectories(dir.resolve("users"));
    UserTable u = d.userTable();
    Columns.writeStrings(users.resolve("gender.str"), u.gender());
    Columns.writeStrings(users.resolve("age-band.str"), u.ageBand());
    Columns.writeStrings(users.resolve("region.str"), u.region());
    Columns.writeLongs(users.resolve("registered.i64"), u.registered());

    // Written last: its presence is what marks the directory complete.
    JSON.writeValue(dir.resolve(INFO).toFile(), d.info());
  }

  private static void inParallel(List<FileWrite> writes) throws IOException {
    try {
      writes.parallelStream()
          .forEach(
              w -> {
                try {
                  w.run();
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
              });
    } catch (UncheckedIOException ex) {
      throw ex.getCause();
    }
  }

  private static void writeDictionary(Path file, IdDictionary ids) throws IOException {
    if (ids.packed() != null) {
      ids.packed().write(file);
    } else {
      Columns.writeStrings(file, ids.array());
    }
  }
}
