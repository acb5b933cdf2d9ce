package io.qianmian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void helpListsEverySubcommand() {
    StringWriter out = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("demo", "generate", "import", "features", "report", "train", "evaluate", "serve", "experiments");
  }

  @Test
  void everySubcommandHasItsOwnHelp() {
    for (String sub : new String[] {"demo", "generate", "import", "features", "report", "train", "evaluate", "serve", "experiments"}) {
      StringWriter out = new StringWriter();
      var cl = Main.commandLine();
      cl.setOut(new PrintWriter(out));
      assertThat(cl.execute(sub, "--help")).as(sub).isZero();
      assertThat(out.toString()).as(sub).contains("Usage: qianmian " + sub);
    }
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitTwo() {
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("import", "--format", "csv", "--input", "in", "--out", "out", "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("--no-such-option");
  }
}
