package io.qianmian.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON on the wire: answers are written with Jackson's streaming generator straight into bytes (no
 * intermediate object tree), and sent with an exact Content-Length.
 */
public final class Json {
  /**
   * The one mapper (thread-safe), also used to read request bodies. Its buffers are recycled through
   * a shared pool: the default per-thread pool recycles nothing when every request runs on a new
   * virtual thread.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

  static final JsonFactory FACTORY = MAPPER.getFactory();
  static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

  private Json() {}

  /** Writes one JSON value. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /** The bytes of the JSON value that {@code body} writes. */
  public static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Sends {@code body} as the answer with this status. */
  public static void send(ServerResponse res, Status status, Body body) {
    send(res, status, bytes(body));
  }

  /** Sends JSON bytes as the answer with this status. */
  static void send(ServerResponse res, Status status, byte[] body) {
    res.status(status);
    res.header(CONTENT_TYPE);
    res.send(body);
  }

  /**
   * Sends what {@code body} wrote as the answer with this status, without copying it out first, then
   * gives {@code body} back to its pool (the server has copied the bytes into its response).
   */
  static void send(ServerResponse res, Status status, JsonOut body) {
    res.status(status);
    res.header(CONTENT_TYPE);
    res.send(body.buffer(), 0, body.length());
    body.give();
  }
}
