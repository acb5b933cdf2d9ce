package io.qianmian.serving;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.http.HttpMetrics;
import io.qianmian.serving.model.BundleSource;
import io.qianmian.serving.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The personalization server: starts listening, loads the newest complete model bundle, then keeps
 * serving the one the models directory names as current (hot swaps, refusing broken bundles).
 * Stopping — {@link #close()}, or SIGTERM/Ctrl-C when started with a shutdown hook — lets requests
 * in flight finish, then closes the event log.
 *
 * <pre>{@code
 * try (PersonalizationServer server = PersonalizationServer.builder().models(dir).port(8080).start()) {
 *   server.awaitShutdown();
 * }
 * }</pre>
 */
public final class PersonalizationServer implements AutoCloseable {
  private static final Logger LOG = System.getLogger(PersonalizationServer.class.getName());

  private final Serving serving;
  private final WebServer web;
  private final ServerGauges gauges;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private PersonalizationServer(Serving serving, WebServer web, ServerGauges gauges) {
    this.serving = serving;
    this.web = web;
    this.gauges = gauges;
  }

  /** A builder; {@link Builder#models} is required unless a bundle source is given. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port listened on (the real one when 0 was asked for). */
  public int port() {
    return web.port();
  }

  /** The host or address listened on, as configured. */
  public String host() {
    return serving.config.helidon().get("server.host").asString().orElse("0.0.0.0");
  }

  /** The version of the model being served, if one is loaded. */
  public Optional<String> modelVersion() {
    return Optional.ofNullable(serving.live.current()).map(Model::version);
  }

  /** Blocks until the server has stopped. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Stops gracefully: no new connections, requests in flight finish, then the event log closes. */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    try {
      web.stop();
      gauges.close();
      serving.close();
    } catch (IOException e) {
      LOG.log(Level.ERROR, "closing the event log failed", e);
    } finally {
      stopped.countDown();
    }
  }

  private void awaitQuietly() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Settings of a server; unset ones come from the configuration. */
  public static final class Builder {
    private Path models;
    private Path configFile;
    private Integer port;
    private String host;
    private BundleSource source;
    private boolean shutdownHook = true;

    private Builder() {}

    /** The models directory (overrides {@code qianmian.models.dir}). */
    public Builder models(Path dir) {
      this.models = Objects.requireNonNull(dir, "models");
      return this;
    }

    /** A configuration file overriding the defaults (same layout as {@code application.yaml}). */
    public Builder configFile(Path file) {
      this.configFile = Objects.requireNonNull(file, "configFile");
      return this;
    }

    /** The port (overrides {@code server.port}); 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The host or address to listen on (overrides {@code server.host}). */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      this.host = host;
      return this;
    }

    /** Where bundles come from, instead of the models directory (tests, other stores). */
    public Builder bundleSource(BundleSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Whether SIGTERM/Ctrl-C stop the server gracefully (default true). */
    public Builder shutdownHook(boolean install) {
      this.shutdownHook = install;
      return this;
    }

    /**
     * Starts the server and loads the newest complete bundle before returning (the server answers
     * 503 and reports not ready until one is loaded).
     *
     * @throws IllegalArgumentException for bad configuration (the message names the key)
     * @throws IOException when the event log cannot be opened or the experiments file read
     */
    public PersonalizationServer start() throws IOException {
      ServingConfig config = ServingConfig.load(configFile, Main.overrides(models, port, host));
      BundleSource bundles = source;
      if (bundles == null) {
        if (config.modelsDir() == null) {
          throw new IllegalArgumentException("no models directory: pass --models DIR or set qianmian.models.dir");
        }
        bundles = new DirectoryBundles(config.modelsDir());
      }
      Serving serving = Serving.create(config, bundles);
      // Read the bundle while the web server starts: on a small machine each takes seconds.
      Thread loading = Thread.ofPlatform().name("qianmian-first-load").start(serving::loadModels);
      HttpMetrics metrics = new HttpMetrics(Services.get(MeterRegistry.class));
      WebServerConfig.Builder b = WebServer.builder();
      Main.server(b, serving, metrics);
      WebServer web;
      try {
        web = b.build().start();
      } catch (RuntimeException e) {
        joinQuietly(loading);
        serving.close();
        throw e instanceof UncheckedIOException u ? u : e;
      }
      PersonalizationServer server = new PersonalizationServer(serving, web, new ServerGauges(Services.get(MeterRegistry.class), serving));
      if (shutdownHook) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("qianmian-shutdown").unstarted(server::close));
      }
      joinQuietly(loading);
      return server;
    }

    private static void joinQuietly(Thread t) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the model keeps loading; the server answers 503 until then
      }
    }
  }
}
