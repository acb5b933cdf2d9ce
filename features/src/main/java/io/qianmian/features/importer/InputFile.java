package io.qianmian.features.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * An input file opened for reading, plain or gzip (told by the magic bytes, so a misnamed file
 * still reads), counting the bytes taken from disk so that progress can be shown against the file
 * size also for compressed files.
 */
final class InputFile extends FilterInputStream {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final Counter counter;

  private InputFile(InputStream in, Counter counter) {
    super(in);
    this.counter = counter;
  }

  /** Opens {@code file}, decompressing if it is gzip. */
  static InputFile open(Path file) throws IOException {
    Counter counter = new Counter(Files.newInputStream(file));
    try {
      PushbackInputStream peek = new PushbackInputStream(counter, 2);
      int b1 = peek.read();
      int b2 = b1 < 0 ? -1 : peek.read();
      if (b2 >= 0) {
        peek.unread(b2);
      }
      if (b1 >= 0) {
        peek.unread(b1);
      }
      InputStream in = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2 ? new GZIPInputStream(peek, 1 << 16) : peek;
      return new InputFile(in, counter);
    } catch (IOException | RuntimeException e) {
      counter.close();
      throw e;
    }
  }

  /** Bytes read from disk so far (compressed bytes for gzip). */
  long consumed() {
    return counter.count;
  }

  /**
   * {@code folder/name}, or {@code folder/name.gz} when only that exists; empty when neither does.
   */
  static Optional<Path> find(Path folder, String name) {
    Path plain = folder.resolve(name);
    if (Files.isRegularFile(plain)) {
      return Optional.of(plain);
    }
    Path gz = folder.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
  }

  /** Like {@link #find} for a file that must be there. */
  static Path require(Path folder, String name, String what) throws IOException {
    return find(folder, name)
        .orElseThrow(() -> new NoSuchFileException(folder.resolve(name) + " (" + what + "; " + name + ".gz is read too)"));
  }

  private static final class Counter extends FilterInputStream {
    long count;

    Counter(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      count += k;
      return k;
    }
  }
}
