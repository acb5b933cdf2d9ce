package io.qianmian.cli;

import io.qianmian.features.progress.Progress;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a live bar with rate and ETA on a terminal, and a line every few seconds
 * otherwise (CI logs, pipes), so that long work always shows it is moving.
 */
final class ConsoleProgress implements Progress {
  private final PrintStream err;
  private final boolean terminal;

  ConsoleProgress(PrintStream err) {
    this.err = err;
    this.terminal = System.console() != null && System.getenv("CI") == null;
  }

  static Progress stderr() {
    return new ConsoleProgress(System.err);
  }

  @Override
  public Task begin(String task, long total, String unit) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
            .setStyle(ProgressBarStyle.ASCII)
            .setMaxRenderedLength(110);
    if (!terminal) {
      b.setConsumer(new DelegatingProgressBarConsumer(err::println, 110)).setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis());
    } else {
      b.setUpdateIntervalMillis(250);
    }
    ProgressBar bar = b.build();
    return new Task() {
      @Override
      public void stepTo(long done) {
        bar.stepTo(done);
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(" " + text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
