package io.qianmian.serving.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The model being served: one {@link AtomicReference} swapped whole. Requests read it once, without
 * locks; a swap installs a completely prepared snapshot, so there is no moment at which a request
 * could see a half-loaded model.
 */
public final class LiveModel {
  private final AtomicReference<Model> current = new AtomicReference<>();
  private final List<Consumer<Model>> listeners = new CopyOnWriteArrayList<>();

  /** The current model, or null while none is loaded. */
  public Model current() {
    return current.get();
  }

  /** Whether a model is loaded (readiness). */
  public boolean ready() {
    return current.get() != null;
  }

  /** Installs {@code model}, then tells the listeners (which drop caches of the old one). */
  public void install(Model model) {
    current.set(model);
    for (Consumer<Model> l : listeners) {
      l.accept(model);
    }
  }

  /** Calls {@code listener} after every swap, with the new model. */
  public void onSwap(Consumer<Model> listener) {
    listeners.add(listener);
  }
}
