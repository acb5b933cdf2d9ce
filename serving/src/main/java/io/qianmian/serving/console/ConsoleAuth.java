package io.qianmian.serving.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.serving.http.ProblemException;
import io.qianmian.serving.http.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's door, registered on {@code /console} before everything else of the console:
 *
 * <ul>
 *   <li>{@code GET /console/login} — the login form; {@code POST /console/login} (form fields {@code
 *       user}, {@code password}, {@code next}) checks the password against its hash, or, with no user,
 *       the token against the token's hash, then sets the session cookie (HttpOnly, SameSite=Strict)
 *       and redirects to {@code next}; a wrong login goes back to the form;
 *   <li>{@code POST /console/logout} — ends the session;
 *   <li>every other {@code /console} request without a valid session: a 401 problem for the JSON
 *       under {@code /console/api/}, a redirect to the login form for pages.
 * </ul>
 */
final class ConsoleAuth implements HttpService {
  private static final int MAX_FORM_BYTES = 4096;

  private final ConsoleSettings settings;
  private final Sessions sessions;
  private final byte[] loginPage;

  ConsoleAuth(ConsoleSettings settings, Sessions sessions) {
    this.settings = settings;
    this.sessions = sessions;
    this.loginPage = resource("console/login.html");
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/login", this::loginPage)
        .post("/login", this::login)
        .post("/logout", this::logout)
        .any(this::guard);
  }

  private void loginPage(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(loginPage);
  }

  private void login(ServerRequest req, ServerResponse res) {
    Map<String, String> form = form(req);
    String user = form.getOrDefault("user", "").trim();
    char[] secret = form.getOrDefault("password", "").toCharArray();
    String next = safeNext(form.get("next"));
    if (!accepts(user, secret)) {
      redirect(res, "/console/login?error=1&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      return;
    }
    String cookie = sessions.cookie(sessions.open(user.isEmpty() ? "token" : user));
    res.header(HeaderNames.SET_COOKIE, req.isSecure() ? cookie + "; Secure" : cookie);
    redirect(res, next);
  }

  /** Whether the form's user and secret log in: the user's password, or the token with no user. */
  boolean accepts(String user, char[] secret) {
    if (user.isEmpty()) {
      return settings.tokenHash() != null && settings.tokenHash().matches(secret);
    }
    // The hash is checked even for an unknown user, so that timing does not tell which users exist.
    boolean password = settings.passwordHash() != null && settings.passwordHash().matches(secret);
    return password && user.equals(settings.user());
  }

  private void logout(ServerRequest req, ServerResponse res) {
    sessionId(req).ifPresent(sessions::close);
    res.header(HeaderNames.SET_COOKIE, Sessions.expiredCookie());
    redirect(res, "/console/login");
  }

  private void guard(ServerRequest req, ServerResponse res) {
    if (sessionId(req).filter(sessions::valid).isPresent()) {
      res.header(HeaderNames.CACHE_CONTROL, "no-store");
      res.next();
      return;
    }
    String path = req.path().absolute().path();
    if (path.startsWith("/console/api/")) {
      Problems.send(res, ProblemException.unauthorized("log in to the console first (POST /console/login sets the session cookie)"));
    } else {
      redirect(res, "/console/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }
  }

  private static Optional<String> sessionId(ServerRequest req) {
    return req.headers().cookies().first(Sessions.COOKIE).asOptional();
  }

  /** Only paths of the console itself, so that a crafted link cannot send a fresh login elsewhere. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/console/") || next.startsWith("/console/login") || next.contains("//") || next.contains("\\")) {
      return "/console/";
    }
    return next;
  }

  private static Map<String, String> form(ServerRequest req) {
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes(MAX_FORM_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body.length > MAX_FORM_BYTES) {
      throw ProblemException.tooLarge(null, "the login form is larger than " + MAX_FORM_BYTES + " bytes");
    }
    Map<String, String> out = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw ProblemException.badParameter(pair.substring(0, eq), "malformed form encoding");
        }
      }
    }
    return out;
  }

  private static void redirect(ServerResponse res, String location) {
    res.status(Status.SEE_OTHER_303);
    res.header(HeaderNames.LOCATION, location);
    res.send();
  }

  static byte[] resource(String name) {
    try (InputStream in = ConsoleAuth.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
