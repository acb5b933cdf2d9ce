package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.NOW;
import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.serving.campaign.CounterStore.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryCountersTest {
  /**
   * Without a journal to slow them down, threads hammer the same counters; the budgets run out in
   * the middle of the run, while every thread is reserving.
   */
  @Test
  void manyThreadsReservingAtOnceNeverExceedTheBudgetTheDailyCapOrAUsersCap() throws Exception {
    CampaignSet s = set(
        "{'id': 'total', 'budget': {'impressions': 12000}}",
        "{'id': 'daily', 'budget': {'impressions': 100000, 'daily': 9000}}",
        "{'id': 'capped', 'frequencyCap': {'impressions': 5, 'period': 'P1D'}}");
    MemoryCounters counters = new MemoryCounters(CounterSettings.DEFAULTS);
    int threads = 8;
    int rounds = 4000;
    AtomicInteger[] granted = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int k = 0; k < rounds; k++) {
          // Half the requests are one user's, so its cap is contended too.
          String user = k % 2 == 0 ? "hot" : "u" + thread + "-" + k;
          List<Reservation.Slot> planned = new ArrayList<>();
          for (int c = 0; c < 3; c++) {
            planned.add(new Reservation.Slot(s.campaigns().get(c), c, 1));
          }
          for (Reservation.Slot g : counters.reserve(new Reservation("r", user, null, NOW.toEpochMilli(), null, planned, List.of()))) {
            int c = s.campaigns().indexOf(g.campaign());
            if (c != 2 || user.equals("hot")) {
              granted[c].incrementAndGet();
            }
          }
        }
      }));
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(granted[0].get()).isEqualTo(12000);
    assertThat(granted[1].get()).isEqualTo(9000);
    assertThat(granted[2].get()).isEqualTo(5);
    assertThat(counters.stats().get("total").impressions()).isEqualTo(12000);
  }
}
