package io.qianmian.cli;

import io.qianmian.serving.PersonalizationServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qianmian serve --models DIR [--config FILE] [--port N] [--host H]}: the personalization server. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "The personalization server: loads the newest complete model bundle in DIR and hot-swaps to each new one.",
      "Settings: the server's application.yaml, overridden by --config FILE, by QIANMIAN_* environment variables",
      "(e.g. QIANMIAN_ADMIN_TOKEN) and by the options here. Stops gracefully on Ctrl-C or SIGTERM."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--models", required = true, paramLabel = "DIR", description = "The models directory the trainer publishes to.")
  Path models;

  @Option(names = "--config", paramLabel = "FILE", description = "A configuration file (the layout of application.yaml).")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "The port (default from the configuration: 8080; 0 picks a free one).")
  Integer port;

  @Option(names = "--host", paramLabel = "H", description = "The address to listen on (default 0.0.0.0).")
  String host;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (Files.exists(models) && !Files.isDirectory(models)) {
      throw new CliException("--models " + models + " is not a directory");
    }
    PersonalizationServer.Builder b = PersonalizationServer.builder().models(models);
    if (config != null) {
      b.configFile(config);
    }
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new CliException("--port must be in 0..65535, got " + port);
      }
      b.port(port);
    }
    if (host != null) {
      b.host(host);
    }
    PersonalizationServer server = b.start();
    String shown = server.host().equals("0.0.0.0") ? "localhost" : server.host();
    spec.commandLine().getOut().printf("qianmian: serving on http://%s:%d (model %s)%n", shown, server.port(),
        server.modelVersion().orElse("none yet: answering 503 until a bundle is published in " + models));
    spec.commandLine().getOut().flush();
    server.awaitShutdown();
    return 0;
  }
}
