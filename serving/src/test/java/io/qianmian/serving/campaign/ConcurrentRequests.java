package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads released at once, each deciding {@code perThread} requests, spread over the deciders in
 * turn (one decider: one server; several: replicas sharing a store). Every fourth request is the
 * same user, "hot", racing for its frequency cap; the others are users of their own.
 */
final class ConcurrentRequests {
  private ConcurrentRequests() {}

  /**
   * What the answers showed.
   *
   * @param shown impressions of {@code budgeted} granted to anyone
   * @param shownToHotUser impressions of {@code capped} granted to the hot user
   */
  record Shown(int shown, int shownToHotUser) {}

  static Shown run(List<CampaignDecider> deciders, int threads, int perThread, String budgeted, String capped) throws Exception {
    AtomicInteger shown = new AtomicInteger();
    AtomicInteger shownToHotUser = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int k = 0; k < perThread; k++) {
          String userId = k % 4 == 0 ? "hot" : "u" + thread + "-" + k;
          CampaignDecider d = deciders.get((thread + k) % deciders.size());
          for (Decision.Offer o : d.decide(user("r" + thread + "-" + k, userId, "new", NOW), 3).offers()) {
            if (o.campaign().id().equals(budgeted)) {
              shown.incrementAndGet();
            }
            if (o.campaign().id().equals(capped) && userId.equals("hot")) {
              shownToHotUser.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new Shown(shown.get(), shownToHotUser.get());
  }
}
