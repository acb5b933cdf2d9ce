package io.qianmian.serving.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** {@code GET /v1/ping} → {@code {"status":"ok"}}: constant and tiny, the benchmarks' reference point. */
public final class PingService implements HttpService {
  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

  @Override
  public void routing(HttpRules rules) {
    rules.get("/ping", PingService::ping);
  }

  private static void ping(ServerRequest req, ServerResponse res) {
    res.status(Status.OK_200);
    res.header(Json.CONTENT_TYPE);
    res.send(OK);
  }
}
