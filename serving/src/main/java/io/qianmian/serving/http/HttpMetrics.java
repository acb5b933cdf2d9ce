package io.qianmian.serving.http;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Handler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Request rates and latency histograms per route and outcome ({@code qianmian.http.requests}, with
 * tags {@code route} and {@code outcome} = 2xx, 4xx or 5xx), exported by the metrics observer.
 * Latency is exported as histogram buckets only, for Prometheus to compute quantiles from (and to
 * add up across replicas); the quantiles Helidon has each timer estimate in process by default
 * cannot be aggregated, and estimating them was 2 % of the server's time under load.
 */
public final class HttpMetrics {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1).dividedBy(4), Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1), Duration.ofMillis(2),
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
    Duration.ofMillis(250), Duration.ofSeconds(1)
  };

  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code handler}, timed under {@code route}. */
  public Handler timed(String route, Handler handler) {
    Timer ok = timer(route, "2xx");
    Timer client = timer(route, "4xx");
    Timer server = timer(route, "5xx");
    return (req, res) -> {
      long start = System.nanoTime();
      Timer outcome = server;
      try {
        handler.handle(req, res);
        outcome = res.status().code() >= 500 ? server : res.status().code() >= 400 ? client : ok;
      } catch (ProblemException p) {
        outcome = p.status().code() >= 500 ? server : client;
        throw p;
      } finally {
        outcome.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    };
  }

  private Timer timer(String route, String outcome) {
    return registry.getOrCreate(
        Timer.builder("qianmian.http.requests")
            .description("Requests by route and outcome, with their latency")
            .tags(List.of(Tag.create("route", route), Tag.create("outcome", outcome)))
            .buckets(BUCKETS)
            .percentiles(new double[0]));
  }
}
