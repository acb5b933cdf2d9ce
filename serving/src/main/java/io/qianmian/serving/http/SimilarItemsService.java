package io.qianmian.serving.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Ranking;
import io.qianmian.serving.rank.SimilarItems;

/**
 * {@code GET /v1/items/{itemId}/similar?n=10&inStock=true}: items like this one (co-occurrence
 * neighbors, nearest items in factor space, content similarity for items with no history). An item
 * the model does not know is a 404.
 */
public final class SimilarItemsService implements HttpService {

  private final LiveModel live;
  private final SimilarItems similar;
  private final ServingConfig config;
  private final HttpMetrics metrics;

  public SimilarItemsService(LiveModel live, SimilarItems similar, ServingConfig config, HttpMetrics metrics) {
    this.live = live;
    this.similar = similar;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/items/{itemId}/similar"), metrics.timed("similar", this::similar));
  }

  private void similar(ServerRequest req, ServerResponse res) {
    Model m = Models.require(live);
    Params p = new Params(req, config.limits());
    String itemId = p.pathId("itemId");
    int n = p.n(config.similar().defaultN());
    boolean inStock = p.bool("inStock", config.recommendations().inStockDefault());
    int item = m.item(itemId);
    if (item < 0) {
      throw ProblemException.notFound("itemId", "unknown item '" + Params.shorten(itemId) + "' (model " + m.version() + ")");
    }
    Ranking r = similar.similar(m, item, n, inStock);
    String requestId = RequestIds.next();
    ItemsJson items = new ItemsJson(m, r);
    JsonOut out = JsonOut.take(ItemsJson.HEAD_ROOM + items.room());
    out.startObject()
        .field(Fields.REQUEST_ID).string(requestId)
        .field(Fields.ITEM_ID).string(itemId)
        .field(Fields.MODEL_VERSION).string(m.version());
    items.write(out, false);
    Json.send(res, Status.OK_200, out.endObject());
  }
}
