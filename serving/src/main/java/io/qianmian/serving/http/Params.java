package io.qianmian.serving.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.qianmian.serving.config.ServingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and checks request parameters. Every failure is a 400 problem that names the parameter, the
 * value and what was expected.
 */
final class Params {
  private final ServerRequest req;
  private final Parameters query;
  private final int maxIdLength;
  private final int maxN;

  // Values are read with contains and get: first(name) would wrap each in an OptionalValue found
  // through Helidon's global mapper registry, 1 % of a recommendations answer.
  Params(ServerRequest req, ServingConfig.Limits limits) {
    this.req = req;
    this.query = req.query();
    this.maxIdLength = limits.maxIdLength();
    this.maxN = limits.maxN();
  }

  /** The path parameter {@code name} as an id. */
  String pathId(String name) {
    return pathId(req, name, maxIdLength);
  }

  /** The answer size {@code n}: 1 to {@code limits.max-n}, {@code defaultN} when absent. */
  int n(int defaultN) {
    return integer("n", Math.min(defaultN, maxN), 1, maxN);
  }

  /** The path parameter {@code name} as an id. */
  static String pathId(ServerRequest req, String name, int maxIdLength) {
    return checkId(name, req.path().pathParameters().get(name), maxIdLength);
  }

  /** Checks an id from the path, the query or a body: non-blank, not too long. */
  static String checkId(String field, String value, int maxIdLength) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badParameter(field, field + " must not be empty");
    }
    if (value.length() > maxIdLength) {
      throw ProblemException.badParameter(
          field, field + " is " + value.length() + " characters long; at most " + maxIdLength + " are accepted");
    }
    return value;
  }

  /** An integer in [min, max], or the default when absent. */
  int integer(String name, int defaultValue, int min, int max) {
    if (!query.contains(name)) {
      return defaultValue;
    }
    String v = query.get(name).trim();
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ProblemException.badParameter(name, name + " must be an integer; got '" + shorten(v) + "'");
    }
    if (n < min || n > max) {
      throw ProblemException.badParameter(name, name + " must be between " + min + " and " + max + "; got " + n);
    }
    return n;
  }

  /** true or false, or the default when absent. */
  boolean bool(String name, boolean defaultValue) {
    if (!query.contains(name)) {
      return defaultValue;
    }
    String v = query.get(name).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ProblemException.badParameter(name, name + " must be true or false; got '" + shorten(v) + "'");
    };
  }

  /** A free-form text parameter, or null when absent or empty. */
  String text(String name) {
    if (!query.contains(name)) {
      return null;
    }
    String v = query.get(name).trim();
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() > maxIdLength) {
      throw ProblemException.badParameter(name, name + " is longer than " + maxIdLength + " characters");
    }
    return v;
  }

  /** A required id parameter. */
  String requiredId(String name) {
    return checkId(name, query.contains(name) ? query.get(name) : null, maxIdLength);
  }

  /** Comma-separated ids, also accepted as the parameter repeated; empty parts are skipped. */
  List<String> ids(String name, int maxCount) {
    if (!query.contains(name)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (String value : query.all(name)) {
      for (String part : value.split(",")) {
        String id = part.trim();
        if (id.isEmpty()) {
          continue;
        }
        if (id.length() > maxIdLength) {
          throw ProblemException.badParameter(name, name + " holds an id longer than " + maxIdLength + " characters");
        }
        ids.add(id);
        if (ids.size() > maxCount) {
          throw ProblemException.badParameter(name, name + " holds more than " + maxCount + " ids");
        }
      }
    }
    return ids;
  }

  static String shorten(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "…";
  }
}
