package io.qianmian.serving.campaign;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The campaigns being served: one immutable {@link CampaignSet} behind an {@link AtomicReference}.
 * Requests read it without locks; {@link #reload()} validates a new file completely before swapping
 * it in, so a bad file is refused and the previous campaigns keep serving. Counters live elsewhere
 * (a {@link CounterStore}) and are kept by campaign id across reloads.
 */
public final class LiveCampaigns {
  private static final Logger LOG = System.getLogger(LiveCampaigns.class.getName());

  private final Path file;
  private final Supplier<Set<String>> knownSegments;
  private final AtomicReference<CampaignSet> current;
  private final Object reloading = new Object();

  private LiveCampaigns(Path file, Supplier<Set<String>> knownSegments, CampaignSet initial) {
    this.file = file;
    this.knownSegments = knownSegments;
    this.current = new AtomicReference<>(initial);
  }

  /**
   * Campaigns read from {@code file}, validated against the segment names {@code knownSegments}
   * supplies at each load (null from it: names unchecked, e.g. before any model is loaded).
   *
   * @throws IOException when the file cannot be read
   * @throws CampaignFileException when it is invalid (a server should not start on it)
   */
  public static LiveCampaigns load(Path file, Supplier<Set<String>> knownSegments) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(knownSegments, "knownSegments");
    return new LiveCampaigns(file, knownSegments, CampaignFile.read(file, knownSegments.get()));
  }

  /** Fixed campaigns, never reloaded (tests, embedding). */
  public static LiveCampaigns of(CampaignSet campaigns) {
    return new LiveCampaigns(null, () -> null, Objects.requireNonNull(campaigns, "campaigns"));
  }

  /** The campaigns now. */
  public CampaignSet current() {
    return current.get();
  }

  /**
   * Reads the file again and swaps the new campaigns in when valid and changed. Never throws for a
   * bad file: the result says it was refused, and the previous campaigns keep serving.
   */
  public Reload reload() {
    if (file == null) {
      return new Reload(Reload.Outcome.UNCHANGED, current().size(), "campaigns are fixed, not read from a file");
    }
    synchronized (reloading) {
      CampaignSet next;
      try {
        next = CampaignFile.read(file, knownSegments.get());
      } catch (NoSuchFileException e) {
        return refused("campaign file " + file + " does not exist");
      } catch (IOException e) {
        return refused("campaign file " + file + " cannot be read: " + e.getMessage());
      } catch (CampaignFileException e) {
        return refused(e.getMessage());
      }
      CampaignSet before = current.get();
      if (next.checksum().equals(before.checksum())) {
        return new Reload(Reload.Outcome.UNCHANGED, before.size(), "campaign file unchanged");
      }
      current.set(next);
      LOG.log(Level.INFO, "loaded " + next.size() + " campaigns from " + file);
      return new Reload(Reload.Outcome.LOADED, next.size(), "loaded " + next.size() + " campaigns from " + file.getFileName());
    }
  }

  private Reload refused(String detail) {
    LOG.log(Level.WARNING, "campaign file refused, still serving " + current().size() + " campaigns: " + detail);
    return new Reload(Reload.Outcome.REFUSED, current().size(), detail);
  }

  /**
   * What a reload did.
   *
   * @param outcome loaded, unchanged or refused
   * @param campaigns how many campaigns serve after it
   * @param detail for people: what was loaded, or why the file was refused
   */
  public record Reload(Outcome outcome, int campaigns, String detail) {
    /** What happened. */
    public enum Outcome {
      /** A new campaign set serves. */
      LOADED,
      /** The file has not changed. */
      UNCHANGED,
      /** The file is invalid; the previous campaigns keep serving. */
      REFUSED
    }
  }
}
