package io.qianmian.serving.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/experiments/{experimentId}/assignment?userId=u17} →
 * {@code {"experimentId", "userId", "variant", "bucket"}}; {@code variant} and {@code bucket} are
 * null when the user is not in the experiment (not running, outside its allocation or segments, held
 * out). An unknown experiment is a 404.
 */
public final class ExperimentsService implements HttpService {
  private static final byte[] EXPERIMENTS = JsonOut.name("experiments");
  private static final byte[] EXPERIMENT_ID = JsonOut.name("experimentId");
  private static final byte[] VARIANT = JsonOut.name("variant");

  private final Assignments experiments;
  private final LiveModel live;
  private final ServingConfig config;
  private final HttpMetrics metrics;

  public ExperimentsService(Assignments experiments, LiveModel live, ServingConfig config, HttpMetrics metrics) {
    this.experiments = experiments;
    this.live = live;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/experiments/{experimentId}/assignment"), metrics.timed("assignment", this::assignment));
  }

  private void assignment(ServerRequest req, ServerResponse res) {
    Params p = new Params(req, config.limits());
    String experimentId = p.pathId("experimentId");
    String userId = p.requiredId("userId");
    Optional<Assignment> a;
    try {
      a = experiments.assign(experimentId, userId, segmentOf(userId), Instant.now());
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("experimentId", "unknown experiment '" + Params.shorten(experimentId) + "'");
    }
    Json.send(res, Status.OK_200, json -> {
      json.writeStartObject();
      json.writeStringField("experimentId", experimentId);
      json.writeStringField("userId", userId);
      json.writeStringField("variant", a.map(Assignment::variant).orElse(null));
      json.writeFieldName("bucket");
      if (a.isPresent()) {
        json.writeNumber(a.get().bucket());
      } else {
        json.writeNull();
      }
      json.writeBooleanField("enrolled", a.isPresent());
      json.writeFieldName("params");
      Json.MAPPER.writeValue(json, a.map(Assignment::params).orElse(java.util.Map.of()));
      json.writeEndObject();
    });
  }

  /** The segment experiments target by, from the model when one is loaded. */
  private String segmentOf(String userId) {
    Model m = live.current();
    if (m == null) {
      return null;
    }
    return m.segmentName(userId);
  }

  /** The {@code experiments} array of an answer: {@code [{"experimentId", "variant"}]}. */
  static void writeVariants(JsonOut out, List<Assignment> assigned) {
    out.field(EXPERIMENTS).startArray();
    for (Assignment a : assigned) {
      out.startObject().field(EXPERIMENT_ID).string(a.experimentId()).field(VARIANT).string(a.variant()).endObject();
    }
    out.endArray();
  }
}
