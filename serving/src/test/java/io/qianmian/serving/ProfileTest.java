package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/users/{userId}/profile}, from the profiles a bundle carries. */
class ProfileTest {
  @RegisterExtension static final FixtureServer http = new FixtureServer(dir -> "");

  @Test
  void aProfileHasTheApiShape() {
    TestServer.Answer a = http.get("/v1/users/u0/profile");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo("application/json");
    JsonNode p = a.json();
    assertThat(p.get("userId").asText()).isEqualTo("u0");
    JsonNode rfm = p.get("rfm");
    for (String field : new String[] {"recency", "frequency", "monetary", "r", "f", "m", "cell"}) {
      assertThat(rfm.has(field)).as(field).isTrue();
    }
    // u0 bought once (p2, 12.0) on 2026-11-20; the profiles are as of 2026-11-25.
    assertThat(rfm.get("frequency").asInt()).isEqualTo(1);
    assertThat(rfm.get("monetary").asDouble()).isEqualTo(12.0);
    assertThat(p.get("lifecycle").isTextual()).isTrue();
    assertThat(p.get("segments").isArray()).isTrue();
    assertThat(p.has("cluster")).isTrue();
    assertThat(p.get("tags").isArray()).isTrue();
    assertThat(p.get("tags").get(0).has("tag")).isTrue();
    assertThat(p.get("tags").get(0).has("weight")).isTrue();
  }

  @Test
  void theSecondAskIsServedFromTheCacheUnchanged() {
    assertThat(http.get("/v1/users/u1/profile").text()).isEqualTo(http.get("/v1/users/u1/profile").text());
  }

  @Test
  void aUserWithoutProfileIsA404Problem() {
    TestServer.Answer a = http.get("/v1/users/stranger/profile");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("field").asText()).isEqualTo("userId");
  }
}
