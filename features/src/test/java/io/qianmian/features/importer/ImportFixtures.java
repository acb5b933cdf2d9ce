package io.qianmian.features.importer;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The hand-written fixtures under src/test/resources/importer and small helpers around them. */
final class ImportFixtures {
  private ImportFixtures() {}

  /** A fixture folder or file, e.g. {@code movielens-100k}. */
  static Path fixture(String name) {
    try {
      return Path.of(ImportFixtures.class.getResource("/importer/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Imported load(ImportRequest request) throws IOException {
    return Importers.load(request, Progress.NONE);
  }

  static Imported load(ImportFormat format, Path input) throws IOException {
    return load(ImportRequest.of(format, input));
  }

  /** Every event of the dataset as records, in the dataset's (time) order. */
  static List<BehaviorEvent> events(Dataset d) {
    List<BehaviorEvent> out = new ArrayList<>();
    for (int r = 0; r < d.events().size(); r++) {
      out.add(d.event(r));
    }
    return out;
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static Path gzip(Path file, byte[] content) {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
