package dev.oncell.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A real server on an ephemeral loopback port over a real host in a temporary ONCELL_HOME. */
final class RunningServer implements AutoCloseable {

  static final String KEY = "test-operator-key-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path home;
  final Host host;
  final OncellServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningServer(Path home, long maxBodyBytes) {
    this(HostConfig.defaults(home), maxBodyBytes);
  }

  RunningServer(HostConfig config, long maxBodyBytes) {
    this(config, b -> b.maxBodyBytes(maxBodyBytes));
  }

  /** A server whose builder {@code settings} adjust (limits, timeouts). */
  RunningServer(HostConfig config, UnaryOperator<OncellServer.Builder> settings) {
    this.home = config.home();
    this.host = Host.open(config);
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    this.server = settings.apply(OncellServer.builder(host).port(0)).build().start();
  }

  RunningServer(Path home) {
    this(home, 16L << 20);
  }

  /**
   * A server started as {@code oncell serve} would be: with {@code operatorKey} as ONCELL_API_KEY,
   * or without it (the key in operator.key, generated if needed). A failed start closes the host.
   */
  RunningServer(HostConfig config, Optional<String> operatorKey) {
    this.home = config.home();
    this.host = Host.open(config);
    try {
      host.apiKeys().bootstrapOperatorKey(operatorKey);
      this.server = OncellServer.builder(host).port(0).build().start();
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** A response with its body as text and, if it parses, as JSON. */
  record Reply(int status, String body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  Reply call(String method, String path, String body) {
    return call(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), KEY);
  }

  Reply call(String method, String path, byte[] body, String key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Reply get(String path) {
    return call("GET", path, null);
  }

  Reply post(String path, String json) {
    return call("POST", path, json);
  }

  Reply put(String path, String body) {
    return call("PUT", path, body);
  }

  Reply delete(String path) {
    return call("DELETE", path, null);
  }

  Reply shell(String customer, String command) {
    return post(
        "/v1/customers/" + customer + "/shell",
        JSON.createObjectNode().put("command", command).put("timeoutMs", 20000).toString());
  }

  @Override
  public void close() {
    server.close();
    host.close();
  }
}
