package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReaderTest {
  @TempDir Path dir;

  private static final String EXPOSURE =
      "{\"kind\":\"exposure\",\"requestId\":\"r1\",\"time\":1,\"userId\":\"u1\",\"experiments\":[{\"experimentId\":\"e\",\"variant\":\"a\"}]}";
  private static final String OUTCOME = "{\"kind\":\"outcome\",\"userId\":\"u1\",\"type\":\"click\",\"itemId\":\"p1\",\"timestamp\":2}";

  @Test
  void aTornLastLineIsSkippedAndReportedWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("events-2026-11-25-000001.jsonl"), EXPOSURE + "\n" + OUTCOME.substring(0, 30));
    EventLogReader.Summary summary = EventLogReader.read(dir, r -> {});
    assertThat(summary.records()).isEqualTo(1);
    assertThat(summary.malformedLines()).isEqualTo(1);
    assertThat(summary.malformed().getFirst().toString()).isEqualTo("events-2026-11-25-000001.jsonl:2: torn line at end of file (no newline)");
  }

  @Test
  void aCompleteRecordWithoutItsNewlineIsTornToo() throws Exception {
    // The writer acknowledges only after the newline is on disk; without it the write was cut.
    Files.writeString(dir.resolve("events-2026-11-25-000001.jsonl"), EXPOSURE);
    assertThat(EventLogReader.read(dir, r -> {}).malformedLines()).isEqualTo(1);
  }

  @Test
  void malformedLinesAreCountedAndTheRestIsRead() throws Exception {
    Files.writeString(
        dir.resolve("events-2026-11-25-000001.jsonl"),
        String.join(
            "\n",
            EXPOSURE,
            "not json",
            "",
            "{\"kind\":\"outcome\",\"userId\":\"u1\",\"type\":\"teleport\",\"itemId\":\"p\",\"timestamp\":1}",
            "{\"kind\":\"exposure\",\"time\":1,\"userId\":\"u1\"}",
            OUTCOME)
            + "\n");
    EventLogReader.Summary summary = EventLogReader.read(dir, r -> {});
    assertThat(summary.records()).isEqualTo(2);
    assertThat(summary.malformedLines()).isEqualTo(4);
    assertThat(summary.malformed()).extracting(EventLogReader.Malformed::line).containsExactly(2L, 3L, 4L, 5L);
    assertThat(summary.malformed().get(2).reason()).contains("teleport");
    assertThat(summary.malformed().get(3).reason()).contains("requestId is required");
  }

  @Test
  void aBlankLastLineIsTheDirectWritersPaddingAndNotCounted() throws Exception {
    Files.writeString(dir.resolve("events-2026-11-25-000001.jsonl"), EXPOSURE + "\n" + OUTCOME + "\n" + " ".repeat(37) + "\n");
    Files.writeString(dir.resolve("events-2026-11-25-000002.jsonl"), OUTCOME + "\n\n");
    EventLogReader.Summary summary = EventLogReader.read(dir, r -> {});
    assertThat(summary.records()).isEqualTo(3);
    assertThat(summary.malformedLines()).isZero();
  }

  @Test
  void aBlankLineBeforeTheLastStillCounts() throws Exception {
    Files.writeString(dir.resolve("events-2026-11-25-000001.jsonl"), EXPOSURE + "\n   \n" + OUTCOME + "\n");
    EventLogReader.Summary summary = EventLogReader.read(dir, r -> {});
    assertThat(summary.records()).isEqualTo(2);
    assertThat(summary.malformed()).extracting(EventLogReader.Malformed::line).containsExactly(2L);
  }

  @Test
  void aBatchCutShortByACrashIsSkippedWhole() throws Exception {
    Files.writeString(
        dir.resolve("events-2026-11-25-000001.jsonl"), OUTCOME + "\n{\"batch\":3}\n" + EXPOSURE + "\n" + OUTCOME + "\n" + OUTCOME.substring(0, 9));
    EventLogReader.Summary summary = EventLogReader.read(dir, r -> {});
    assertThat(summary.records()).isEqualTo(1);
    // The header, two complete records of the cut batch and the torn line.
    assertThat(summary.malformedLines()).isEqualTo(4);
    assertThat(summary.malformed()).extracting(EventLogReader.Malformed::reason).anyMatch(r -> r.contains("incomplete batch: 2 of 3"));
  }

  @Test
  void filesAreReadInSequenceOrderAndOtherFilesIgnored() throws Exception {
    Files.writeString(dir.resolve("events-2026-11-26-000010.jsonl"), OUTCOME + "\n");
    Files.writeString(dir.resolve("events-2026-11-25-000002.jsonl"), EXPOSURE + "\n");
    Files.writeString(dir.resolve("notes.txt"), "hello\n");
    List<LogRecord> all = EventLogReader.readAll(dir);
    assertThat(all).extracting(r -> r.getClass().getSimpleName()).containsExactly("Exposure", "Outcome");
  }

  @Test
  void aMissingDirectoryIsAnError() {
    assertThatThrownBy(() -> EventLogReader.read(dir.resolve("nope"), r -> {})).isInstanceOf(NoSuchFileException.class);
  }
}
