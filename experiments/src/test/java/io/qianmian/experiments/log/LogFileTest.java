package io.qianmian.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
  @TempDir Path dir;

  /** Lines of lengths that put the file's end anywhere in a block, across several blocks per commit. */
  private static byte[] lines(Random rnd, int count) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < count; k++) {
      s.append("{\"n\":").append(k).append(",\"pad\":\"").append("x".repeat(rnd.nextInt(3000))).append("\"}\n");
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void append(LogFile file, byte[] bytes) throws Exception {
    file.buffer(bytes.length).put(bytes);
    file.commit();
  }

  @Test
  void directAndCachedFilesHoldTheSameBytesOnceClosed() throws Exception {
    Random rnd = new Random(7);
    Path direct = dir.resolve("direct.jsonl");
    Path cached = dir.resolve("cached.jsonl");
    long expected = 0;
    try (LogFile d = LogFile.create(direct, true); LogFile c = LogFile.create(cached, false)) {
      for (int commit = 0; commit < 60; commit++) {
        byte[] bytes = lines(rnd, 1 + rnd.nextInt(4));
        append(d, bytes);
        append(c, bytes);
        expected += bytes.length;
        assertThat(d.size()).isEqualTo(expected);
      }
      assertThat(c.direct()).isFalse();
    }
    assertThat(Files.size(direct)).isEqualTo(expected);
    assertThat(Files.readAllBytes(direct)).isEqualTo(Files.readAllBytes(cached));
  }

  @Test
  void anOpenDirectFileEndsInAWholeBlockPaddedWithABlankLine() throws Exception {
    Path path = dir.resolve("open.jsonl");
    byte[] bytes = "{\"n\":1}\n".getBytes(StandardCharsets.US_ASCII);
    try (LogFile file = LogFile.create(path, true)) {
      assumeTrue(file.direct(), "this file system refuses direct I/O");
      append(file, bytes);
      append(file, bytes);
      long block = Files.getFileStore(dir).getBlockSize();
      byte[] onDisk = Files.readAllBytes(path);
      assertThat(onDisk.length).isEqualTo(block);
      String text = new String(onDisk, StandardCharsets.US_ASCII);
      assertThat(text).startsWith("{\"n\":1}\n{\"n\":1}\n").endsWith(" \n");
      assertThat(text.substring(2 * bytes.length).trim()).isEmpty();
    }
    assertThat(Files.readAllBytes(path)).hasSize(2 * bytes.length);
  }
}
