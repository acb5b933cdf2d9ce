package io.qianmian.serving.reuse;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few spare objects for the answering path to take and give back instead of allocating them per
 * answer: what an answer allocates decides how often the young generation is collected, and each
 * collection pauses every answer in flight. Lock-free; a take finds a spare in the first free slot
 * from one picked by the thread, and when all are taken the caller makes a new one (given back
 * later, it refills the pool or is dropped). Holds at most a fixed number, so a burst never
 * leaves a large pool behind.
 */
public final class SmallPool<T> {
  private final AtomicReferenceArray<T> slots;

  /** A pool of at most {@code size} spares (a power of two). */
  public SmallPool(int size) {
    if (size < 1 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two, got " + size);
    }
    slots = new AtomicReferenceArray<>(size);
  }

  /** A spare, or null when there is none. */
  public T take() {
    int start = start();
    for (int n = 0; n < slots.length(); n++) {
      int slot = (start + n) & (slots.length() - 1);
      T t = slots.getPlain(slot);
      if (t != null && slots.compareAndSet(slot, t, null)) {
        return t;
      }
    }
    return null;
  }

  /** Gives {@code t} back; nothing else may use it afterwards. */
  public void give(T t) {
    int start = start();
    for (int n = 0; n < slots.length(); n++) {
      int slot = (start + n) & (slots.length() - 1);
      if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, t)) {
        return;
      }
    }
  }

  private int start() {
    return (int) Thread.currentThread().threadId() & (slots.length() - 1);
  }
}
