package io.qianmian.trainer.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The files of a bundle, each read exactly once: hashed and decoded in the same pass, on all cores,
 * largest first. Reading twice (hash, then load) would double the time the server waits for a large
 * bundle. Files below {@code catalog/} and {@code profiles/} are only checked, in place: their own
 * readers load them afterwards.
 *
 * <p>The columns the caller names as mapped (the per-user ones that grow with the store: candidate
 * lists, user factors) are not copied at all: they are checked in place and served from the page
 * cache through read-only buffers, so a million users' bundle costs no heap for them and no copy at
 * start-up. Bundles are immutable once published, which is what makes mapping them safe.
 */
final class VerifiedFiles {
  private static final int CHUNK = 1 << 20;
  /** Mapped a window at a time (a multiple of CHUNK and of every value width). */
  private static final long MAP_WINDOW = 1L << 30;
  /** Mapped int columns have their value range scanned in slices of this many bytes, in parallel. */
  private static final long RANGE_SLICE = 32L << 20;
  /**
   * Largest column kept as one mapping (a buffer is int-indexed, and chunk offsets stay below the
   * int range); larger ones are copied into heap arrays.
   */
  private static final long MAX_MAPPED = Integer.MAX_VALUE - CHUNK;
  private final Map<String, Object> content;

  private VerifiedFiles(Map<String, Object> content) {
    this.content = content;
  }

