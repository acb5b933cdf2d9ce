package io.qianmian.features.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path tmp;

  /** A record as read: its line and its fields (null marks a malformed record). */
  private record Read(long line, List<String> fields, String malformed) {}

  private List<Read> read(String text, CsvReader.Dialect dialect, int bufferSize) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), dialect, bufferSize);
  }

  private List<Read> read(byte[] bytes, CsvReader.Dialect dialect, int bufferSize) throws IOException {
    Path file = Files.write(tmp.resolve("in-" + System.nanoTime() + ".csv"), bytes);
    List<Read> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(InputFile.open(file), file.toString(), dialect, bufferSize)) {
      while (r.next()) {
        Row row = r.row();
        List<String> fields = new ArrayList<>();
        for (int f = 0; f < row.size(); f++) {
          String t = row.text(f);
          fields.add(t == null ? "" : t);
        }
        out.add(new Read(row.line, fields, row.malformed));
      }
    }
    return out;
  }

  @Test
  void quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws IOException {
    String text = "a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n";
    List<Read> rows = read(text, CsvReader.Dialect.CSV_NO_HEADER, 1 << 16);
    assertThat(rows).extracting(Read::fields).containsExactly(List.of("a", "b, c", "say \"hi\""), List.of("two\nlines", "x", ""));
  }

  @Test
  void lineNumbersCountPhysicalLinesAndSkipBlankOnes() throws IOException {
    String text = "h1,h2\r\n1,\"a\nb\"\r\n\r\n2,c\n3,d";
    List<Read> rows = read(text, CsvReader.Dialect.CSV, 1 << 16);
    assertThat(rows).extracting(Read::line).containsExactly(2L, 5L, 6L);
    assertThat(rows.get(2).fields()).containsExactly("3", "d");
  }

  @Test
  void plainRecordsKeepEmptyFieldsAroundCarriageReturnsAndBlankLines() throws IOException {
    String text = "h1,h2,h3\r\na,,\r\n\r\nb,c,d\n,\r\nlast,\"q\",\n";
    List<Read> rows = read(text, CsvReader.Dialect.CSV, 1 << 16);
    assertThat(rows).extracting(Read::line).containsExactly(2L, 4L, 5L, 6L);
    assertThat(rows)
        .extracting(Read::fields)
        .containsExactly(List.of("a", "", ""), List.of("b", "c", "d"), List.of("", ""), List.of("last", "q", ""));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsLiteral() throws IOException {
    List<Read> rows = read("7\" frame,12\nnext,1\n", CsvReader.Dialect.CSV_NO_HEADER, 64);
    assertThat(rows).extracting(Read::fields).containsExactly(List.of("7\" frame", "12"), List.of("next", "1"));
  }

  @Test
  void unclosedQuoteAtTheEndMarksTheRecordMalformed() throws IOException {
    List<Read> rows = read("a,b\nc,\"open\n", CsvReader.Dialect.CSV_NO_HEADER, 64);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).malformed()).isNull();
    assertThat(rows.get(1).malformed()).contains("not closed");
  }

  @Test
  void twoByteDelimiterSplitsMovieLensOneMillionLines() throws IOException {
    CsvReader.Dialect dat = new CsvReader.Dialect("::", false, false, Row.Text.UTF8);
    List<Read> rows = read("1::Star Wars: Episode IV (1977)::Action|Sci-Fi\n2::::x\n", dat, 64);
    assertThat(rows).extracting(Read::fields).containsExactly(List.of("1", "Star Wars: Episode IV (1977)", "Action|Sci-Fi"), List.of("2", "", "x"));
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "userId,itemId\nu1,p1\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    Path file = Files.write(tmp.resolve("bom.csv"), all);
    try (CsvReader r = new CsvReader(InputFile.open(file), file.toString(), CsvReader.Dialect.CSV)) {
      assertThat(r.column("userId")).isZero();
    }
  }

  @Test
  void latin1AndInvalidUtf8AreDecodedAsLatin1ValidUtf8AsUtf8() throws IOException {
    byte[] bytes = {'C', 'a', 'f', (byte) 0xE9, ',', (byte) 0xE4, (byte) 0xB8, (byte) 0xAD, '\n'};
    List<Read> rows = read(bytes, CsvReader.Dialect.CSV_NO_HEADER, 64);
    assertThat(rows.getFirst().fields()).containsExactly("Café", "中");
  }

  @Test
  void gzipIsToldByItsMagicBytesWhateverTheName() throws IOException {
    Path file = ImportFixtures.gzip(tmp.resolve("plain-name.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    try (CsvReader r = new CsvReader(InputFile.open(file), file.toString(), CsvReader.Dialect.CSV)) {
      assertThat(r.header()).containsExactly("a", "b");
      assertThat(r.next()).isTrue();
      assertThat(r.row().text(1)).isEqualTo("2");
    }
  }

  @Test
  void anyBufferSizeReadsTheSameRecords() throws IOException {
    long seed = System.nanoTime();
    System.out.println("anyBufferSizeReadsTheSameRecords seed " + seed);
    Random random = new Random(seed);
    String[] pieces = {"a", "bc", "", "\"q,uo\"\"te\"", "\"multi\nline\"", "ü", "x y"};
    StringBuilder text = new StringBuilder();
    List<List<String>> expected = new ArrayList<>();
    for (int r = 0; r < 200; r++) {
      List<String> fields = new ArrayList<>();
      int n = 1 + random.nextInt(5);
      for (int f = 0; f < n; f++) {
        String p = pieces[random.nextInt(pieces.length)];
        text.append(f == 0 ? "" : ",").append(p);
        fields.add(p.startsWith("\"") ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p);
      }
      if (fields.equals(List.of(""))) {
        continue; // an empty line is skipped, so it is not written
      }
      text.append(random.nextBoolean() ? "\n" : "\r\n");
      expected.add(fields);
    }
    List<List<String>> big = read(text.toString(), CsvReader.Dialect.CSV_NO_HEADER, 1 << 20).stream().map(Read::fields).toList();
    assertThat(big).isEqualTo(expected);
    for (int size : new int[] {4, 7, 16, 33}) {
      assertThat(read(text.toString(), CsvReader.Dialect.CSV_NO_HEADER, size).stream().map(Read::fields).toList())
          .as("buffer %d, seed %d", size, seed)
          .isEqualTo(expected);
    }
  }
}
