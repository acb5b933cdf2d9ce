package io.qianmian.trainer.eval;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * A model trained with its cost measured.
 *
 * <p>Time is wall-clock time of {@link ModelTrainer#fit}, and the CPU time the whole process spent
 * meanwhile (all threads, GC included; only the fit runs then), which stays comparable when other
 * work competes for the cores. Memory is measured with the JVM's memory
 * pool beans: a full GC first (so the baseline is live data only), then every heap pool's peak is
 * reset, and after the fit the peaks of all heap pools are summed and the heap in use before the fit
 * subtracted. The pools peak at different moments and garbage not yet collected counts too, so it is
 * an upper bound of what the fit needed beyond the data it was given; compare models run in the
 * same JVM with the same heap settings, not absolute numbers across machines.
 *
 * @param model the trained model
 * @param seconds wall-clock seconds of the fit
 * @param cpuSeconds process CPU seconds during the fit
 * @param peakHeapBytes peak heap used during the fit beyond the heap in use before it
 */
record MeasuredFit(Recommender model, double seconds, double cpuSeconds, long peakHeapBytes) {

  static MeasuredFit of(ModelTrainer trainer, Interactions train, Progress progress) {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    System.gc();
    long before = 0;
    for (MemoryPoolMXBean p : heap) {
      before += p.getUsage().getUsed();
      p.resetPeakUsage();
    }
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    Recommender model = trainer.fit(train, progress);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : heap) {
      peak += p.getPeakUsage().getUsed();
    }
    return new MeasuredFit(model, seconds, cpuSeconds, Math.max(0, peak - before));
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }
}
