package io.qianmian.serving.http;

import io.helidon.http.HttpException;
import io.helidon.http.Status;

/**
 * An error answer in the making: thrown by handlers, written by {@link Problems} as an RFC 9457
 * {@code application/problem+json} body. No stack trace: these are expected outcomes, not bugs.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;
  private final String type;
  private final String title;
  private final String field;

  ProblemException(Status status, String type, String title, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
  }

  /** 400: a parameter or body field is missing or invalid. */
  public static ProblemException badParameter(String field, String detail) {
    return new ProblemException(Status.BAD_REQUEST_400, "invalid-parameter", "Invalid parameter", detail, field);
  }

  /** 400: the body is not JSON. */
  public static ProblemException malformedJson(String detail) {
    return new ProblemException(Status.BAD_REQUEST_400, "malformed-json", "Malformed JSON", detail, null);
  }

  /** 413: the body or batch exceeds a configured limit. */
  public static ProblemException tooLarge(String field, String detail) {
    return new ProblemException(
        Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", "Payload too large", detail, field);
  }

  /** 404: an id the server does not know, where the API says so. */
  public static ProblemException notFound(String field, String detail) {
    return new ProblemException(Status.NOT_FOUND_404, "not-found", "Not found", detail, field);
  }

  /** 401: no usable credentials. */
  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Status.UNAUTHORIZED_401, "unauthorized", "Unauthorized", detail, null);
  }

  /** 403: credentials that do not grant access. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(Status.FORBIDDEN_403, "forbidden", "Forbidden", detail, null);
  }

  /** 503: the server cannot answer yet (no model loaded, event log unavailable). */
  public static ProblemException unavailable(String detail) {
    return new ProblemException(
        Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable", detail, null);
  }

  /** 422: a model bundle that was refused. */
  public static ProblemException bundleRefused(String detail) {
    return new ProblemException(
        Status.create(422, "Unprocessable Content"), "bundle-refused", "Bundle refused", detail, null);
  }

  /** Helidon's own HTTP error (e.g. 404 for a path no route serves), with its status and message. */
  static ProblemException of(HttpException e) {
    Status status = e.status();
    return new ProblemException(status, status.code() == 404 ? "not-found" : "http-" + status.code(), status.reasonPhrase(), e.getMessage(), null);
  }

  /** 500: a bug; the detail stays generic, the cause goes to the log. */
  public static ProblemException internal() {
    return new ProblemException(
        Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal server error", "the server failed; see its log", null);
  }

  /** The HTTP status. */
  public Status status() {
    return status;
  }

  /** The problem type's short name (the URI is built from it). */
  public String type() {
    return type;
  }

  /** A short, fixed summary of the problem type. */
  public String title() {
    return title;
  }

  /** What went wrong in this instance. */
  public String detail() {
    return getMessage();
  }

  /** The parameter or body field at fault, or null. */
  public String field() {
    return field;
  }
}
