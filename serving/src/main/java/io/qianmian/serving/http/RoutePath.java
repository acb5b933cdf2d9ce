package io.qianmian.serving.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.HashMap;
import java.util.Map;

/**
 * A route's path template such as {@code /users/{userId}/recommendations}, matched segment by
 * segment. Helidon's own matcher for templates runs a regular expression and builds its parameters
 * through a map of group names on every request to every route it tries; on the answers served
 * thousands of times a second that was a measurable share of the work. Matches what Helidon's does
 * for these templates: literal segments equal, each parameter one non-empty segment, nothing after
 * the last one. Prefix matching (for nested routing) is left to Helidon's matcher.
 */
final class RoutePath implements PathMatcher {
  private static final String COMPONENT = "http/path";

  private final String template;
  /** Per segment: its literal text, or null for a parameter. */
  private final String[] literals;
  /** Per segment: the parameter's name, or null for a literal. */
  private final String[] names;
  private final PathMatcher helidon;

  private RoutePath(String template, String[] literals, String[] names) {
    this.template = template;
    this.literals = literals;
    this.names = names;
    this.helidon = PathMatchers.create(template);
  }

  /** The matcher of {@code template}: {@code /}-separated literals and {@code {name}} parameters. */
  static RoutePath of(String template) {
    if (!template.startsWith("/") || template.endsWith("/")) {
      throw new IllegalArgumentException("a route template starts with / and does not end with one: " + template);
    }
    String[] segments = template.substring(1).split("/", -1);
    String[] literals = new String[segments.length];
    String[] names = new String[segments.length];
    for (int k = 0; k < segments.length; k++) {
      String s = segments[k];
      if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
        names[k] = s.substring(1, s.length() - 1);
      } else if (s.isEmpty() || s.contains("{") || s.contains("}") || s.contains("*")) {
        throw new IllegalArgumentException("unsupported segment '" + s + "' in route template " + template);
      } else {
        literals[k] = s;
      }
    }
    return new RoutePath(template, literals, names);
  }

  @Override
  public PathMatchers.MatchResult match(UriPath uriPath) {
    String path = uriPath.path();
    Map<String, String> params = null;
    int at = 0;
    for (int k = 0; k < literals.length; k++) {
      if (at >= path.length() || path.charAt(at) != '/') {
        return PathMatchers.MatchResult.notAccepted();
      }
      at++;
      int end = path.indexOf('/', at);
      if (end < 0) {
        end = path.length();
      }
      if (literals[k] != null) {
        if (end - at != literals[k].length() || !path.startsWith(literals[k], at)) {
          return PathMatchers.MatchResult.notAccepted();
        }
      } else {
        if (end == at) {
          return PathMatchers.MatchResult.notAccepted();
        }
        if (params == null) {
          params = new HashMap<>(4);
        }
        params.put(names[k], path.substring(at, end));
      }
      at = end;
    }
    if (at != path.length()) {
      return PathMatchers.MatchResult.notAccepted();
    }
    Parameters parameters = params == null ? Parameters.empty(COMPONENT) : Parameters.createSingleValueMap(COMPONENT, params);
    return new PathMatchers.MatchResult(true, new Routed(uriPath, parameters));
  }

  @Override
  public PathMatchers.PrefixMatchResult prefixMatch(UriPath uriPath) {
    return helidon.prefixMatch(uriPath);
  }

  @Override
  public String toString() {
    return template;
  }

  /** The request's path with the parameters this route found in it. */
  private record Routed(UriPath uri, Parameters pathParameters) implements RoutedPath {
    @Override
    public String rawPath() {
      return uri.rawPath();
    }

    @Override
    public String rawPathNoParams() {
      return uri.rawPathNoParams();
    }

    @Override
    public String path() {
      return uri.path();
    }

    @Override
    public Parameters matrixParameters() {
      return uri.matrixParameters();
    }

    @Override
    public void validate() {
      uri.validate();
    }

    @Override
    public RoutedPath absolute() {
      return new Routed(uri.absolute(), pathParameters);
    }

    @Override
    public String toString() {
      return uri.toString();
    }
  }
}
