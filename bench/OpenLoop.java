import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop HTTP load generator for the server benchmark (what wrk2 does): requests are sent at a
 * constant rate whatever the server does, and each latency is measured from the moment the request
 * was due, not from when it was sent — so a server that stalls is charged for every request that
 * waited behind the stall (no coordinated omission). Keep-alive HTTP/1.1 over a fixed number of
 * connections; connection {@code c} sends requests {@code c, c + C, c + 2C, …}, request {@code k}
 * due at {@code k / rate} seconds. Latencies go to an HdrHistogram.
 *
 * <p>{@code java -cp HdrHistogram.jar bench/OpenLoop.java URL PATH RATE SECONDS [CONNECTIONS]
 * [WARMUP_SECONDS]}; {@code PATH} may hold {@code {user}} (replaced by {@code u1…u1000000}) and
 * {@code {item}} ({@code p1…p100000}), spread so that consecutive requests ask for different shoppers
 * (override the ranges with -Dusers= and -Ditems=). Prints one line: the rate asked and achieved,
 * errors (non-2xx, I/O), and latency percentiles in milliseconds.
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

    Recorder recorder = new Recorder(3_600_000_000_000L, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong ioErrors = new AtomicLong();
    long intervalNanos = (long) (1e9 / rate);
    long total = (long) ((seconds + warmup) * rate);
    long warmupRequests = (long) (warmup * rate);
    long start = System.nanoTime() + 100_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int conn = c;
      threads.add(Thread.ofPlatform().name("conn-" + c).start(() -> {
        Client client = new Client(base.getHost(), base.getPort());
        for (long k = conn; k < total; k += connections) {
          long due = start + k * intervalNanos;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          long x = k + offset;
          String p = path.replace("{user}", "u" + ((x * 7919) % users + 1)).replace("{item}", "p" + ((x * 104729) % items + 1));
          int status;
          try {
            status = client.get(p);
          } catch (IOException e) {
            status = -1;
            client.close();
          }
          long latency = System.nanoTime() - due;
          if (k >= warmupRequests) {
            recorder.recordValue(Math.max(1, latency));
            if (status == -1) {
              ioErrors.incrementAndGet();
            } else if (status / 100 != 2) {
              failed.incrementAndGet();
            } else {
              ok.incrementAndGet();
            }
          }
        }
        client.close();
      }));
    }
    long measuredFrom = start + warmupRequests * intervalNanos;
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    long n = h.getTotalCount();
    System.out.printf(
        "rate %.0f/s asked, %.0f/s done, %d requests, %d non-2xx, %d I/O errors; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
        rate, n / elapsed, n, failed.get(), ioErrors.get(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  /** One keep-alive connection; reconnects after an error. */
  private static final class Client {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] body = new byte[1 << 16];

    Client(String host, int port) {
      this.host = host;
      this.port = port;
    }

    int get(String path) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      }
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim();
        if (name.equalsIgnoreCase("content-length")) {
          length = Long.parseLong(h.substring(colon + 1).trim());
        } else if (name.equalsIgnoreCase("transfer-encoding") && h.toLowerCase().contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
          skip(size);
          line();
        }
        line();
      } else if (length > 0) {
        skip(length);
      }
      return code;
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        int r = in.read(body, 0, (int) Math.min(body.length, n));
        if (r < 0) {
          throw new IOException("connection closed mid-body");
        }
        n -= r;
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // already broken
        }
      }
      socket = null;
    }
  }
}
