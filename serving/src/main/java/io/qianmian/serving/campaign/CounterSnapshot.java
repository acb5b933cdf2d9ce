package io.qianmian.serving.campaign;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The embedded counters compacted into one file: the state of {@link MemoryCounters} after every
 * journal file up to a sequence number, so that start-up reads this file and only the journal
 * files after it.
 *
 * <p>Layout: magic {@code QMCS}, format version, the last journal sequence covered, the counting
 * settings (a snapshot counted under other settings is not used), the counters, and a CRC32C of
 * everything before it. Written to a temporary file, fsynced, renamed over the previous snapshot
 * atomically and the directory fsynced: a crash leaves the old snapshot or the new one, never a mix.
 * The journal is never deleted, so a snapshot that fails its check only costs a full replay.
 */
final class CounterSnapshot {
  static final String FILE = "campaign-counters.snapshot";
  private static final int MAGIC = 0x514d4353; // "QMCS"
  private static final int VERSION = 1;

  private CounterSnapshot() {}

  /**
   * Counters read from a snapshot.
   *
   * @param counters the counters as of the end of journal file {@code sequence}
   * @param sequence the last journal file covered
   */
  record Loaded(MemoryCounters counters, long sequence) {}

  /**
   * Reads the snapshot in {@code dir}.
   *
   * @return the counters, or null when there is no snapshot
   * @throws IOException when the snapshot is unreadable, damaged or was counted under other settings
   */
  static Loaded read(Path dir, CounterSettings settings) throws IOException {
    Path file = dir.resolve(FILE);
    CRC32C crc = new CRC32C();
    try (InputStream raw = Files.newInputStream(file);
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc)) {
      DataInputStream in = new DataInputStream(checked);
      if (in.readInt() != MAGIC) {
        throw new IOException(file + ": not a campaign counter snapshot");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + ": snapshot format " + version + ", this server reads " + VERSION);
      }
      long sequence = in.readLong();
      long window = in.readLong();
      String zone = in.readUTF();
      if (window != settings.attributionWindow().toMillis() || !zone.equals(settings.zone().getId())) {
        throw new IOException(file + ": counted with attribution window " + window + " ms and time zone " + zone
            + ", now " + settings.attributionWindow().toMillis() + " ms and " + settings.zone().getId());
      }
      MemoryCounters counters = new MemoryCounters(settings);
      counters.readState(in);
      long computed = crc.getValue();
      long stored = in.readLong();
      if (stored != computed || in.read() != -1) {
        throw new IOException(file + ": damaged (checksum mismatch or trailing bytes)");
      }
      return new Loaded(counters, sequence);
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
      throw new IOException(file + ": damaged (cut short)", e);
    }
  }

  /**
   * Replaces the snapshot in {@code dir} with {@code counters}, as of the end of journal file
   * {@code sequence}, atomically and durably.
   */
  static void write(Path dir, MemoryCounters counters, long sequence, CounterSettings settings) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      CRC32C crc = new CRC32C();
      OutputStream raw = Channels.newOutputStream(ch);
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(sequence);
      out.writeLong(settings.attributionWindow().toMillis());
      out.writeUTF(settings.zone().getId());
      counters.writeState(out);
      out.flush();
      out.writeLong(crc.getValue());
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /** Makes the rename durable, where the file system lets a directory be opened. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the rename is then as durable as they make it.
    }
  }
}
