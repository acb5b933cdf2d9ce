package io.qianmian.features.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRoundTripTest {
  @TempDir Path tmp;

  private static Dataset smallStore() {
    return new DatasetBuilder()
        .source("hand-made")
        .addItem(new CatalogItem("p1", "Kettle", List.of("Home", "Kitchen"), "Acme", 19.9, true, Map.of("colour", "red"), 5))
        .addItem(new CatalogItem("p2", "Mug", List.of("Home", "Kitchen"), null, 4.5, false, Map.of(), 0))
        .addUser(new UserAttributes("u1", "f", "25-34", "Shanghai", 1000))
        .add(new BehaviorEvent("u1", "p1", EventType.PURCHASE, 300, 2, 19.9, "o1", "s1", "app", "c-win", "r1"))
        .add(BehaviorEvent.of("u2", "p2", EventType.VIEW, 100))
        .add(BehaviorEvent.of("u1", "p3", EventType.VIEW, 100))
        .skipped("no customer id")
        .build();
  }

  @Test
  void eventsAreSortedByTimeKeepingInputOrderForTies() {
    Dataset d = smallStore();
    assertThat(d.event(0)).isEqualTo(BehaviorEvent.of("u2", "p2", EventType.VIEW, 100));
    assertThat(d.event(1)).isEqualTo(BehaviorEvent.of("u1", "p3", EventType.VIEW, 100));
    assertThat(d.event(2).type()).isEqualTo(EventType.PURCHASE);
  }

  @Test
  void writtenDatasetReadsBackEqual() throws IOException {
    Dataset d = smallStore();
    Path dir = tmp.resolve("store");
    DatasetWriter.write(d, dir);
    Dataset back = DatasetReader.read(dir);

    assertThat(back.info()).isEqualTo(d.info());
    for (int r = 0; r < d.events().size(); r++) {
      assertThat(back.event(r)).isEqualTo(d.event(r));
    }
    for (int i = 0; i < d.items().size(); i++) {
      assertThat(back.catalogItem(i)).isEqualTo(d.catalogItem(i));
    }
    assertThat(back.userAttributes(back.users().indexOf("u1").orElseThrow()))
        .contains(new UserAttributes("u1", "f", "25-34", "Shanghai", 1000));
    assertThat(back.info().skippedRows()).containsEntry("no customer id", 1L);
    assertThat(back.catalog().categoryParent()).containsExactly(-1, 0);
  }

  @Test
  void readWithoutSessionsHasEverythingButSessionAndRequestIds() throws IOException {
    Dataset d = smallStore();
    Path dir = tmp.resolve("store");
    DatasetWriter.write(d, dir);
    Dataset back = DatasetReader.readWithoutSessions(dir);

    assertThat(back.events().session()).isEmpty();
    assertThat(back.events().request()).isEmpty();
    assertThat(back.sessions().size()).isZero();
    assertThat(back.requests().size()).isZero();
    assertThat(back.events().size()).isEqualTo(d.events().size());
    for (int r = 0; r < d.events().size(); r++) {
      BehaviorEvent e = d.event(r);
      assertThat(back.event(r))
          .isEqualTo(new BehaviorEvent(e.userId(), e.itemId(), e.type(), e.timestamp(), e.quantity(), e.price(), e.orderId(), null, e.channel(), e.campaignId(), null));
    }
    assertThat(back.userAttributes(back.users().indexOf("u1").orElseThrow()))
        .contains(new UserAttributes("u1", "f", "25-34", "Shanghai", 1000));
  }

  @Test
  void itemSeenOnlyInEventsHasAnUnknownCatalogRow() {
    Dataset d = smallStore();
    CatalogItem p3 = d.catalogItem(d.items().indexOf("p3").orElseThrow());
    assertThat(p3.title()).isNull();
    assertThat(p3.categoryPath()).isEmpty();
    assertThat(p3.price()).isNaN();
  }

  @Test
  void rewritingReplacesTheOldDatasetAndLeavesNoTemporaryFolders() throws IOException {
    Path dir = tmp.resolve("store");
    DatasetWriter.write(smallStore(), dir);
    DatasetWriter.write(new DatasetBuilder().add(BehaviorEvent.of("u9", "p9", EventType.CLICK, 1)).build(), dir);
    assertThat(DatasetReader.read(dir).info().events()).isEqualTo(1);
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("store");
    }
  }

  @Test
  void truncatedColumnIsRejectedWithTheFileName() throws IOException {
    Path dir = tmp.resolve("store");
    DatasetWriter.write(smallStore(), dir);
    Path time = dir.resolve("events/time.i64");
    Files.write(time, java.util.Arrays.copyOf(Files.readAllBytes(time), 12));
    assertThatThrownBy(() -> DatasetReader.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("time.i64");
  }

  @Test
  void folderWithoutDatasetJsonIsNotADataset() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("half"));
    assertThatThrownBy(() -> DatasetReader.read(dir)).hasMessageContaining("dataset.json is missing");
  }

  @Test
  void outOfOrderTimesAreSortedStablyEvenWhenTheyDoNotPackIntoOneLong() {
    long[] times = {Long.MAX_VALUE / 2, -5, Long.MAX_VALUE / 2, -5, 0};
    int[] perm = TimeOrder.stablePermutation(times, times.length);
    assertThat(perm).containsExactly(1, 3, 4, 0, 2);
  }
}
