package io.qianmian.features.generate;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.DatasetWriter;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a store with planted ground truth: catalog, shoppers, their events and campaigns. What
 * is generated and how the output is laid out is in the package documentation.
 *
 * <pre>{@code
 * new StoreGenerator(StoreParameters.of(20_000, 2_000)).write(OutputFormat.CSV, dir, progress);
 * GeneratedStore store = new StoreGenerator(StoreParameters.of(2_000, 300)).generate(Progress.NONE);
 * }</pre>
 *
 * <p>Shoppers are generated in chunks on several threads and written in order, each from its own
 * random stream: the output depends on the parameters only, never on the number of threads. Text
 * output streams to disk, so memory stays bounded whatever the number of shoppers.
 */
public final class StoreGenerator {
  /** Shoppers per unit of parallel work. */
  static final int CHUNK = 1024;
  private static final int FLUSH_BYTES = 1 << 20;
  private static final String TRUTH = "truth.json";
  private static final String CAMPAIGNS = "campaigns.json";

  private final StoreParameters params;
  private final int threads;

  /** A generator using every core. */
  public StoreGenerator(StoreParameters params) {
    this(params, Runtime.getRuntime().availableProcessors());
  }

  /** A generator using {@code threads} threads (the output is the same for any number). */
  public StoreGenerator(StoreParameters params, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.params = params;
    this.threads = threads;
  }

