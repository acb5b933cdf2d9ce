package io.qianmian.serving.model;

/**
 * What a reload did.
 *
 * @param outcome loaded, unchanged or refused
 * @param version the version now served (null while none is)
 * @param detail why a bundle was refused, else null
 */
public record ReloadResult(Outcome outcome, String version, String detail) {
  /** The kinds of result. */
  public enum Outcome {
    /** A new model is being served. */
    LOADED,
    /** The directory names the version already served (or no version at all). */
    UNCHANGED,
    /** The named bundle failed validation; the previous model keeps serving. */
    REFUSED
  }
}
