package io.qianmian.serving.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.serving.events.EventIngest;
import io.qianmian.serving.events.EventParser;
import io.qianmian.serving.events.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code POST /v1/events}: one event, or {@code {"events": [ … ]}}. Answers {@code 202
 * {"accepted": N}} only once the events are durable in the event log; a batch is all-or-nothing.
 * Bodies beyond {@code limits.max-body-bytes} and batches beyond {@code limits.max-batch-events} are
 * a 413; malformed JSON and invalid fields a 400 naming the field.
 */
public final class EventsService implements HttpService {
  private static final Logger LOG = System.getLogger(EventsService.class.getName());

  private final EventParser parser;
  private final EventIngest ingest;
  private final long maxBodyBytes;
  private final HttpMetrics metrics;

  public EventsService(EventParser parser, EventIngest ingest, long maxBodyBytes, HttpMetrics metrics) {
    this.parser = parser;
    this.ingest = ingest;
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/events", metrics.timed("events", this::post));
  }

  private void post(ServerRequest req, ServerResponse res) {
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
      throw tooLarge(declared.getAsLong() + " bytes");
    }
    byte[] body = read(req);
    List<BehaviorEvent> events;
    try {
      events = parser.parse(body, System.currentTimeMillis());
    } catch (InvalidEventException e) {
      throw switch (e.kind()) {
        case MALFORMED -> ProblemException.malformedJson(e.getMessage());
        case TOO_MANY -> ProblemException.tooLarge(e.field(), e.getMessage());
        case INVALID -> ProblemException.badParameter(e.field(), e.getMessage());
      };
    }
    int accepted;
    try {
      accepted = ingest.accept(events);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "the event log refused a batch of " + events.size() + " events", e);
      throw ProblemException.unavailable("the events could not be stored durably; none was accepted, send them again");
    }
    Json.send(res, Status.ACCEPTED_202, json -> {
      json.writeStartObject();
      json.writeNumberField("accepted", accepted);
      json.writeEndObject();
    });
  }

  /** The body, read up to the limit (chunked bodies declare no length, so the count is checked). */
  private byte[] read(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    byte[] buf = new byte[(int) Math.min(maxBodyBytes + 1, 64 * 1024)];
    int n = 0;
    try (InputStream in = req.content().inputStream()) {
      while (true) {
        if (n == buf.length) {
          if (n > maxBodyBytes) {
            throw tooLarge("more than " + maxBodyBytes + " bytes");
          }
          buf = Arrays.copyOf(buf, (int) Math.min(maxBodyBytes + 1, (long) buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (n > maxBodyBytes) {
          throw tooLarge("more than " + maxBodyBytes + " bytes");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(buf, n);
  }

  private ProblemException tooLarge(String size) {
    return ProblemException.tooLarge("body", "the body is " + size + "; at most " + maxBodyBytes + " bytes are accepted");
  }
}
