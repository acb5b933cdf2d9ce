package io.qianmian.trainer.bundle;

import io.qianmian.features.io.Columns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * File names of the bundle format, shared by {@link BundleWriter} and {@link ModelBundle} so that
 * the two cannot drift apart. Layout (format 1), all numbers little-endian:
 *
 * <pre>
 * manifest.json                     {@link BundleManifest}, written last
 * users.str                         user ids by dense index (count, then length-prefixed UTF-8)
 * catalog/                          the catalog as a dataset with no events and no users (its
 *                                   dict/items.str is the item dictionary)
 * factors/users.f32, items.f32      latent factors, row-major (only when rank &gt; 0)
 * similar/LISTS                     item neighbor lists, one row per item
 * candidates/LISTS, model.i8        per-user candidates and the code of the model that ranked them
 * popular/global/LISTS              one row: most popular items of the store
 * popular/trending/LISTS            one row: recent, decayed popularity
 * popular/category/LISTS            one row per category index of the catalog (rolled up to parents)
 * popular/segment/LISTS             one row per segment of segments/names.str
 * segments/names.str, user.i32      segment names and each user's segment (-1 none)
 * purchases/offsets.i32, items.i32, times.i64   recent purchases per user, oldest first
 * purchases/cycle.i64               per item: repurchase cycle in ms (-1 never again, 0 none)
 * profiles/                         copy of the user-profile directory, when one was given
 *
 * LISTS = offsets.i32 (rows + 1), items.i32, scores.f32 (see {@link RankedLists})
 * </pre>
 */
final class BundleLayout {
  static final String MANIFEST = "manifest.json";
  static final String USERS = "users.str";
  static final String CATALOG = "catalog";
  static final String USER_FACTORS = "factors/users.f32";
  static final String ITEM_FACTORS = "factors/items.f32";
  static final String SIMILAR = "similar";
  static final String CANDIDATES = "candidates";
  static final String CANDIDATE_MODEL = "candidates/model.i8";
  static final String POPULAR_GLOBAL = "popular/global";
  static final String POPULAR_TRENDING = "popular/trending";
  static final String POPULAR_CATEGORY = "popular/category";
  static final String POPULAR_SEGMENT = "popular/segment";
  static final String SEGMENT_NAMES = "segments/names.str";
  static final String SEGMENT_OF_USER = "segments/user.i32";
  static final String PURCHASE_OFFSETS = "purchases/offsets.i32";
  static final String PURCHASE_ITEMS = "purchases/items.i32";
  static final String PURCHASE_TIMES = "purchases/times.i64";
  static final String PURCHASE_CYCLE = "purchases/cycle.i64";
  static final String PROFILES = "profiles";

  private static final String OFFSETS = "/offsets.i32";
  private static final String ITEMS = "/items.i32";
  private static final String SCORES = "/scores.f32";

  private BundleLayout() {}

  static void writeLists(Path root, String name, RankedLists lists) throws IOException {
    Files.createDirectories(root.resolve(name));
    Columns.writeInts(root.resolve(name + OFFSETS), lists.offsets());
    Columns.writeInts(root.resolve(name + ITEMS), lists.items());
    Columns.writeFloats(root.resolve(name + SCORES), lists.scores());
  }

  /** Reads lists, checking that they have {@code rows} rows and item indexes below {@code items}. */
  static RankedLists readLists(Path root, VerifiedFiles files, String name, int rows, int items) throws IOException {
    checkLists(root, files, name, rows, items);
    try {
      return new RankedLists(files.ints(name + OFFSETS), files.ints(name + ITEMS), files.floats(name + SCORES));
    } catch (IllegalArgumentException e) {
      throw invalid(root, name + OFFSETS, "does not match its items and scores: " + e.getMessage());
    }
  }

  /** Reads lists whose entries were loaded as {@link #mapped}, checked as {@link #readLists}. */
  static StoredLists readStoredLists(Path root, VerifiedFiles files, String name, int rows, int items) throws IOException {
    checkLists(root, files, name, rows, items);
    try {
      return new StoredLists(files.ints(name + OFFSETS), files.intBuffer(name + ITEMS), files.floatBuffer(name + SCORES));
    } catch (IllegalArgumentException e) {
      throw invalid(root, name + OFFSETS, "does not match its items and scores: " + e.getMessage());
    }
  }

  private static void checkLists(Path root, VerifiedFiles files, String name, int rows, int items) throws IOException {
    int offsets = files.ints(name + OFFSETS).length;
    if (offsets != rows + 1) {
      throw invalid(root, name + OFFSETS, "has " + offsets + " offsets, expected " + (rows + 1));
    }
    if (!files.allWithin(name + ITEMS, 0, items - 1)) {
      // Rare: scan again only to name the first bad entry.
      checkItems(root, name + ITEMS, files.intBuffer(name + ITEMS), items);
    }
  }

  /**
   * Whether a file is left in its mapping when loaded rather than copied into the heap: the columns
   * with an entry per user, which hold most of a large store's bundle.
   */
  static boolean mapped(String file) {
    return file.equals(USER_FACTORS) || file.equals(CANDIDATES + ITEMS) || file.equals(CANDIDATES + SCORES);
  }

  static void checkItems(Path root, String file, IntBuffer entries, int items) throws InvalidBundleException {
    for (int k = 0; k < entries.limit(); k++) {
      int i = entries.get(k);
      if (i < 0 || i >= items) {
        throw invalid(root, file, "has item index " + i + " at entry " + k + ", outside 0.." + (items - 1));
      }
    }
  }

  /** A file's path below {@code dir}, {@code /}-separated as in the manifest. */
  static String relativeName(Path dir, Path file) {
    return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** A file's size, SHA-256 and CRC-32C, from one read of it. */
  static BundleManifest.FileEntry fingerprint(Path file) throws IOException {
    MessageDigest md = VerifiedFiles.sha256();
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long size = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) > 0 || buf.position() > 0) {
        buf.flip();
        md.update(buf.array(), 0, buf.limit());
        crc.update(buf.array(), 0, buf.limit());
        size += buf.limit();
        buf.clear();
      }
    }
    return new BundleManifest.FileEntry(size, HexFormat.of().formatHex(md.digest()), crc32cHex(crc));
  }

  static String crc32cHex(CRC32C crc) {
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  static InvalidBundleException invalid(Path root, String file, String problem) {
    return new InvalidBundleException(root.resolve(file), "model bundle " + root + " is invalid: " + file + " " + problem);
  }
}
