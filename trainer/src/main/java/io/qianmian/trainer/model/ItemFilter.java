package io.qianmian.trainer.model;

/** Which items to leave out of a ranking. */
@FunctionalInterface
public interface ItemFilter {
  ItemFilter NONE = i -> false;

  /** Whether item {@code i} must not be returned. */
  boolean excludes(int i);
}
