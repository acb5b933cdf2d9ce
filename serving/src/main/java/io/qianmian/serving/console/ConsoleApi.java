package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.http.Json;
import io.qianmian.serving.http.ProblemException;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import java.io.IOException;

/**
 * The console's JSON, under {@code /console/api} (behind {@link ConsoleAuth}):
 *
 * <ul>
 *   <li>{@code GET /store} — {@code metrics.json} of the configured store report (404 without one);
 *   <li>{@code GET /segments} — the serving bundle's segments and the store's RFM grid;
 *   <li>{@code GET /shoppers/{userId}?channel=} — a shopper's profile and what the server would
 *       show them now ({@link ShopperLookup});
 *   <li>{@code GET /campaigns} — {@link CampaignsPage};
 *   <li>{@code GET /experiments} — {@link ExperimentReports};
 *   <li>{@code GET /models} — the serving bundle's manifest and the bundles kept for rollback.
 * </ul>
 */
final class ConsoleApi implements HttpService {
  private final ConsoleSettings settings;
  private final ServingConfig config;
  private final LiveModel live;
  private final ShopperLookup shoppers;
  private final CampaignDecider campaigns;
  private final ExperimentReports experiments;

  ConsoleApi(ConsoleSettings settings, ServingConfig config, LiveModel live, ShopperLookup shoppers, CampaignDecider campaigns,
      ExperimentReports experiments) {
    this.settings = settings;
    this.config = config;
    this.live = live;
    this.shoppers = shoppers;
    this.campaigns = campaigns;
    this.experiments = experiments;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/store", this::store)
        .get("/segments", this::segments)
        .get("/shoppers/{userId}", this::shopper)
        .get("/campaigns", (req, res) -> send(res, CampaignsPage.of(campaigns)))
        .get("/experiments", (req, res) -> send(res, experiments.page()))
        .get("/models", this::models)
        .any((req, res) -> {
          throw ProblemException.notFound(null, "no console endpoint " + req.path().absolute().path());
        });
  }

  private void store(ServerRequest req, ServerResponse res) throws IOException {
    JsonNode store = ConsoleData.store(settings.reportDir());
    if (store == null) {
      throw ProblemException.notFound(null, settings.reportDir() == null
          ? "no store report configured: set qianmian.console.report-dir to the --out folder of 'qianmian report'"
          : "no " + ConsoleData.METRICS + " in " + settings.reportDir() + " (run 'qianmian report --out " + settings.reportDir() + "')");
    }
    send(res, store);
  }

  private void segments(ServerRequest req, ServerResponse res) throws IOException {
    Model m = model();
    send(res, ConsoleData.segments(m.bundle().profiles().orElse(null), ConsoleData.store(settings.reportDir()), m.version()));
  }

  private void shopper(ServerRequest req, ServerResponse res) throws IOException {
    String userId = req.path().pathParameters().get("userId").trim();
    if (userId.isEmpty() || userId.length() > config.limits().maxIdLength()) {
      throw ProblemException.badParameter("userId", "expected 1.." + config.limits().maxIdLength() + " characters");
    }
    String channel = req.query().first("channel").asOptional().filter(s -> !s.isBlank()).orElse(null);
    send(res, shoppers.lookup(model(), userId, channel));
  }

  private void models(ServerRequest req, ServerResponse res) throws IOException {
    Model m = live.current();
    var page = ConsoleData.models(config.modelsDir(), m == null ? null : m.version());
    if (m != null) {
      page.put("loadedAt", m.loadedAt().toString());
    }
    send(res, page);
  }

  private Model model() {
    Model m = live.current();
    if (m == null) {
      throw ProblemException.unavailable("no model loaded yet");
    }
    return m;
  }

  private static void send(ServerResponse res, JsonNode node) {
    Json.send(res, Status.OK_200, g -> Json.MAPPER.writeTree(g, node));
  }
}
