package io.qianmian.features.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Primitive columns as raw little-endian files (one array per file, its length implied by the file
 * size) and string columns as length-prefixed UTF-8. Loading maps the file and bulk-copies it, so a
 * column of millions of values loads in milliseconds.
 */
public final class Columns {
  private static final int CHUNK = 1 << 20;

  private Columns() {}

  public static void writeInts(Path file, int[] values) throws IOException {
    write(file, values.length * 4L, (buf, from, to) -> buf.asIntBuffer().put(values, from, to - from), values.length, 4);
  }

  public static void writeLongs(Path file, long[] values) throws IOException {
    write(file, values.length * 8L, (buf, from, to) -> buf.asLongBuffer().put(values, from, to - from), values.length, 8);
  }

  public static void writeFloats(Path file, float[] values) throws IOException {
    write(file, values.length * 4L, (buf, from, to) -> buf.asFloatBuffer().put(values, from, to - from), values.length, 4);
  }

  public static void writeBytes(Path file, byte[] values) throws IOException {
    Files.write(file, values);
  }

  public static int[] readInts(Path file) throws IOException {
    MappedByteBuffer buf = map(file, 4);
    int[] out = new int[buf.capacity() / 4];
    buf.asIntBuffer().get(out);
    return out;
  }

  public static long[] readLongs(Path file) throws IOException {
    MappedByteBuffer buf = map(file, 8);
    long[] out = new long[buf.capacity() / 8];
    buf.asLongBuffer().get(out);
    return out;
  }

  public static float[] readFloats(Path file) throws IOException {
    MappedByteBuffer buf = map(file, 4);
    float[] out = new float[buf.capacity() / 4];
    buf.asFloatBuffer().get(out);
    return out;
  }

  public static byte[] readBytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  /** Writes strings (nulls allowed) as a count, then each as a length (-1 for null) and UTF-8 bytes. */
  public static void writeStrings(Path file, String[] values) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(values.length);
      for (String v : values) {
        if (v == null) {
          out.writeInt(-1);
        } else {
          byte[] b = v.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      }
    }
  }

  public static String[] readStrings(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int n = in.readInt();
      if (n < 0) {
        throw new IOException(file + ": negative string count " + n);
      }
      String[] out = new String[n];
      byte[] b = new byte[256];
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        if (len < -1) {
          throw new IOException(file + ": bad string length " + len + " at entry " + i);
        }
        if (len == -1) {
          continue;
        }
        if (len > b.length) {
          b = new byte[Math.max(len, b.length * 2)];
        }
        in.readFully(b, 0, len);
        out[i] = new String(b, 0, len, StandardCharsets.UTF_8);
      }
      return out;
    } catch (EOFException e) {
      throw new IOException(file + " is truncated", e);
    }
  }

  @FunctionalInterface
  private interface ChunkWriter {
    void put(ByteBuffer buf, int from, int to);
  }

  private static void write(Path file, long bytes, ChunkWriter chunk, int n, int width) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK * width).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        buf.clear();
        chunk.put(buf, from, to);
        buf.limit((to - from) * width);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    }
  }

  private static MappedByteBuffer map(Path file, int width) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size % width != 0) {
        throw new IOException(file + " is truncated: " + size + " bytes is not a multiple of " + width);
      }
      MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      buf.order(ByteOrder.LITTLE_ENDIAN);
      return buf;
    }
  }
}
