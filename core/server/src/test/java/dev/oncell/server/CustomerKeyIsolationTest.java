package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.server.RunningServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer key made through {@code POST /v1/keys}, used as a hostile customer would: it reaches
 * its own cell and runs, and nothing of another customer (files, memory, shell, search, runs,
 * usage), no secret, no key management, not even through encoded or dotted paths.
 */
@org.junit.jupiter.api.Tag("abuse")
class CustomerKeyIsolationTest {

  private static final byte[] ECHO = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  private RunningServer api;
  private String acmeKey;
  private String globexRun;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    assertThat(api.call("POST", "/v1/deployments?env=production", ECHO, RunningServer.KEY).status())
        .isEqualTo(201);
    for (String id : new String[] {"acme", "globex"}) {
      Reply made =
          api.post("/v1/customers?wait=true", "{\"id\":\"" + id + "\",\"agent\":\"echo\"}");
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
    api.put("/v1/customers/globex/files/private.txt", "globex's secret");
    api.put("/v1/customers/globex/memory/plan", "{\"secret\":true}");
    globexRun =
        api.post(
                "/v1/agents/echo",
                "{\"customer\":\"globex\",\"input\":{\"text\":\"g\",\"times\":1}}")
            .json()
            .path("runId")
            .asText();
    Reply key = api.post("/v1/keys", "{\"scope\":\"customer\",\"customer\":\"acme\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    acmeKey = key.json().path("key").asText();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Reply as(String method, String path, String body) {
    return api.call(
        method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), acmeKey);
  }

  @Test
  void reachesItsOwnCellAndRuns() {
    assertThat(as("PUT", "/v1/customers/acme/files/a.txt", "mine").status()).isEqualTo(200);
    assertThat(as("GET", "/v1/customers/acme/files/a.txt", null).body()).isEqualTo("mine");
    assertThat(as("PUT", "/v1/customers/acme/memory/m", "1").status()).isEqualTo(200);
    Reply shell = as("POST", "/v1/customers/acme/shell", "{\"command\":\"cat a.txt\"}");
    assertThat(shell.json().path("stdout").asText()).isEqualTo("mine");
    Reply run =
        as(
            "POST",
            "/v1/agents/echo",
            "{\"customer\":\"acme\",\"input\":{\"text\":\"a\",\"times\":2}}");
    assertThat(run.json().path("result").path("text").asText()).isEqualTo("aa");
    String runId = run.json().path("runId").asText();
    assertThat(as("GET", "/v1/runs/" + runId, null).status()).isEqualTo(200);
    assertThat(as("GET", "/v1/runs?customer=acme", null).status()).isEqualTo(200);
    assertThat(as("GET", "/v1/customers/acme", null).status()).isEqualTo(200);
    assertThat(as("GET", "/v1/customers/acme/usage", null).status()).isEqualTo(200);
  }

