package io.qianmian.serving;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.qianmian.serving.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's own gauges: the model served ({@code qianmian.model.info{version}} = 1, its load
 * time, swaps, refusals), cache hit rates by cache, live sessions, exposure-log failures and campaign
 * impressions the journal lost.
 * Removed again on close, so a stopped server leaves nothing behind in the registry.
 */
final class ServerGauges implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private Meter versionInfo;

  ServerGauges(MeterRegistry registry, Serving s) {
    this.registry = registry;
    gauge("qianmian.model.loaded.timestamp.seconds", "When the served model was loaded (epoch seconds; 0 while none)", s,
        x -> x.live.current() == null ? 0 : x.live.current().loadedAt().getEpochSecond(), List.of());
    gauge("qianmian.model.swaps", "Models installed since start", s, x -> x.reloader.swaps(), List.of());
    gauge("qianmian.model.refusals", "Bundles refused since start", s, x -> x.reloader.refusals(), List.of());
    cache("candidates", () -> s.candidates.entries().stats());
    cache("similar", () -> s.similar.stats());
    cache("profiles", () -> s.profiles.entries().stats());
    cache("sessions", () -> s.sessions.stats());
    gauge("qianmian.sessions.live", "Live sessions held", s, x -> x.sessions.size(), List.of());
    gauge("qianmian.similar.lists", "Items whose similar-items list is made", s, x -> x.similar.size(), List.of());
    gauge("qianmian.recommendations.precomputed", "Recommendations answered from the precomputed candidate lists", s,
        x -> x.ranker.precomputedAnswers(), List.of());
    gauge("qianmian.exposures.failed", "Exposures that could not be logged", s, x -> x.exposures.failures(), List.of());
    gauge("qianmian.campaigns.impressions.unjournaled", "Campaign impressions shown whose journal write failed", s,
        x -> x.campaigns.counters().unjournaled(), List.of());
    s.live.onSwap(this::version);
    if (s.live.current() != null) {
      version(s.live.current());
    }
  }

  private void cache(String name, Supplier<CacheStats> stats) {
    List<Tag> tags = List.of(Tag.create("cache", name));
    gauge("qianmian.cache.hits", "Cache hits", stats, x -> x.get().hitCount(), tags);
    gauge("qianmian.cache.misses", "Cache misses", stats, x -> x.get().missCount(), tags);
    gauge("qianmian.cache.hit.ratio", "Cache hit ratio since start", stats, x -> x.get().hitRate(), tags);
  }

  private <T> void gauge(String name, String description, T target, ToDoubleFunction<T> value, List<Tag> tags) {
    meters.add(registry.getOrCreate(Gauge.builder(name, target, value).description(description).tags(tags)));
  }

  private synchronized void version(Model m) {
    if (versionInfo != null) {
      registry.remove(versionInfo);
    }
    versionInfo = registry.getOrCreate(
        Gauge.builder("qianmian.model.info", () -> 1)
            .description("The model version served (value 1, version in the tag)")
            .tags(List.of(Tag.create("version", m.version()))));
  }

  @Override
  public synchronized void close() {
    meters.forEach(registry::remove);
    if (versionInfo != null) {
      registry.remove(versionInfo);
    }
  }
}
