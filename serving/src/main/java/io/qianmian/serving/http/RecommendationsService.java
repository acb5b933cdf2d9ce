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
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /v1/users/{userId}/recommendations?n=20&placement=homepage&category=&inStock=true&exclude=p1,p2}
 *
 * <ul>
 *   <li>{@code n} — how many items, 1..{@code limits.max-n} (default {@code recommendations.default-n});
 *   <li>{@code placement} — where the answer is shown; logged with the exposure;
 *   <li>{@code category} — only items in this category or below: a path ({@code Home > Kitchen}) or a
 *       category's name; an unknown category is a 400;
 *   <li>{@code inStock} — only items in stock (default {@code recommendations.in-stock-default});
 *   <li>{@code exclude} — item ids never to return (comma-separated; unknown ids are ignored).
 * </ul>
 *
 * Unknown users get their segment's or the store's popular items; the {@code reason} says which.
 * Every answer is logged as an exposure with the user's experiment variants.
 */
public final class RecommendationsService implements HttpService {
  private final LiveModel live;
  private final Ranker ranker;
  private final Assignments experiments;
  private final ExposureRecorder exposures;
  private final ServingConfig config;
  private final Policy defaults;
  private final HttpMetrics metrics;

  public RecommendationsService(
      LiveModel live, Ranker ranker, Assignments experiments, ExposureRecorder exposures, ServingConfig config,
      HttpMetrics metrics) {
    this.live = live;
    this.ranker = ranker;
    this.experiments = experiments;
    this.exposures = exposures;
    this.config = config;
    this.defaults = Policy.defaults(config.recommendations());
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/users/{userId}/recommendations"), metrics.timed("recommendations", this::recommend));
  }

  private void recommend(ServerRequest req, ServerResponse res) {
    Model m = Models.require(live);
    Params p = new Params(req, config.limits());
    String userId = p.pathId("userId");
    int n = p.n(config.recommendations().defaultN());
    String placement = p.text("placement");
    int[] categories = categories(m, p.text("category"));
    boolean inStock = p.bool("inStock", config.recommendations().inStockDefault());
    int[] exclude = itemIndexes(m, p.ids("exclude", config.limits().maxExclude()));

    Json.send(res, Status.OK_200, answer(m, userId, n, placement, categories, inStock, exclude));
  }

  /**
   * The answer's JSON for a request whose parameters are already checked and mapped to the model's
   * indexes; logs its exposure. Separate from the HTTP handling so benchmarks can drive it.
   */
  JsonOut answer(Model m, String userId, int n, String placement, int[] categories, boolean inStock, int[] exclude) {
    String requestId = RequestIds.next();
    Instant now = Instant.now();
    int u = m.user(userId);
    String segment = m.segmentName(u);
    List<Assignment> assigned = experiments.assignAll(userId, segment, now);
    Policy policy = defaults.with(assigned);
    Ranking r =
        ranker.recommend(m, u, new Query(userId, n, categories, inStock, exclude, requestId.hashCode(), now.toEpochMilli()), policy);

    ItemsJson items = new ItemsJson(m, r);
    JsonOut out = JsonOut.take(ItemsJson.HEAD_ROOM + items.room());
    out.startObject()
        .field(Fields.REQUEST_ID).string(requestId)
        .field(Fields.USER_ID).string(userId)
        .field(Fields.MODEL_VERSION).string(m.version());
    if (placement != null) {
      out.field(Fields.PLACEMENT).string(placement);
    }
    out.field(Fields.SEGMENT).string(segment);
    ExperimentsService.writeVariants(out, assigned);
    items.write(out, true);
    out.endObject();
    exposures.record(requestId, now.toEpochMilli(), userId, segment, assigned, placement, m, r, items.fragments());
    return out;
  }

  private static int[] categories(Model m, String category) {
    if (category == null) {
      return null;
    }
    int[] c = m.categoriesNamed(category);
    if (c == null) {
      throw ProblemException.badParameter("category", "unknown category '" + Params.shorten(category)
          + "'; give a category path (Home > Kitchen) or a category name");
    }
    return c;
  }

  private static int[] itemIndexes(Model m, List<String> ids) {
    int[] out = new int[ids.size()];
    int n = 0;
    for (String id : ids) {
      int i = m.item(id);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    out = Arrays.copyOf(out, n);
    if (n > 1) {
      Arrays.sort(out); // the JDK's vectorized sort is costly to start, even on no items
    }
    return out;
  }
}
