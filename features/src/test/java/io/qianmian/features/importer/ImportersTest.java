package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportersTest {
  @TempDir Path tmp;

  @Test
  void runWritesADatasetThatReadsBack() throws IOException {
    Path out = tmp.resolve("ds");
    ImportReport report = Importers.run(ImportRequest.of(ImportFormat.CSV, fixture("native-csv")), out, Progress.NONE);
    Dataset back = DatasetReader.read(out);
    assertThat(report.output()).isEqualTo(out);
    assertThat(back.info().events()).isEqualTo(report.events()).isEqualTo(4);
    assertThat(back.info().source()).startsWith("csv ");
    assertThat(ImportFixtures.events(back)).isEqualTo(ImportFixtures.events(ImportFixtures.load(ImportFormat.CSV, fixture("native-csv")).dataset()));
  }

  @Test
  void failedStrictImportLeavesTheOldDatasetInPlace() throws IOException {
    Path out = tmp.resolve("ds");
    Importers.run(ImportRequest.of(ImportFormat.TAOBAO, fixture("taobao")), out, Progress.NONE);
    long before = DatasetReader.read(out).info().events();
    assertThatThrownBy(() -> Importers.run(ImportRequest.of(ImportFormat.TAOBAO, fixture("taobao")).withStrict(true), out, Progress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageEndingWith("UserBehavior.csv line 6: unknown event type: behavior: 'click' is not pv, buy, cart or fav");
    assertThat(DatasetReader.read(out).info().events()).isEqualTo(before).isEqualTo(5);
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("ds");
    }
  }

  @Test
  void refusesToReplaceAFolderThatIsNotADataset() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("home"));
    write(out.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> Importers.run(ImportRequest.of(ImportFormat.TAOBAO, fixture("taobao")), out, Progress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("not a dataset; refusing to replace it");
    assertThat(out.resolve("thesis.tex")).hasContent("precious");
  }

  @Test
  void importWithoutAnyEventFails() throws IOException {
    Path file = write(tmp.resolve("events.csv"), "userId,itemId,type,timestamp\nu1,p1,view,soon\n");
    assertThatThrownBy(() -> Importers.run(ImportRequest.of(ImportFormat.CSV, file), tmp.resolve("ds"), Progress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("no events could be imported (1 bad rows; the first: " + file + " line 2: bad timestamp");
    assertThat(tmp.resolve("ds")).doesNotExist();
  }

  @Test
  void missingInputIsNoSuchFile() {
    assertThatThrownBy(() -> Importers.load(ImportRequest.of(ImportFormat.MOVIELENS, tmp.resolve("nope")), Progress.NONE))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThatThrownBy(() -> Importers.load(ImportRequest.of(ImportFormat.MOVIELENS, tmp), Progress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("is not a MovieLens folder");
  }

  @Test
  void progressReportsEachFileAgainstItsSize() throws IOException {
    List<String> tasks = new ArrayList<>();
    List<Long> done = new ArrayList<>();
    Progress progress =
        (task, total, unit) -> {
          tasks.add(task + " " + total + " " + unit);
          return new Progress.Task() {
            @Override
            public void stepTo(long d) {
              done.add(d);
            }

            @Override
            public void message(String text) {}

            @Override
            public void close() {}
          };
        };
    Importers.load(ImportRequest.of(ImportFormat.CSV, fixture("native-csv")), progress);
    long size = Files.size(fixture("native-csv/events.csv"));
    assertThat(tasks).startsWith("import events.csv " + size + " bytes").contains("import catalog.csv " + Files.size(fixture("native-csv/catalog.csv")) + " bytes");
    assertThat(done).contains(size);
  }

  @Test
  void manyEventsAcrossBatchesKeepTheirOrderAndInterleavedCatalog() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("big"));
    StringBuilder events = new StringBuilder("userId,itemId,type,timestamp\n");
    for (int i = 0; i < 20_000; i++) {
      events.append('u').append(i % 777).append(",p").append(i % 101).append(",view,").append(i).append('\n');
    }
    write(dir.resolve("events.csv"), events.toString());
    write(dir.resolve("catalog.csv"), "itemId,title\np5,Five\nnew,Only in catalog\n");
    Dataset d = ImportFixtures.load(ImportFormat.CSV, dir).dataset();
    assertThat(d.events().size()).isEqualTo(20_000);
    for (int r = 0; r < 20_000; r += 997) {
      assertThat(d.event(r).userId()).isEqualTo("u" + (r % 777));
      assertThat(d.event(r).timestamp()).isEqualTo(r);
    }
    assertThat(d.users().size()).isEqualTo(777);
    assertThat(d.items().ids()).hasSize(102).endsWith("new");
    assertThat(d.catalogItem(d.items().indexOf("p5").orElseThrow()).title()).isEqualTo("Five");
  }
}
