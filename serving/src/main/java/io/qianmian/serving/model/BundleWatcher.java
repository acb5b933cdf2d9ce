package io.qianmian.serving.model;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches the models directory and reloads when it changes: after a burst of file events has been
 * quiet for a moment (a publish is several renames), and also every poll interval, because network
 * and overlay file systems do not always deliver events. A reload of an unchanged directory only
 * reads the small {@code current} file. Runs on one daemon thread; {@link #close()} stops it.
 */
public final class BundleWatcher implements AutoCloseable {
  private static final Logger LOG = System.getLogger(BundleWatcher.class.getName());

  private final Path dir;
  private final ModelReloader reloader;
  private final Duration quiet;
  private final Duration poll;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile WatchService watch;

  private BundleWatcher(Path dir, ModelReloader reloader, Duration quiet, Duration poll) {
    this.dir = dir;
    this.reloader = reloader;
    this.quiet = quiet;
    this.poll = poll.isZero() ? Duration.ofDays(365) : poll;
    this.thread = Thread.ofPlatform().daemon().name("qianmian-bundle-watcher").unstarted(this::run);
  }

  /** Starts watching {@code dir}. */
  public static BundleWatcher start(Path dir, ModelReloader reloader, Duration quietPeriod, Duration pollInterval) {
    BundleWatcher w = new BundleWatcher(dir, reloader, quietPeriod, pollInterval);
    w.thread.start();
    return w;
  }

  private void run() {
    while (running) {
      try {
        if (watch == null) {
          register();
        }
        boolean changed = watch == null ? sleep(poll) : waitForChange();
        if (running) {
          if (changed) {
            settle();
          }
          reloader.reload(false);
        }
      } catch (ClosedWatchServiceException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "model directory watch failed; retrying", e);
        closeWatch();
      }
    }
  }

  private void register() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      WatchService ws = FileSystems.getDefault().newWatchService();
      dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      watch = ws;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot watch " + dir + "; polling only: " + e.getMessage());
    }
  }

  /** Waits for an event or the poll interval; true when files changed. */
  private boolean waitForChange() throws InterruptedException {
    WatchKey key = watch.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
    if (key == null) {
      return false;
    }
    key.pollEvents();
    if (!key.reset()) {
      closeWatch(); // the directory went away; register again once it is back
    }
    return true;
  }

  /** Drains events until none came for the quiet period. */
  private void settle() throws InterruptedException {
    WatchService ws = watch;
    while (ws != null) {
      WatchKey key = ws.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      if (key == null) {
        return;
      }
      key.pollEvents();
      key.reset();
    }
  }

  private boolean sleep(Duration d) throws InterruptedException {
    Thread.sleep(Math.min(d.toMillis(), 1000));
    return false;
  }

  private void closeWatch() {
    WatchService ws = watch;
    watch = null;
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  @Override
  public void close() {
    running = false;
    closeWatch();
    thread.interrupt();
  }
}
