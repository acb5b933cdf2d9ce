package io.qianmian.trainer.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model bundle that must not be served: incomplete, truncated, corrupted or of another format.
 * The message names the bundle and the file at fault.
 */
public final class InvalidBundleException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  InvalidBundleException(Path file, String message) {
    super(message);
    this.file = file;
  }

  InvalidBundleException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file at fault (or the bundle directory when it is the directory itself). */
  public Path file() {
    return file;
  }
}