  /**
   * Writes the store into {@code out} (created if missing; files of an earlier run are replaced):
   * the events, catalog and shoppers in {@code format}, plus {@code truth.json} and {@code
   * campaigns.json}. Reports progress in shoppers.
   */
  public GenerationSummary write(OutputFormat format, Path out, Progress progress) throws IOException {
    long began = System.nanoTime();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IOException("--out " + out + " is a file; expected a folder");
    }
    Files.createDirectories(out);
    StoreCatalog catalog = new StoreCatalog(params);
    Run run = new Run(catalog);
    List<Path> files = new ArrayList<>();
    switch (format) {
      case CSV -> files.addAll(writeText(TextFormat.CSV, out, run, progress));
      case JSONL -> files.addAll(writeText(TextFormat.JSONL, out, run, progress));
      case DATASET -> {
        Path dir = out.resolve("dataset");
        DatasetWriter.write(buildDataset(run, progress), dir);
        files.add(dir);
      }
    }
    GroundTruth.write(params, run.segments, out.resolve(TRUTH));
    CampaignSpec.write(CampaignSpec.planted(), out.resolve(CAMPAIGNS));
    files.add(out.resolve(TRUTH));
    files.add(out.resolve(CAMPAIGNS));
    return new GenerationSummary(
        params.users(), params.items(), run.total(), run.byType(), Duration.ofNanos(System.nanoTime() - began), files);
  }

  /** The store in memory (for tests and the demo; every event is held, so keep it small). */
  public GeneratedStore generate(Progress progress) throws IOException {
    Run run = new Run(new StoreCatalog(params));
    Dataset dataset = buildDataset(run, progress);
    return new GeneratedStore(dataset, GroundTruth.of(params, run.segments), CampaignSpec.planted());
  }

  private List<Path> writeText(TextFormat format, Path out, Run run, Progress progress) throws IOException {
    Path events = out.resolve("events." + format.extension);
    Path catalog = out.resolve("catalog." + format.extension);
    Path users = out.resolve("users." + format.extension);
    Path eventsPart = partial(events);
    Path usersPart = partial(users);
    Path catalogPart = partial(catalog);
    try (OutputStream o = Files.newOutputStream(catalogPart)) {
      ByteText text = new ByteText(FLUSH_BYTES + 4096);
      format.header(text, TextFormat.ITEM_FIELDS);
      for (int i = 0; i < run.catalog.size; i++) {
        format.item(text, run.catalog, i);
        if (text.length() >= FLUSH_BYTES) {
          text.writeTo(o);
          text.clear();
        }
      }
      text.writeTo(o);
    }
    // Chunk buffers go round between the workers and the writer instead of being reallocated.
    BlockingQueue<ByteText> spare = new ArrayBlockingQueue<>(4 * threads + 8);
    try (OutputStream ev = Files.newOutputStream(eventsPart);
        OutputStream us = Files.newOutputStream(usersPart)) {
      ByteText head = new ByteText(256);
      format.header(head, TextFormat.EVENT_FIELDS);
      head.writeTo(ev);
      head.clear();
      format.header(head, TextFormat.USER_FIELDS);
      head.writeTo(us);
      ThreadLocal<EventBuffer> buffers = ThreadLocal.withInitial(() -> new EventBuffer(4096));
      run.inChunks(
          (sim, from, to) -> {
            EventBuffer buffer = buffers.get();
            ByteText eventText = take(spare);
            ByteText userText = take(spare);
            TextChunk chunk = new TextChunk(from, eventText, userText, new byte[to - from], new long[EventType.values().length]);
            for (int u = from; u < to; u++) {
              buffer.clear();
              Shopper s = sim.simulate(u, buffer);
              chunk.segments[u - from] = (byte) s.segment().ordinal();
              format.user(userText, s);
              for (int r = 0; r < buffer.size; r++) {
                format.event(eventText, buffer, r);
                chunk.byType[buffer.type[r]]++;
              }
            }
            return chunk;
          },
          chunk -> {
            chunk.events.writeTo(ev);
            chunk.users.writeTo(us);
            run.collect(chunk.from, chunk.segments, chunk.byType);
            give(spare, chunk.events);
            give(spare, chunk.users);
          },
          progress);
    }
    move(catalogPart, catalog);
    move(usersPart, users);
    move(eventsPart, events);
    return List.of(events, catalog, users);
  }

  private Dataset buildDataset(Run run, Progress progress) throws IOException {
    StoreCatalog c = run.catalog;
    DatasetBuilder builder = new DatasetBuilder().source(describe());
    String[] itemIds = new String[c.size];
    for (int i = 0; i < c.size; i++) {
      itemIds[i] = "p" + (i + 1);
      List<String> path = List.of(c.category(i).split(CatalogItem.CATEGORY_SEPARATOR));
      builder.addItem(
          new CatalogItem(itemIds[i], c.title[i], path, c.brandNames[c.brand[i]], c.priceCents[i] / 100.0, c.inStock[i], Map.of(), c.created[i]));
    }
    EventType[] types = EventType.values();
    run.inChunks(
        (sim, from, to) -> {
          EventBuffer buffer = new EventBuffer(64 * (to - from));
          Shopper[] shoppers = new Shopper[to - from];
          for (int u = from; u < to; u++) {
            shoppers[u - from] = sim.simulate(u, buffer);
          }
          return new EventChunk(from, buffer, shoppers);
        },
        chunk -> {
          EventBuffer b = chunk.events;
          byte[] segments = new byte[chunk.shoppers.length];
          long[] byType = new long[types.length];
          int r = 0;
          for (int k = 0; k < chunk.shoppers.length; k++) {
            Shopper s = chunk.shoppers[k];
            segments[k] = (byte) s.segment().ordinal();
            String userId = "u" + (s.index() + 1);
            // Users enter the dictionaries in order, so u1 is user 0 even if it has no events.
            builder.addUser(new UserAttributes(userId, s.gender(), s.ageBand(), s.region(), s.registered()));
            for (; r < b.size && b.user[r] == s.index(); r++) {
              byType[b.type[r]]++;
              builder.add(
                  new BehaviorEvent(
                      userId,
                      itemIds[b.item[r]],
                      types[b.type[r]],
                      b.time[r],
                      b.quantity[r],
                      b.priceCents[r] < 0 ? Double.NaN : b.priceCents[r] / 100.0,
                      b.order[r] < 0 ? null : "o" + (s.index() + 1) + "-" + b.order[r],
                      b.session[r] < 0 ? null : "s" + (s.index() + 1) + "-" + b.session[r],
                      b.channel[r] < 0 ? null : Channel.VALUES[b.channel[r]].wireName,
                      b.campaign[r] < 0 ? null : PlantedCampaign.VALUES[b.campaign[r]].id,
                      null));
            }
          }
          run.collect(chunk.from, segments, byType);
        },
        progress);
    return builder.build();
  }

  private String describe() {
    return "qianmian generate --users " + params.users() + " --items " + params.items() + " --days " + params.days()
        + " --seed " + params.seed() + " --start " + params.start();
  }

  private static Path partial(Path file) {
    return file.resolveSibling(file.getFileName() + ".partial");
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static ByteText take(BlockingQueue<ByteText> spare) {
    ByteText t = spare.poll();
    return t != null ? t : new ByteText(1 << 22);
  }

  private static void give(BlockingQueue<ByteText> spare, ByteText t) {
    t.clear();
    spare.offer(t);
  }

  private record TextChunk(int from, ByteText events, ByteText users, byte[] segments, long[] byType) {}

  private record EventChunk(int from, EventBuffer events, Shopper[] shoppers) {}

  /** Work on the shoppers {@code from..to} with this thread's simulator. */
  @FunctionalInterface
  private interface ChunkWork<T> {
    T run(ShopperSimulator sim, int from, int to);
  }

  /** Consumes a chunk's result, in shopper order, on the calling thread. */
  @FunctionalInterface
  private interface ChunkSink<T> {
    void accept(T chunk) throws IOException;
  }

  /** One generation: the shared catalog and calendar, and what the chunks report back. */
  private final class Run {
    final StoreCatalog catalog;
    final StoreCalendar calendar = new StoreCalendar(params);
    final byte[] segments = new byte[params.users()];
    final long[] byType = new long[EventType.values().length];

    Run(StoreCatalog catalog) {
      this.catalog = catalog;
    }

    void collect(int from, byte[] chunkSegments, long[] chunkByType) {
      System.arraycopy(chunkSegments, 0, segments, from, chunkSegments.length);
      for (int t = 0; t < byType.length; t++) {
        byType[t] += chunkByType[t];
      }
    }

    long total() {
      long n = 0;
      for (long c : byType) {
        n += c;
      }
      return n;
    }

    Map<String, Long> byType() {
      Map<String, Long> m = new LinkedHashMap<>();
      for (EventType t : EventType.values()) {
        if (byType[t.ordinal()] > 0) {
          m.put(t.wireName(), byType[t.ordinal()]);
        }
      }
      return Collections.unmodifiableMap(m);
    }

    /**
     * Runs {@code work} over all shoppers in chunks on the pool, at most a few chunks ahead of the
     * writer (that bounds memory), and hands the results to {@code sink} in shopper order.
     */
    <T> void inChunks(ChunkWork<T> work, ChunkSink<T> sink, Progress progress) throws IOException {
      int users = params.users();
      int chunks = (users + CHUNK - 1) / CHUNK;
      AtomicInteger names = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "store-generator-" + names.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      ThreadLocal<ShopperSimulator> simulators =
          ThreadLocal.withInitial(() -> new ShopperSimulator(params, catalog, calendar));
      ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
      try (Progress.Task task = progress.begin("generate store", users, "users")) {
        int next = 0;
        long events = 0;
        while (next < chunks && inFlight.size() < 2 * threads + 2) {
          inFlight.add(submit(pool, simulators, work, next++));
        }
        int done = 0;
        while (!inFlight.isEmpty()) {
          T chunk = await(inFlight.poll());
          sink.accept(chunk);
          if (next < chunks) {
            inFlight.add(submit(pool, simulators, work, next++));
          }
          done = Math.min(users, done + CHUNK);
          task.stepTo(done);
          if (done % (16 * CHUNK) == 0 || done == users) {
            long total = total();
            if (total != events) {
              events = total;
              task.message(String.format("%,d events", events));
            }
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private <T> Future<T> submit(ExecutorService pool, ThreadLocal<ShopperSimulator> sims, ChunkWork<T> work, int chunk) {
      int from = chunk * CHUNK;
      int to = (int) Math.min(params.users(), (long) from + CHUNK);
      return pool.submit(() -> work.run(sims.get(), from, to));
    }
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("store generation interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
