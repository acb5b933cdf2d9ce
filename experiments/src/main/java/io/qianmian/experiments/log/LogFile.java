package io.qianmian.experiments.log;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The log file being appended to: {@link #buffer} takes a group's bytes, {@link #commit} writes
 * and syncs them. Owned by the log's writer thread.
 *
 * <p>Where the file system allows, the file is written with direct I/O, past the page cache. The
 * server writes the log at the rate of its answers (tens of MB/s) and analysis reads it seldom, so
 * cached, its pages would only crowd out the model's mapped files; and on a virtual machine a
 * cache growing into memory the guest has not touched yet pays a host fault per page (the copy
 * into the cache ran at 0.46 GB/s there, against 5 GB/s into reused pages). Direct writes are
 * whole aligned blocks: the block the file ends in stays in memory and is written again, with what
 * follows it, by the next commit, so acknowledged bytes are rewritten only with themselves. Until
 * then the block is padded past the file's end with spaces and a newline: {@link #close()}
 * truncates the padding, and after a crash the reader skips it as a blank last line. A reader of
 * the file being written may catch a block mid-rewrite and count a line there as malformed, as it
 * may count a half-written last line of a cached file; read again, the file is whole. Where direct
 * I/O is refused (tmpfs, some network file systems), the file is written through the page cache.
 */
final class LogFile implements AutoCloseable {
  private static final int MIN_BLOCK = 512;
  private static final int MAX_BLOCK = 64 << 10;

  private final FileChannel ch;
  private final int block; // 0 when written through the page cache
  private ByteBuffer buf; // direct, aligned to the block when block > 0
  private int tail; // direct I/O: bytes of the last partial block, at the start of buf
  private long tailStart; // direct I/O: where that block starts in the file
  private long size; // the file's bytes, padding not counted

  private LogFile(FileChannel ch, int block) {
    this.ch = ch;
    this.block = block;
  }

  /** Creates {@code file} (it must not exist), written with direct I/O when asked and possible. */
  static LogFile create(Path file, boolean direct) throws IOException {
    int block = direct ? directBlock(file.getParent()) : 0;
    if (block > 0) {
      try {
        return new LogFile(
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT),
            block);
      } catch (IOException | UnsupportedOperationException e) {
        Files.deleteIfExists(file); // created before the file system refused the flag
      }
    }
    return new LogFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 0);
  }

  /** The alignment direct I/O needs in {@code dir}'s file system, or 0 when it cannot tell. */
  private static int directBlock(Path dir) {
    try {
      long b = Files.getFileStore(dir).getBlockSize();
      return b >= MIN_BLOCK && b <= MAX_BLOCK && Long.bitCount(b) == 1 ? (int) b : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }

  /** Whether this file is written with direct I/O. */
  boolean direct() {
    return block > 0;
  }

  /** The file's length in bytes of records. */
  long size() {
    return size;
  }

  /** A buffer with room for {@code bytes} more, positioned where they go; then call {@link #commit}. */
  ByteBuffer buffer(long bytes) {
    long need = tail + bytes + block;
    if (buf == null || buf.capacity() < need) {
      if (need > Integer.MAX_VALUE - 2L * MAX_BLOCK) {
        throw new IllegalArgumentException("a group of " + bytes + " bytes is too large for one write");
      }
      // Groups are bounded (the log's MAX_GROUP_BYTES plus one batch), so the buffer stops growing.
      ByteBuffer grown = allocate((int) Math.max(need, Math.min(8L << 20, 2 * need)));
      if (buf != null) {
        grown.put(0, buf, 0, tail);
      }
      buf = grown;
    }
    return buf.clear().position(tail);
  }

  private ByteBuffer allocate(int capacity) {
    if (block == 0) {
      return ByteBuffer.allocateDirect(capacity);
    }
    return ByteBuffer.allocateDirect(capacity + 2 * block).alignedSlice(block);
  }

  /** Writes what was put into {@link #buffer} since, then syncs the file. */
  void commit() throws IOException {
    int end = buf.position();
    if (block == 0) {
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
      size += end;
      return;
    }
    int padded = (end + block - 1) / block * block;
    if (padded > end) {
      for (int k = end; k < padded - 1; k++) {
        buf.put(k, (byte) ' ');
      }
      buf.put(padded - 1, (byte) '\n');
    }
    buf.limit(padded).position(0);
    long at = tailStart;
    while (buf.hasRemaining()) {
      at += ch.write(buf, at);
    }
    ch.force(false);
    size = tailStart + end;
    int full = end / block * block;
    tail = end - full;
    tailStart += full;
    buf.put(0, buf, full, tail);
  }

  /** Truncates the padding (direct I/O) and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      if (block > 0 && ch.size() > size) {
        ch.truncate(size);
        ch.force(false);
      }
    } finally {
      ch.close();
    }
  }
}
