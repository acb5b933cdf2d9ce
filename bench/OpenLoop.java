import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop HTTP load generator for the server benchmark (what wrk2 does): requests are sent at a
 * constant rate whatever the server does, and each latency is measured from the moment the request
 * was due, not from when it was sent — so a server that stalls is charged for every request that
 * waited behind the stall (no coordinated omission). Request {@code k} is due at {@code k / rate}
 * seconds and goes out on any idle keep-alive HTTP/1.1 connection (a fixed pool); when all are busy
 * it waits for the first to come free, and that wait counts in its latency. Latencies go to an
 * HdrHistogram.
 *
 * <p>It shares the machine with the server, so it is built to cost little: one thread sends, one
 * thread reads every connection through a selector. The sender sleeps at least a millisecond
 * ({@code -Dquantum=} nanoseconds) and then sends every request that has come due, so at thousands
 * of requests a second it wakes a thousand times, not once per request; a request sent late by that
 * is charged the delay, since latency counts from its due time. A thread per blocking connection,
 * waking for each request, cost about 80 µs of CPU per request on 2 cores — as much as the server's
 * answer — and left that much less of the machine to the server it was measuring.
 *
 * <p>{@code java -cp HdrHistogram.jar bench/OpenLoop.java URL PATH RATE SECONDS [CONNECTIONS]
 * [WARMUP_SECONDS]}; {@code PATH} may hold {@code {user}} (replaced by {@code u1…u1000000}) and
 * {@code {item}} ({@code p1…p100000}), spread so that consecutive requests ask for different shoppers
 * (override the ranges with -Dusers= and -Ditems=); -Dtimeline=FILE also writes the worst latency of each
 * 100 ms of due times. Prints one line: the rate asked and achieved,
 * errors (non-2xx, I/O, unanswered), latency percentiles in milliseconds and the client's own CPU time
 * per request.
 */
