package io.qianmian.serving.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.IdDictionary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each item's identity and catalog fields as ready-encoded JSON — {@code "itemId":…,"title":…,
 * "category":…,"price":…,"brand":…,"inStock":…} — made on first use and kept for the model's life.
 * Answers show the same popular items over and over; escaping and formatting their fields once
 * instead of on every answer is most of the cost of writing one. Thread-safe without locks.
 */
public final class CatalogFragments {
  private static final JsonFactory JSON = new JsonFactory();

  private final Catalog catalog;
  private final IdDictionary items;
  private final IdDictionary categories;
  private final IdDictionary brands;
  private final AtomicReferenceArray<byte[]> fragments;

  public CatalogFragments(Catalog catalog, IdDictionary items, IdDictionary categories, IdDictionary brands) {
    this.catalog = catalog;
    this.items = items;
    this.categories = categories;
    this.brands = brands;
    this.fragments = new AtomicReferenceArray<>(catalog.title().length);
  }

  /** Item {@code i}'s fields as UTF-8 JSON, without the braces around them. */
  public byte[] of(int i) {
    byte[] f = fragments.get(i);
    if (f == null) {
      f = make(i);
      fragments.set(i, f); // two threads may both make it; they make the same one
    }
    return f;
  }

  private byte[] make(int i) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("itemId", items.id(i));
      g.writeStringField("title", catalog.title()[i]);
      int c = catalog.category()[i];
      g.writeStringField("category", c < 0 ? null : categories.id(c));
      float price = catalog.price()[i];
      g.writeFieldName("price");
      if (Float.isFinite(price)) {
        g.writeNumber(price); // as the float prints: 114.99, not 114.98999786376953
      } else {
        g.writeNull();
      }
      g.writeStringField("brand", brands.idOrNull(catalog.brand()[i]));
      g.writeBooleanField("inStock", catalog.inStock()[i]);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] object = out.toByteArray();
    return Arrays.copyOfRange(object, 1, object.length - 1);
  }
}
