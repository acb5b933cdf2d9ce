package io.qianmian.features.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ids exactly as a dictionary file holds them (see {@link io.qianmian.features.io.Columns#writeStrings}:
 * a big-endian count, then each id as a big-endian length, -1 for null, and its UTF-8 bytes), with
 * where each id's bytes start. Reading one is one read and one pass; writing one is one write.
 *
 * @param bytes the file's bytes; only the first {@code length} count
 * @param length how many bytes are used
 * @param starts where the bytes of id {@code i} start (its length is the 4 bytes before), -1 for null
 * @param size how many ids
 */
record PackedIds(byte[] bytes, int length, int[] starts, int size) {
  /** The id at {@code i}. */
  String decode(int i) {
    int s = starts[i];
    if (s < 0) {
      return null;
    }
    int len = lengthBefore(bytes, s);
    for (int k = s; k < s + len; k++) {
      if (bytes[k] < 0) {
        return new String(bytes, s, len, StandardCharsets.UTF_8);
      }
    }
    // ASCII: one byte per char, the cheapest decoding.
    return new String(bytes, s, len, StandardCharsets.ISO_8859_1);
  }

  /** The big-endian int in the 4 bytes before {@code at}. */
  static int lengthBefore(byte[] b, int at) {
    return (b[at - 4] & 0xff) << 24 | (b[at - 3] & 0xff) << 16 | (b[at - 2] & 0xff) << 8 | (b[at - 1] & 0xff);
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** Reads a dictionary file, checking every length against the file size. */
  static PackedIds read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses the bytes of a dictionary file, {@code source} naming it in errors. */
  static PackedIds parse(byte[] b, String source) throws IOException {
    if (b.length < 4) {
      throw new IOException(source + " is truncated");
    }
    int n = lengthBefore(b, 4);
    if (n < 0) {
      throw new IOException(source + ": negative string count " + n);
    }
    int[] starts = new int[n];
    int at = 4;
    for (int i = 0; i < n; i++) {
      if (at + 4 > b.length) {
        throw new IOException(source + " is truncated");
      }
      int len = lengthBefore(b, at + 4);
      at += 4;
      if (len < -1) {
        throw new IOException(source + ": bad string length " + len + " at entry " + i);
      }
      if (len == -1) {
        starts[i] = -1;
        continue;
      }
      if (len > b.length - at) {
        throw new IOException(source + " is truncated");
      }
      starts[i] = at;
      at += len;
    }
    return new PackedIds(b, b.length, starts, n);
  }

  /** Writes the file. */
  void write(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }
}