  /**
   * Checks that exactly the manifest's files are present with their sizes and checksums (CRC-32C;
   * SHA-256 for bundles written before the CRC) and returns their decoded content.
   */
  static VerifiedFiles load(Path dir, BundleManifest manifest, Predicate<String> mapped) throws IOException {
    checkListing(dir, manifest);
    List<Map.Entry<String, BundleManifest.FileEntry>> bySize = new ArrayList<>(manifest.files().entrySet());
    bySize.sort(Comparator.comparingLong((Map.Entry<String, BundleManifest.FileEntry> e) -> e.getValue().size()).reversed());
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), bySize.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "bundle-load");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Decoded>> tasks = new ArrayList<>();
      Map<String, List<Future<Range>>> ranges = new HashMap<>();
      for (Map.Entry<String, BundleManifest.FileEntry> e : bySize) {
        String name = e.getKey();
        Path file = dir.resolve(name);
        long size = e.getValue().size();
        boolean inPlace = checkedOnly(name) || (mapped.test(name) && size <= MAX_MAPPED);
        tasks.add(pool.submit(() -> inPlace ? readInPlace(file, name, e.getValue()) : read(file, name, e.getValue())));
        if (inPlace && !checkedOnly(name) && name.endsWith(".i32")) {
          // The range scan of a large mapped column is split from its (sequential) checksum so
          // both cores share the largest file instead of one core waiting on it.
          List<Future<Range>> slices = new ArrayList<>();
          for (long from = 0; from < size; from += RANGE_SLICE) {
            long at = from;
            slices.add(pool.submit(() -> range(file, at, Math.min(RANGE_SLICE, size - at))));
          }
          ranges.put(name, slices);
        }
      }
      Map<String, Object> content = new HashMap<>();
      for (int k = 0; k < bySize.size(); k++) {
        String name = bySize.get(k).getKey();
        BundleManifest.FileEntry entry = bySize.get(k).getValue();
        String expected = entry.crc32c() != null ? entry.crc32c() : entry.sha256();
        Decoded d = tasks.get(k).get();
        if (!d.checksum().equalsIgnoreCase(expected)) {
          throw BundleLayout.invalid(dir, name, "is corrupt: its " + (entry.crc32c() != null ? "CRC-32C" : "SHA-256") + " is "
              + d.checksum() + ", " + BundleLayout.MANIFEST + " says " + expected);
        }
        Object value = d.value();
        if (value instanceof ByteBuffer mapping) {
          Range r = Range.EMPTY;
          for (Future<Range> slice : ranges.getOrDefault(name, List.of())) {
            r = r.with(slice.get());
          }
          value = new MappedColumn(mapping, r);
        }
        if (value != null) {
          content.put(name, value);
        }
      }
      return new VerifiedFiles(content);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading model bundle " + dir, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("cannot load model bundle " + dir, e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  int[] ints(String name) {
    return ((IntColumn) get(name)).values();
  }

  /**
   * An int column as a buffer: mapped when it was loaded as mapped, else over its heap array. Read
   * it with absolute gets only: the buffer is shared.
   */
  IntBuffer intBuffer(String name) {
    return get(name) instanceof MappedColumn m ? m.bytes().asIntBuffer() : IntBuffer.wrap(ints(name)).asReadOnlyBuffer();
  }

  /** A float column as a buffer, as {@link #intBuffer}. */
  FloatBuffer floatBuffer(String name) {
    return get(name) instanceof MappedColumn m ? m.bytes().asFloatBuffer() : FloatBuffer.wrap(floats(name)).asReadOnlyBuffer();
  }

  /** Whether every value of the int column {@code name} lies in {@code [min, max]}. */
  boolean allWithin(String name, int min, int max) {
    return switch (get(name)) {
      case IntColumn c -> c.range().within(min, max);
      case MappedColumn m -> m.range().within(min, max);
      default -> throw new IllegalStateException(name + " is not an int column");
    };
  }

  float[] floats(String name) {
    return (float[]) get(name);
  }

  long[] longs(String name) {
    return (long[]) get(name);
  }

  byte[] bytes(String name) {
    return (byte[]) get(name);
  }

  /**
   * A string column ({@code Columns.writeStrings}: a big-endian count, then each length, -1 for
   * null, and UTF-8), decoded when asked: string files stay bytes while loading, since the largest,
   * the users' ids, is kept as bytes ({@code IdDictionary.parse}).
   */
  String[] strings(String name) throws IOException {
    byte[] bytes = bytes(name);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      int n = b.getInt();
      if (n < 0) {
        throw new IOException(name + ": negative string count " + n);
      }
      String[] out = new String[n];
      for (int k = 0; k < n; k++) {
        int len = b.getInt();
        if (len >= 0) {
          out[k] = new String(bytes, b.position(), len, StandardCharsets.UTF_8);
          b.position(b.position() + len);
        } else if (len != -1) {
          throw new IOException(name + ": bad string length " + len + " at entry " + k);
        }
      }
      return out;
    } catch (RuntimeException e) {
      throw new IOException(name + " is truncated", e);
    }
  }

  private Object get(String name) {
    Object v = content.get(name);
    if (v == null) {
      // Only reachable when the manifest lacks a file every bundle of this format has.
      throw new IllegalStateException(name + " was not loaded");
    }
    return v;
  }

  private static void checkListing(Path dir, BundleManifest manifest) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = BundleLayout.relativeName(dir, p);
        if (!rel.equals(BundleLayout.MANIFEST) && !manifest.files().containsKey(rel)) {
          throw BundleLayout.invalid(dir, rel, "is not listed in " + BundleLayout.MANIFEST);
        }
      }
    }
    for (Map.Entry<String, BundleManifest.FileEntry> e : manifest.files().entrySet()) {
      Path f = dir.resolve(e.getKey());
      if (!Files.isRegularFile(f)) {
        throw BundleLayout.invalid(dir, e.getKey(), "is missing (the bundle is incomplete)");
      }
      long size = Files.size(f);
      long expected = e.getValue().size();
      if (size != expected) {
        throw BundleLayout.invalid(
            dir, e.getKey(), (size < expected ? "is truncated: " : "has the wrong size: ") + size + " bytes, " + BundleLayout.MANIFEST + " says " + expected);
      }
    }
  }

  private record Decoded(String checksum, Object value) {}

  /**
   * Checks a file's checksum where it lies, over its mapping of the page cache. The mapping itself
   * is the column, unless the file is only checked here (then it may span several windows).
   */
  private static Decoded readInPlace(Path file, String name, BundleManifest.FileEntry entry) throws IOException {
    CRC32C crc = entry.crc32c() != null ? new CRC32C() : null;
    MessageDigest md = crc == null ? sha256() : null;
    boolean keep = !checkedOnly(name);
    ByteBuffer kept = null;
    // A kept column is one mapping (the caller routes only files up to MAX_MAPPED here); a file that
    // is only checked is mapped a window at a time.
    long window = keep ? Math.max(entry.size(), 1) : MAP_WINDOW;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long from = 0; from < entry.size(); from += window) {
        ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(window, entry.size() - from));
        if (crc != null) {
          crc.update(map.duplicate());
        } else {
          md.update(map.duplicate());
        }
        kept = map;
      }
    }
    String checksum = crc != null ? BundleLayout.crc32cHex(crc) : HexFormat.of().formatHex(md.digest());
    if (!keep) {
      return new Decoded(checksum, null);
    }
    ByteBuffer column = kept == null ? ByteBuffer.allocate(0) : kept.asReadOnlyBuffer();
    // load() pairs the mapping with the value range its slices' scans found.
    return new Decoded(checksum, column.order(ByteOrder.LITTLE_ENDIAN));
  }

  /** The least and greatest value of a slice of a little-endian int column, over its mapping. */
  private static Range range(Path file, long from, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      IntBuffer ints = ch.map(FileChannel.MapMode.READ_ONLY, from, length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      // Copied a chunk at a time into a small array, which the JIT scans with vector instructions.
      int[] scratch = new int[CHUNK / 4];
      Range r = Range.EMPTY;
      for (int at = 0; at < ints.limit(); at += scratch.length) {
        int n = Math.min(scratch.length, ints.limit() - at);
        ints.get(at, scratch, 0, n);
        r = r.with(Range.of(scratch, 0, n));
      }
      return r;
    }
  }

  /** An int column's value range; {@link #EMPTY} (min above max) for no values. */
  record Range(int min, int max) {
    static final Range EMPTY = new Range(Integer.MAX_VALUE, Integer.MIN_VALUE);

    /** The range of {@code values[from, to)}. */
    static Range of(int[] values, int from, int to) {
      int lo = Integer.MAX_VALUE;
      int hi = Integer.MIN_VALUE;
      for (int k = from; k < to; k++) {
        lo = Math.min(lo, values[k]);
        hi = Math.max(hi, values[k]);
      }
      return new Range(lo, hi);
    }

    Range with(Range o) {
      return new Range(Math.min(min, o.min), Math.max(max, o.max));
    }

    /** Whether every value lies in {@code [lo, hi]} (true for no values). */
    boolean within(int lo, int hi) {
      return min > max || (min >= lo && max <= hi);
    }
  }

  /** Files whose own readers load them afterwards: only their checksums are checked here. */
  private static boolean checkedOnly(String name) {
    return name.startsWith(BundleLayout.CATALOG + "/") || name.startsWith(BundleLayout.PROFILES + "/");
  }

  private static Decoded read(Path file, String name, BundleManifest.FileEntry entry) throws IOException {
    long size = entry.size();
    // The CRC when the manifest has one (hardware, ~10× faster), else the SHA-256 of older bundles.
    CRC32C crc = entry.crc32c() != null ? new CRC32C() : null;
    MessageDigest md = crc == null ? sha256() : null;
    Sink sink = sink(name, size);
    // Mapped, then copied a chunk at a time into one heap array that is both checked and decoded:
    // one pass over the page cache, no second copy through a direct buffer.
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(size, 8))];
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long at = 0; at < size; at += MAP_WINDOW) {
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(MAP_WINDOW, size - at));
        while (map.hasRemaining()) {
          int n = Math.min(chunk.length, map.remaining());
          map.get(chunk, 0, n);
          if (crc != null) {
            crc.update(chunk, 0, n);
          } else {
            md.update(chunk, 0, n);
          }
          view.clear().limit(n);
          sink.accept(view);
        }
      }
    }
    return new Decoded(crc != null ? BundleLayout.crc32cHex(crc) : HexFormat.of().formatHex(md.digest()), sink.value());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Decodes a file chunk by chunk into the array its extension names. */
  private interface Sink {
    void accept(ByteBuffer chunk);

    Object value() throws IOException;
  }

  private static Sink sink(String name, long size) {
    if (name.endsWith(".i32")) {
      int[] out = new int[(int) (size / 4)];
      return new IntSink(out);
    }
    if (name.endsWith(".f32")) {
      float[] out = new float[(int) (size / 4)];
      return new ArraySink(out, (buf, at) -> {
        int n = buf.remaining() / 4;
        buf.asFloatBuffer().get(out, at, n);
        return n;
      });
    }
    if (name.endsWith(".i64")) {
      long[] out = new long[(int) (size / 8)];
      return new ArraySink(out, (buf, at) -> {
        int n = buf.remaining() / 8;
        buf.asLongBuffer().get(out, at, n);
        return n;
      });
    }
    byte[] out = new byte[(int) size];
    ArraySink raw = new ArraySink(out, (buf, at) -> {
      int n = buf.remaining();
      buf.get(out, at, n);
      return n;
    });
    return raw;
  }

  @FunctionalInterface
  private interface Copier {
    int copy(ByteBuffer chunk, int at);
  }

  private static final class ArraySink implements Sink {
    private final Object array;
    private final Copier copier;
    private int at;

    ArraySink(Object array, Copier copier) {
      this.array = array;
      this.copier = copier;
    }

    @Override
    public void accept(ByteBuffer chunk) {
      at += copier.copy(chunk, at);
    }

    @Override
    public Object value() {
      return array;
    }
  }

  /**
   * An int column that also notes its smallest and largest value while the chunk is hot in cache,
   * so that index columns are range-checked on the loading threads instead of in a second pass.
   */
  private static final class IntSink implements Sink {
    private final int[] out;
    private int at;
    private Range range = Range.EMPTY;

    IntSink(int[] out) {
      this.out = out;
    }

    @Override
    public void accept(ByteBuffer chunk) {
      int n = chunk.remaining() / 4;
      chunk.asIntBuffer().get(out, at, n);
      range = range.with(Range.of(out, at, at + n));
      at += n;
    }

    @Override
    public Object value() {
      return new IntColumn(out, range);
    }
  }

  /** A decoded int column with its value range. */
  record IntColumn(int[] values, Range range) {}

  /** A column left in its mapping, little-endian; the range is that of its ints (.i32 only). */
  private record MappedColumn(ByteBuffer bytes, Range range) {}
}
