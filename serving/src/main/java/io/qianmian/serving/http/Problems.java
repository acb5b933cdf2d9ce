package io.qianmian.serving.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Writes every error as {@code application/problem+json}: {"type","title","status","detail","field"}. */
public final class Problems {
  private static final Logger LOG = System.getLogger(Problems.class.getName());
  private static final Header CONTENT_TYPE =
      HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/problem+json");
  private static final Header RETRY_AFTER = HeaderValues.createCached(HeaderNames.RETRY_AFTER, "5");
  private static final Header AUTHENTICATE =
      HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"qianmian-admin\"");

  /** URI prefix of the problem types (the type's short name follows). */
  public static final String TYPE_PREFIX = "urn:qianmian:problem:";

  private Problems() {}

  /**
   * Registers the error handlers on the routing: problems as they are, Helidon's own HTTP errors (a
   * path no route serves, a request it cannot parse) with their status, anything else as a 500.
   */
  public static void register(HttpRouting.Builder routing) {
    routing.error(ProblemException.class, (ErrorHandler<ProblemException>) Problems::handle);
    routing.error(HttpException.class, (ErrorHandler<HttpException>) (req, res, e) -> send(res, ProblemException.of(e)));
    routing.error(
        Exception.class,
        (req, res, e) -> {
          LOG.log(Level.ERROR, "unexpected failure on " + req.prologue().method() + " " + req.path().path(), e);
          handle(req, res, ProblemException.internal());
        });
  }

  static void handle(ServerRequest req, ServerResponse res, ProblemException p) {
    send(res, p);
  }

  /** Sends the problem as the answer. */
  public static void send(ServerResponse res, ProblemException p) {
    byte[] body =
        Json.bytes(
            json -> {
              json.writeStartObject();
              json.writeStringField("type", TYPE_PREFIX + p.type());
              json.writeStringField("title", p.title());
              json.writeNumberField("status", p.status().code());
              json.writeStringField("detail", p.detail());
              json.writeStringField("field", p.field());
              json.writeEndObject();
            });
    res.status(p.status());
    res.header(CONTENT_TYPE);
    if (p.status().code() == 503) {
      res.header(RETRY_AFTER);
    } else if (p.status().code() == 401) {
      res.header(AUTHENTICATE);
    }
    res.send(body);
  }
}
