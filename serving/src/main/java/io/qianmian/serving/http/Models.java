package io.qianmian.serving.http;

import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;

/** The model a request answers from, or a 503 while none is loaded. */
final class Models {
  private Models() {}

  static Model require(LiveModel live) {
    Model m = live.current();
    if (m == null) {
      throw ProblemException.unavailable("no model is loaded yet; the server answers once a bundle is published");
    }
    return m;
  }
}
