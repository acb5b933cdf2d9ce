package io.qianmian.serving;

import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.BundleSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Bundles from a models directory written by the trainer (pending the trainer's bundle reader). */
final class DirectoryBundles implements BundleSource {
  private final Path dir;

  DirectoryBundles(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<String> currentVersion() {
    return Optional.empty();
  }

  @Override
  public List<String> versions() {
    return List.of();
  }

  @Override
  public Bundle load(String version) throws IOException {
    throw new IOException("cannot read bundles in " + dir + " yet");
  }
}
