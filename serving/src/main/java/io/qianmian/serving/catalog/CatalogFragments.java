package io.qianmian.serving.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.IdDictionary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each item's catalog fields as a ready-encoded JSON fragment — {@code ,"title":…,"category":…,
 * "price":…,"brand":…,"inStock":…} — made on first use and kept for the model's life. Answers show
 * the same popular items over and over; escaping and formatting their fields once instead of on
 * every answer is most of the cost of writing one. Thread-safe without locks.
 */
public final class CatalogFragments {
  private static final JsonFactory JSON = new JsonFactory();

  private final Catalog catalog;
  private final IdDictionary categories;
  private final IdDictionary brands;
  private final AtomicReferenceArray<SerializableString> fragments;

  public CatalogFragments(Catalog catalog, IdDictionary categories, IdDictionary brands) {
    this.catalog = catalog;
    this.categories = categories;
    this.brands = brands;
    this.fragments = new AtomicReferenceArray<>(catalog.title().length);
  }

  /** Item {@code i}'s fragment, starting with a comma (it follows other fields of the item). */
  public SerializableString of(int i) {
    SerializableString f = fragments.get(i);
    if (f == null) {
      f = make(i);
      fragments.set(i, f); // two threads may both make it; they make the same one
    }
    return f;
  }

  private SerializableString make(int i) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
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
    String object = out.toString();
    SerializedString s = new SerializedString("," + object.substring(1, object.length() - 1));
    s.asUnquotedUTF8(); // encode now, not in a request
    return s;
  }
}
