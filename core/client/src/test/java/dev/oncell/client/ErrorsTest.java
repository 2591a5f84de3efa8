package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest extends ClientTestSupport {

  @Test
  void jsonErrorBody_givesStatusCodeAndMessage() {
    server.onJson(
        "GET /v1/customers/ghost",
        404,
        "{\"error\": {\"code\": \"not_found\", \"message\": \"no customer ghost\"}}");

    OncellApiException e =
        catchThrowableOfType(OncellApiException.class, () -> client.customers().get("ghost"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("not_found");
    assertThat(e.getMessage()).isEqualTo("no customer ghost");
    assertThat(e.retryable()).as("404 is terminal").isFalse();
  }

  @Test
  void nonJsonErrorBody_fallsBackToHttpStatusAndRawBody() {
    server.on(
        "GET /v1/customers", 502, Map.of("Content-Type", "text/plain"), "Bad Gateway".getBytes());

    OncellApiException e =
        catchThrowableOfType(OncellApiException.class, () -> client.customers().list());

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEqualTo("http_502");
    assertThat(e.getMessage()).isEqualTo("Bad Gateway");
    assertThat(e.retryable()).as("502 is retryable").isTrue();
  }

  @Test
  void emptyErrorBody_namesTheStatusAndUrl() {
    server.on("GET /v1/customers", 401, Map.of(), new byte[0]);

    OncellApiException e =
        catchThrowableOfType(OncellApiException.class, () -> client.customers().list());

    assertThat(e.code()).isEqualTo("http_401");
    assertThat(e.getMessage()).contains("401").contains(server.url().toString());
  }

  @Test
  void connectionRefused_isUnreachableAndNamesTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);

    try (OncellClient closed = OncellClient.create(url, KEY)) {
      OncellApiException e =
          catchThrowableOfType(OncellApiException.class, () -> closed.customers().list());

      assertThat(e.status()).isZero();
      assertThat(e.code()).isEqualTo("unreachable");
      assertThat(e.getMessage()).contains("127.0.0.1:" + port);
      assertThat(e.retryable()).isTrue();
    }
  }

  @Test
  void successWithAnUnexpectedBody_isABadResponse() {
    server.onJson("GET /v1/customers/acme", 200, "{\"unexpected\": true}");

    OncellApiException e =
        catchThrowableOfType(OncellApiException.class, () -> client.customers().get("acme"));

    assertThat(e.code()).isEqualTo("bad_response");
    assertThat(e.status()).isEqualTo(200);
  }

  @Test
  void builder_requiresUrlAndKey() {
    assertThatThrownBy(() -> OncellClient.builder().apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> OncellClient.builder().url(server.url()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OncellClient.builder().url(URI.create("ftp://x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
