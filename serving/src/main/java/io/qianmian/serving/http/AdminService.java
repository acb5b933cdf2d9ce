package io.qianmian.serving.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.serving.model.ModelReloader;
import io.qianmian.serving.model.ReloadResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Admin operations, behind {@code Authorization: Bearer <admin.token>} (401 without credentials, 403
 * with wrong ones or when no token is configured):
 *
 * <ul>
 *   <li>{@code POST /v1/admin/reload} — load the bundle the models directory names as current (also
 *       one refused before). {@code 200 {"outcome": "loaded"|"unchanged", "modelVersion"}}; a bundle
 *       that fails validation is a 422 and the previous model keeps serving.
 * </ul>
 */
public final class AdminService implements HttpService {
  private final ModelReloader reloader;
  private final byte[] token;
  private final HttpMetrics metrics;

  /**
   * @param token the admin token; blank disables the admin endpoints
   */
  public AdminService(ModelReloader reloader, String token, HttpMetrics metrics) {
    this.reloader = reloader;
    this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/admin/reload", metrics.timed("admin-reload", this::reload));
  }

  private void reload(ServerRequest req, ServerResponse res) {
    authorize(req);
    ReloadResult r = reloader.reload(true);
    if (r.outcome() == ReloadResult.Outcome.REFUSED) {
      throw ProblemException.bundleRefused(r.detail() + (r.version() == null ? "" : "; still serving " + r.version()));
    }
    Json.send(res, Status.OK_200, json -> {
      json.writeStartObject();
      json.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      json.writeStringField("modelVersion", r.version());
      json.writeEndObject();
    });
  }

  /** Throws the 401 or 403 problem unless the request carries the admin token. */
  void authorize(ServerRequest req) {
    String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw ProblemException.unauthorized("admin endpoints need the header 'Authorization: Bearer <admin token>'");
    }
    if (token == null) {
      throw ProblemException.forbidden("admin endpoints are disabled: no admin token is configured (qianmian.admin.token or QIANMIAN_ADMIN_TOKEN)");
    }
    // Constant-time comparison: the time taken must not reveal how much of the token matched.
    if (!MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
      throw ProblemException.forbidden("the admin token is not valid");
    }
  }
}
