package io.qianmian.features.profile;

/** A configuration that cannot be used; the message names the file, line and key. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }
}
