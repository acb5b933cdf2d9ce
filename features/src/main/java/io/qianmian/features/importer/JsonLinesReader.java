package io.qianmian.features.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines (one object per line) read into the same {@link Row} as CSV: field {@code k} holds the
 * value of the {@code k}-th wanted key (numbers and booleans as their text, null as empty, an array
 * of strings joined with {@code " > "}, since arrays are category paths), so the importers do not
 * care which format a file came in. Other keys follow as extra fields, named in {@link Row#names},
 * with the entries of an {@code attributes} object among them; nested objects elsewhere are skipped.
 * Each line gets its own parser so that a broken line costs only itself.
 */
final class JsonLinesReader implements RowSource {
  private static final JsonFactory JSON = new JsonFactory();

  private final CsvReader lines;
  /** Key → the fields it fills (two fields may be mapped to one key). */
  private final Map<String, int[]> wanted = new HashMap<>();
  private final int wantedCount;
  private final Row row = new Row(Row.Text.UTF8);
  private String[] names;
  private byte[] out = new byte[4096];
  private int used;

  JsonLinesReader(InputFile in, String file, List<String> keys) throws IOException {
    this.lines = new CsvReader(in, file, CsvReader.Dialect.LINES);
    for (int k = 0; k < keys.size(); k++) {
      int[] known = wanted.getOrDefault(keys.get(k), new int[0]);
      int[] fields = Arrays.copyOf(known, known.length + 1);
      fields[known.length] = k;
      wanted.put(keys.get(k), fields);
    }
    this.wantedCount = keys.size();
    this.names = keys.toArray(new String[Math.max(16, keys.size())]);
  }

  @Override
  public boolean next() throws IOException {
    if (!lines.next()) {
      return false;
    }
    Row line = lines.row();
    row.clear();
    row.line = line.line;
    used = 0;
    for (int k = 0; k < wantedCount; k++) {
      row.add(0, 0);
    }
    try (JsonParser p = JSON.createParser(line.buf, line.start[0], line.end[0] - line.start[0])) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        row.malformed = "not a JSON object";
      } else {
        readObject(p, false);
        if (p.nextToken() != null) {
          row.malformed = "text after the JSON object";
        }
      }
    } catch (StreamReadException e) {
      row.malformed = "invalid JSON: " + e.getOriginalMessage();
    }
    row.buf = out;
    row.names = names;
    return true;
  }

  private void readObject(JsonParser p, boolean attributes) throws IOException {
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      int[] k = attributes ? null : wanted.get(key);
      if (value == JsonToken.START_OBJECT) {
        if (k == null && !attributes && key.equals("attributes")) {
          readObject(p, true);
        } else {
          p.skipChildren();
        }
        continue;
      }
      int s = used;
      if (value == JsonToken.START_ARRAY) {
        joinArray(p);
      } else if (value != JsonToken.VALUE_NULL) {
        appendText(p);
      }
      if (k != null) {
        for (int f : k) {
          row.start[f] = s;
          row.end[f] = used;
        }
      } else {
        if (row.count == names.length) {
          names = Arrays.copyOf(names, names.length * 2);
        }
        names[row.count] = key;
        row.add(s, used);
      }
    }
  }

  private void joinArray(JsonParser p) throws IOException {
    boolean first = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      if (!first) {
        append(" > ");
      }
      appendText(p);
      first = false;
    }
  }

  /** The current scalar's text as UTF-8, from the parser's own buffer (no String per value). */
  private void appendText(JsonParser p) throws IOException {
    append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  private void append(String s) {
    append(s.toCharArray(), 0, s.length());
  }

  private void append(char[] chars, int offset, int length) {
    int need = used + length * 3;
    if (need > out.length) {
      out = Arrays.copyOf(out, Math.max(need, out.length * 2));
    }
    for (int i = offset; i < offset + length; i++) {
      char c = chars[i];
      if (c >= 0x80) {
        byte[] utf8 = new String(chars, i, offset + length - i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, out, used, utf8.length);
        used += utf8.length;
        return;
      }
      out[used++] = (byte) c;
    }
  }

  @Override
  public Row row() {
    return row;
  }

  @Override
  public String file() {
    return lines.file();
  }

  @Override
  public long consumed() {
    return lines.consumed();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
