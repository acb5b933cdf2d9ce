package io.qianmian.features.segment;

import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Where an expression finds its values: a column per field and per lookup, indexed by dense user
 * index. Asked once per expression when it is bound, never per user.
 */
public interface Binding {
  /** The values of a number field of the schema. */
  IntToDoubleFunction number(String field);

  /** The values of a text field of the schema (null where unknown). */
  IntFunction<String> text(String field);

  /** The values of a lookup such as {@code affinity(category "Books")}. */
  IntToDoubleFunction lookup(String function, String keyword, String value);
}