public final class OpenLoop {
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: OpenLoop URL PATH RATE SECONDS [CONNECTIONS] [WARMUP_SECONDS]");
      System.exit(2);
    }
    java.net.URI base = java.net.URI.create(args[0]);
    String path = args[1];
    double rate = Double.parseDouble(args[2]);
    double seconds = Double.parseDouble(args[3]);
    int connections = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 3;
    int users = Integer.getInteger("users", 1_000_000);
    int items = Integer.getInteger("items", 100_000);
    // A new stretch of shoppers each run, so no run finds the caches filled by the one before.
    long offset = Long.getLong("offset", System.nanoTime() & 0xFFFFFF);

    Run run = new Run(new InetSocketAddress(base.getHost(), base.getPort()), base.getHost(), connections,
        k -> {
          long x = k + offset;
          return path.replace("{user}", "u" + ((x * 7919) % users + 1)).replace("{item}", "p" + ((x * 104729) % items + 1));
        },
        (long) (1e9 / rate), (long) ((seconds + warmup) * rate), (long) (warmup * rate));
    long cpu0 = cpuNanos();
    run.execute();
    long cpu = cpuNanos() - cpu0;
    Histogram h = run.recorder.getIntervalHistogram();
    String timeline = System.getProperty("timeline");
    if (timeline != null) {
      run.writeTimeline(java.nio.file.Path.of(timeline));
    }
    long n = h.getTotalCount();
    System.out.printf(
        "rate %.0f/s asked, %.0f/s done, %d requests, %d non-2xx, %d I/O errors, %d unanswered; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; client CPU %.0f µs/request%n",
        rate, n / run.measuredSeconds(), n, run.failed.get(), run.ioErrors.get(), run.unanswered, ms(h, 50), ms(h, 90), ms(h, 99),
        ms(h, 99.9), h.getMaxValue() / 1e6, cpu / 1e3 / Math.max(1, run.total));
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  /** CPU time of this whole process (both threads, the JIT and the collector too). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One run: the sender on the calling thread, the reader on its own. */
  private static final class Run {
    /** The sender's shortest sleep. */
    static final long QUANTUM = Long.getLong("quantum", 1_000_000L);
    final Recorder recorder = new Recorder(3_600_000_000_000L, 3);
    final AtomicLong failed = new AtomicLong();
    final AtomicLong ioErrors = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final long total;
    long unanswered;

    private final InetSocketAddress address;
    private final String host;
    private final java.util.function.LongFunction<String> pathOf;
    private final long interval;
    private final long warmupRequests;
    private final Selector selector;
    private final List<Connection> all = new ArrayList<>();
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    /** Requests that came due while every connection was busy, oldest first. */
    private final ConcurrentLinkedQueue<long[]> waiting = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Connection> toRegister = new ConcurrentLinkedQueue<>();
    private long start;
    /** Per 100 ms of due times, the worst latency (-Dtimeline=FILE): whether slow requests come together. */
    static final long WINDOW = 100_000_000L;
    private final long[] worst;

    Run(InetSocketAddress address, String host, int connections, java.util.function.LongFunction<String> pathOf,
        long interval, long total, long warmupRequests) throws IOException {
      this.address = address;
      this.host = host;
      this.pathOf = pathOf;
      this.interval = interval;
      this.total = total;
      this.warmupRequests = warmupRequests;
      this.worst = new long[(int) (total * interval / WINDOW) + 2];
      this.selector = Selector.open();
      for (int c = 0; c < connections; c++) {
        Connection conn = new Connection();
        all.add(conn);
        idle.add(conn);
      }
    }

    /** One line per 100 ms window of due times: its start in seconds and its worst latency in ms. */
    void writeTimeline(java.nio.file.Path file) throws IOException {
      StringBuilder out = new StringBuilder("# second worst_latency_ms\n");
      for (int w = 0; w < worst.length; w++) {
        out.append(String.format("%.1f %.2f%n", w * WINDOW / 1e9, worst[w] / 1e6));
      }
      java.nio.file.Files.writeString(file, out);
    }

    double measuredSeconds() {
      return (System.nanoTime() - (start + warmupRequests * interval)) / 1e9;
    }

    void execute() throws InterruptedException {
      Thread reader = Thread.ofPlatform().name("reader").start(this::read);
      start = System.nanoTime() + 100_000_000L;
      for (long k = 0; k < total; k++) {
        long due = start + k * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          dispatch();
          LockSupport.parkNanos(Math.max(wait, QUANTUM));
        }
        waiting.add(new long[] {k, due});
      }
      dispatch();
      // Everything is sent or waiting for a connection; give the stragglers 30 s.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (done.get() < total && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      unanswered = total - done.get();
      reader.interrupt();
      selector.wakeup();
      reader.join();
    }

    /** Sends waiting requests while there are idle connections (called by both threads). */
    private void dispatch() {
      while (!waiting.isEmpty()) {
        Connection c = idle.poll();
        if (c == null) {
          return; // the reader dispatches again when a connection comes free
        }
        long[] request = waiting.poll();
        if (request == null) {
          idle.add(c);
          return;
        }
        c.send(request[0], request[1]);
      }
    }

    private void read() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (Connection c; (c = toRegister.poll()) != null; ) {
            c.channel.register(selector, SelectionKey.OP_READ, c);
          }
          selector.select();
          for (SelectionKey key : selector.selectedKeys()) {
            ((Connection) key.attachment()).readable();
          }
          selector.selectedKeys().clear();
          dispatch();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void finished(long k, long due, int status) {
      long latency = System.nanoTime() - due;
      int window = (int) ((due - start) / WINDOW);
      if (window >= 0 && window < worst.length && latency > worst[window]) {
        worst[window] = latency; // the reader's, but for failed sends: a race costs a diagnostic one value
      }
      if (k >= warmupRequests) {
        recorder.recordValue(Math.max(1, latency));
        if (status == -1) {
          ioErrors.incrementAndGet();
        } else if (status / 100 != 2) {
          failed.incrementAndGet();
        }
      }
      done.incrementAndGet();
    }

    /** One keep-alive connection with at most one request outstanding; reconnects after an error. */
    private final class Connection {
      private SocketChannel channel;
      private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
      private byte[] response = new byte[1 << 14];
      private int length;
      // Set by the sender before the request goes out, read by the reader when its answer is in.
      private volatile long request;
      private volatile long due;

      void send(long k, long due) {
        this.request = k;
        this.due = due;
        this.length = 0;
        try {
          if (channel == null) {
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            toRegister.add(this);
            selector.wakeup();
          }
          ByteBuffer out = ByteBuffer.wrap(
              ("GET " + pathOf.apply(k) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          while (out.hasRemaining()) {
            channel.write(out); // an idle connection's send buffer is empty: this does not spin
          }
        } catch (IOException e) {
          fail();
        }
      }

      /** Reads what arrived; completes the request when the whole response is in. */
      void readable() {
        try {
          in.clear();
          int r = channel.read(in);
          if (r < 0) {
            fail();
            return;
          }
          in.flip();
          if (length + r > response.length) {
            response = java.util.Arrays.copyOf(response, Math.max(response.length * 2, length + r));
          }
          in.get(response, length, r);
          length += r;
          int status = complete();
          if (status != 0) {
            finished(request, due, status);
            idle.add(this);
          }
        } catch (IOException e) {
          fail();
        }
      }

      /** The status when {@code response} holds a whole response, else 0. Parses bytes: no strings per answer. */
      private int complete() {
        int headersEnd = indexOf("\r\n\r\n", 0);
        if (headersEnd < 0) {
          return 0;
        }
        int status = (response[9] - '0') * 100 + (response[10] - '0') * 10 + (response[11] - '0');
        int body = headersEnd + 4;
        for (int line = indexOf("\r\n", 0) + 2; line < headersEnd; line = indexOf("\r\n", line) + 2) {
          if (startsWithIgnoreCase(line, "content-length:")) {
            long size = 0;
            for (int at = line + 15; response[at] != '\r'; at++) {
              if (response[at] >= '0' && response[at] <= '9') {
                size = size * 10 + response[at] - '0';
              }
            }
            return length >= body + size ? status : 0;
          }
          if (startsWithIgnoreCase(line, "transfer-encoding:")) {
            return chunkedComplete(body) ? status : 0; // the only coding a server sends to this client
          }
        }
        return status; // no body
      }

      private boolean startsWithIgnoreCase(int at, String prefix) {
        for (int k = 0; k < prefix.length(); k++) {
          if (at + k >= length || Character.toLowerCase((char) response[at + k]) != prefix.charAt(k)) {
            return false;
          }
        }
        return true;
      }

      private boolean chunkedComplete(int at) {
        while (true) {
          int eol = indexOf("\r\n", at);
          if (eol < 0) {
            return false;
          }
          int size = Integer.parseInt(new String(response, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
          at = eol + 2 + size + 2;
          if (size == 0) {
            return length >= at;
          }
          if (at > length) {
            return false;
          }
        }
      }

      private int indexOf(String s, int from) {
        outer:
        for (int i = from; i + s.length() <= length; i++) {
          for (int j = 0; j < s.length(); j++) {
            if (response[i + j] != s.charAt(j)) {
              continue outer;
            }
          }
          return i;
        }
        return -1;
      }

      private void fail() {
        try {
          if (channel != null) {
            channel.close();
          }
        } catch (IOException ignored) {
          // already broken
        }
        channel = null;
        finished(request, due, -1);
        idle.add(this);
      }
    }
  }
}
