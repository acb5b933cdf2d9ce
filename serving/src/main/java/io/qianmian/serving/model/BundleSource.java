package io.qianmian.serving.model;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where bundles come from: a models directory with versions and a pointer to the current one. */
public interface BundleSource {
  /** The version the directory says to serve, if any (cheap: called on every poll). */
  Optional<String> currentVersion() throws IOException;

  /** Every version present, oldest first. */
  List<String> versions() throws IOException;

  /**
   * Loads and validates one version.
   *
   * @throws IOException when it is missing, incomplete or corrupt (the message names the file)
   */
  Bundle load(String version) throws IOException;
}