  @Test
  void reachesNothingOfAnotherCustomer() {
    String[][] calls = {
      {"GET", "/v1/customers/globex", null},
      {"GET", "/v1/customers/globex/files/private.txt", null},
      {"GET", "/v1/customers/globex/files/", null},
      {"PUT", "/v1/customers/globex/files/planted.txt", "x"},
      {"DELETE", "/v1/customers/globex/files/private.txt", null},
      {"GET", "/v1/customers/globex/memory/plan", null},
      {"GET", "/v1/customers/globex/memory", null},
      {"PUT", "/v1/customers/globex/memory/plan", "1"},
      {"DELETE", "/v1/customers/globex/memory/plan", null},
      {"POST", "/v1/customers/globex/shell", "{\"command\":\"cat private.txt\"}"},
      {"POST", "/v1/customers/globex/index", "{}"},
      {"POST", "/v1/customers/globex/search", "{\"query\":\"secret\"}"},
      {"POST", "/v1/customers/globex/grep", "{\"regex\":\"secret\"}"},
      {"GET", "/v1/customers/globex/usage", null},
      {"POST", "/v1/customers/globex/pause", null},
      {"DELETE", "/v1/customers/globex", null},
      {
        "POST",
        "/v1/agents/echo",
        "{\"customer\":\"globex\",\"input\":{\"text\":\"a\",\"times\":1}}"
      },
      {"POST", "/v1/agents/echo/stream", "{\"customer\":\"globex\"}"},
      {"GET", "/v1/runs?customer=globex", null},
      {"GET", "/v1/runs/" + globexRun, null},
      {"GET", "/v1/runs/" + globexRun + "/events?after=0", null},
      {"GET", "/v1/runs/" + globexRun + "/journal", null},
      {"POST", "/v1/runs/" + globexRun + "/cancel", null},
    };
    for (String[] c : calls) {
      Reply r = as(c[0], c[1], c[2]);
      assertThat(r.status()).as("%s %s -> %s", c[0], c[1], r.body()).isEqualTo(403);
      assertThat(r.body()).doesNotContain("globex's secret");
    }
    assertThat(api.get("/v1/customers/globex/files/planted.txt").status()).isEqualTo(404);
    assertThat(api.get("/v1/customers/globex/files/private.txt").body())
        .isEqualTo("globex's secret");
    assertThat(api.get("/v1/customers/globex/memory/plan").status()).isEqualTo(200);
    assertThat(api.get("/v1/customers/globex").json().path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void managesNoKeysSecretsDeploymentsOrItsOwnCellsLifecycle() {
    String[][] calls = {
      {"GET", "/v1/keys", null},
      {"POST", "/v1/keys", "{\"scope\":\"customer\",\"customer\":\"acme\"}"},
      {"POST", "/v1/keys", "{\"scope\":\"operator\"}"},
      {"POST", "/v1/keys/bootstrap/rotate", null},
      {"DELETE", "/v1/keys/key_0000000000000000", null},
      {"GET", "/v1/secrets", null},
      {"PUT", "/v1/secrets/OPENAI_API_KEY", "{\"value\":\"mine\"}"},
      {"DELETE", "/v1/secrets/OPENAI_API_KEY", null},
      {"GET", "/v1/deployments", null},
      {"POST", "/v1/deployments/promote", "{\"from\":\"staging\",\"to\":\"production\"}"},
      {"GET", "/v1/customers", null},
      {"POST", "/v1/customers", "{\"id\":\"evil\"}"},
      {"DELETE", "/v1/customers/acme", null},
      {"POST", "/v1/customers/acme/pause", null},
    };
    for (String[] c : calls) {
      Reply r = as(c[0], c[1], c[2]);
      assertThat(r.status()).as("%s %s -> %s", c[0], c[1], r.body()).isEqualTo(403);
    }
    assertThat(api.get("/v1/keys").json().path("keys")).as("no key was made").hasSize(2);
    assertThat(api.get("/v1/customers/evil").status()).isEqualTo(404);
  }

  @Test
  void dottedEncodedOrOddlyCasedPathsDoNotLeadToAnotherCustomer() throws IOException {
    String[] paths = {
      "/v1/customers/acme/../globex/files/private.txt",
      "/v1/customers/acme/%2e%2e/globex/files/private.txt",
      "/v1/customers/acme%2F..%2Fglobex/files/private.txt",
      "/v1/customers/globex%2Ffiles/private.txt",
      "/v1/runs/../customers/globex/files/private.txt",
      "/v1/runs/%2e%2e/customers/globex/files/private.txt",
      "/v1/agents/../customers/globex/files/private.txt",
      "/v1//customers/globex/files/private.txt",
      "/v1/customers//globex/files/private.txt",
      "/v1/customers/GLOBEX/files/private.txt",
      "/v1/customers/globex/./files/private.txt",
      "/./v1/customers/globex/files/private.txt",
      "/v1/keys/../customers/globex/files/private.txt",
    };
    for (String path : paths) {
      String answer = raw("GET " + path);
      System.out.println(
          "RAWCHECK "
              + path
              + " -> "
              + answer.lines().findFirst().orElse("")
              + " "
              + answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(answer).as(path).doesNotContain("globex's secret");
      assertThat(answer.lines().findFirst().orElse(""))
          .as("%s -> %s", path, answer)
          .contains(" 403 ");
    }
  }

  /**
   * One request over a raw socket, so no client normalizes the path first; the answer's head and as
   * much of its body as its Content-Length says.
   */
  private String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + acmeKey
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        int end = -1;
        long length = 0;
        for (int b; (b = in.read()) >= 0; ) {
          got.write(b);
          String text = got.toString(StandardCharsets.ISO_8859_1);
          if (end < 0 && text.endsWith("\r\n\r\n")) {
            end = text.length();
            Matcher m = CONTENT_LENGTH.matcher(text);
            length = m.find() ? Long.parseLong(m.group(1)) : 0;
          }
          if (end >= 0 && got.size() >= end + length) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            requestLine + ": no end of answer after: " + got.toString(StandardCharsets.UTF_8), e);
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");
}
