package io.qianmian.serving.console;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code qianmian.console} keys of the server's configuration (documented in {@code
 * application.yaml}). The console is on only when credentials are configured: a user with a
 * password hash, or a token hash, or both.
 *
 * @param user the login name, empty when only the token logs in
 * @param passwordHash the user's password hash, or null
 * @param tokenHash the access token's hash, or null
 * @param sessionTtl how long a login lasts
 * @param reportDir the output of {@code qianmian report} (its {@code metrics.json}), or null
 * @param experimentReports a folder of {@code qianmian experiments analyze} outputs, or null
 * @param analysisTtl how long an experiment analysis of the live log is reused
 */
record ConsoleSettings(
    String user, PasswordHash passwordHash, PasswordHash tokenHash, Duration sessionTtl, Path reportDir,
    Path experimentReports, Duration analysisTtl) {

  /** Whether anyone can log in, i.e. whether the console is served at all. */
  boolean enabled() {
    return passwordHash != null || tokenHash != null;
  }

  /**
   * Reads {@code qianmian.console} of the merged server configuration.
   *
   * @throws IllegalArgumentException naming the key of a bad value
   */
  static ConsoleSettings from(Config root) {
    Config c = root.get("qianmian.console");
    String user = text(c, "user");
    PasswordHash password = hash(c, "password-hash");
    PasswordHash token = hash(c, "token-hash");
    if (password != null && user.isEmpty()) {
      throw new IllegalArgumentException("qianmian.console.user: expected a login name when qianmian.console.password-hash is set");
    }
    if (password == null && !user.isEmpty()) {
      throw new IllegalArgumentException("qianmian.console.password-hash: expected the hash of " + user
          + "'s password (qianmian console hash) when qianmian.console.user is set");
    }
    return new ConsoleSettings(user, password, token, duration(c, "session-ttl"), path(c, "report-dir"),
        path(c, "experiment-reports"), duration(c, "analysis-ttl"));
  }

  private static String text(Config c, String key) {
    return c.get(key).asString().orElse("").trim();
  }

  private static Path path(Config c, String key) {
    String v = text(c, key);
    return v.isEmpty() ? null : Path.of(v);
  }

  private static PasswordHash hash(Config c, String key) {
    String v = text(c, key);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return PasswordHash.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("qianmian.console." + key + ": " + e.getMessage(), e);
    }
  }

  private static Duration duration(Config c, String key) {
    String v = text(c, key);
    try {
      Duration d = Duration.parse(v);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("qianmian.console." + key + ": expected a positive ISO-8601 duration such as PT8H, got '" + v + "'");
  }
}
