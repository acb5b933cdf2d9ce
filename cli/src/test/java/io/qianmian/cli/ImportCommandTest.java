package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.DatasetReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path retail;

  @BeforeEach
  void writeExport() throws IOException {
    retail =
        Files.writeString(
            tmp.resolve("retail.csv"),
            """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,"HEART, WHITE",6,12/1/2010 8:26,2.55,17850,United Kingdom
            536366,71053,LANTERN,2,12/1/2010 8:28,3.39,17851,France
            536367,71053,LANTERN,1,12/1/2010 8:30,3.39,,France
            C536368,71053,LANTERN,-1,12/1/2010 9:00,3.39,17851,France
            536369,71053,LANTERN,two,12/1/2010 9:10,3.39,17851,France
            """);
  }

  private int run(String... args) {
    return CliRun.execute(out, err, args);
  }

  @Test
  void importsAndPrintsASummary() throws IOException {
    Path ds = tmp.resolve("ds");
    int code = run("import", "--format", "online-retail", "--input", retail.toString(), "--out", ds.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("events   3 (purchase 2 · refund 1)")
        .contains("users    2")
        .contains("items    2")
        .contains("skipped  2 rows (bad number 1 · no customer id 1)")
        .contains("bad rows 1; all:")
        .contains("retail.csv line 6: bad number: Quantity: 'two' is not an integer")
        .contains("dataset  " + ds);
    assertThat(DatasetReader.read(ds).info().events()).isEqualTo(3);
  }

  @Test
  void strictImportFailsWithOneLineAndWritesNothing() {
    Path ds = tmp.resolve("ds");
    int code = run("import", "--format", "online-retail", "--input", retail.toString(), "--out", ds.toString(), "--strict");
    assertThat(code).isNotZero();
    assertThat(err.toString().strip().lines())
        .containsExactly("qianmian import: " + retail + " line 6: bad number: Quantity: 'two' is not an integer");
    assertThat(ds).doesNotExist();
  }

  @Test
  void unknownFormatIsOneLine() {
    int code = run("import", "--format", "excel", "--input", retail.toString(), "--out", tmp.resolve("ds").toString());
    assertThat(code).isNotZero();
    assertThat(err.toString().strip().lines())
        .containsExactly("qianmian import: unknown format 'excel' (expected movielens, online-retail, retailrocket, taobao, csv, jsonl)");
  }

  @Test
  void mappingForAFixedFormatIsRefused() {
    int code = run("import", "--format", "taobao", "--input", retail.toString(), "--mapping", "m.json", "--out", tmp.resolve("ds").toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--mapping applies to the csv and jsonl formats only");
  }

  @Test
  void helpDocumentsHowRatingsBecomeEvents() {
    assertThat(run("import", "--help")).isZero();
    assertThat(out.toString()).contains("rating >= --positive-threshold is a purchase, a lower").contains("--strict").contains("--mapping=FILE");
  }
}
