package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.trainer.bundle.ModelBundle;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on a store small enough for the test suite. */
class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoRunsThePipelineServesTrafficAndAnalysesTheExperimentWithTheBundleOffPolicy() throws IOException {
    Path dir = tmp.resolve("demo");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = CliRun.execute(out, err, "demo", "--dir", dir.toString(), "--users", "1500", "--items", "300", "--days", "30",
        "--port", "0", "--once");

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("the server answers on http://127.0.0.1:").doesNotContain("not available yet");
    assertThat(dir.resolve("report/report.html")).isRegularFile();
    assertThat(dir.resolve("evaluation.html")).isRegularFile();
    ModelBundle bundle = ModelBundle.loadCurrent(dir.resolve("models"));
    JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("experiment-report/report.json")));
    assertThat(report.path("experiment").asText()).isEqualTo("demo-homepage");
    assertThat(report.path("variants")).hasSize(2);
    assertThat(report.path("variants").get(0).path("units").asLong()).isPositive();
    JsonNode offPolicy = report.path("offPolicy");
    assertThat(offPolicy.path("candidate").asText()).isEqualTo("bundle " + bundle.version());
    assertThat(offPolicy.path("requests").asLong()).isPositive();
    assertThat(offPolicy.path("matchedSlots").asLong()).isPositive();
    assertThat(dir.resolve("experiment-report/report.html")).content().contains("off-policy");
  }
}
