package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.server.RunningServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/customers/:id/git/credentials} over a real server: operator keys only, every bad input
 * a clear error that changes nothing, and the token in no answer, log record, cell log or file.
 */
class GitCredentialsApiTest {

  private static final String TOKEN = "ghp_ApiT0kenNeverShown4Kp9Xw";
  private static final String PATH = "/v1/customers/acme/git/credentials";

  @RegisterExtension
  final dev.oncell.runtime.fixtures.TestHost oncell =
      dev.oncell.runtime.fixtures.TestHost.create(c -> c.withEmbeddingModel("none"));

  private RunningServer api;
  private final List<String> answers = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private final Map<String, Level> levels = new java.util.TreeMap<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
              line.append(' ').append(p);
            }
          }
          if (record.getThrown() != null) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            try (PrintWriter w = new PrintWriter(trace, true, StandardCharsets.UTF_8)) {
              record.getThrown().printStackTrace(w);
            }
            line.append('\n').append(trace.toString(StandardCharsets.UTF_8));
          }
          synchronized (logged) {
            logged.add(line.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    Logger.getLogger("").addHandler(capture);
    capture.setLevel(Level.ALL);
    for (String name : List.of("dev.oncell", "io.helidon")) {
      // Everything the server logs, at every level, is searched for the token.
      levels.put(name, Logger.getLogger(name).getLevel());
      Logger.getLogger(name).setLevel(Level.ALL);
    }
    api = new RunningServer(oncell);
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    api.close();
    Logger.getLogger("").removeHandler(capture);
    levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
  }

  /** A call whose answer is kept for the leak check. */
  private Reply call(String method, String path, String body) {
    Reply reply = api.call(method, path, body);
    answers.add(reply.status() + " " + reply.raw().headers().map() + " " + reply.body());
    return reply;
  }

  private static String body(String host, String token) {
    return RunningServer.JSON.createObjectNode().put("host", host).put("token", token).toString();
  }

  @Test
  void operatorsSetListReplaceAndDeleteAndNeverSeeATokenBack() {
    Reply set =
        call(
            "PUT",
            PATH,
            "{\"host\":\"GitHub.com\",\"username\":\"bot\",\"token\":\"" + TOKEN + "\"}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    JsonNode info = set.json();
    assertThat(info.path("customer").asText()).isEqualTo("acme");
    assertThat(info.path("host").asText()).isEqualTo("github.com");
    assertThat(info.path("username").asText()).isEqualTo("bot");
    assertThat(info.path("hint").asText()).isEqualTo("****p9Xw");
    assertThat(info.path("createdAt").asText()).isEqualTo(info.path("updatedAt").asText());
    assertThat(
            call("PUT", PATH, body("gitlab.example.com", "short")).json().path("username").isNull())
        .as("no user name: null")
        .isTrue();

    Reply list = call("GET", PATH, null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("credentials"))
        .extracting(c -> c.path("host").asText() + " " + c.path("hint").asText())
        .containsExactly("github.com ****p9Xw", "gitlab.example.com ****");
    assertThat(list.json().path("credentials").get(0)).isEqualTo(info);

    Reply replaced = call("PUT", PATH, body("github.com", TOKEN + "2"));
    assertThat(replaced.json().path("hint").asText()).isEqualTo("****9Xw2");
    assertThat(replaced.json().path("createdAt")).isEqualTo(info.path("createdAt"));
    assertThat(replaced.json().path("username").isNull()).isTrue();

    assertThat(call("DELETE", PATH + "/GITHUB.COM", null).status()).isEqualTo(204);
    Reply again = call("DELETE", PATH + "/github.com", null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("git_credential_not_found");
    assertThat(call("GET", PATH, null).json().path("credentials")).hasSize(1);

    assertThat(call("PUT", PATH, body("::1", TOKEN)).json().path("host").asText())
        .isEqualTo("[::1]");
    assertThat(call("DELETE", PATH + "/%5B%3A%3A1%5D", null).status())
        .as("an IPv6 host, encoded")
        .isEqualTo(204);
    assertNoLeak();
  }

  @Test
  void everyBadInputIsAClearErrorAndChangesNothing() {
    call("PUT", PATH, body("github.com", TOKEN));
    String before = call("GET", PATH, null).body();

    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(body("https://github.com", "t0ken-ok"), "invalid_git_host");
    bad.put(body("github.com:443", "t0ken-ok"), "invalid_git_host");
    bad.put(body("github.com/org/repo", "t0ken-ok"), "invalid_git_host");
    bad.put(body("x:" + TOKEN + "@github.com", "t0ken-ok"), "invalid_git_host");
    bad.put(body("", "t0ken-ok"), "invalid_git_host");
    bad.put("{\"token\":\"t0ken-ok\"}", "invalid_git_host");
    bad.put(body("github.com", ""), "invalid_git_token");
    bad.put("{\"host\":\"github.com\"}", "invalid_git_token");
    bad.put(body("github.com", TOKEN + "\n"), "invalid_git_token");
    bad.put(body("github.com", "with space"), "invalid_git_token");
    bad.put(body("github.com", "x".repeat(4097)), "invalid_git_token");
    bad.put(
        "{\"host\":\"github.com\",\"username\":\"a:b\",\"token\":\"t0ken-ok\"}",
        "invalid_git_username");
    bad.put(
        "{\"host\":\"github.com\",\"username\":\"\",\"token\":\"t0ken-ok\"}",
        "invalid_git_username");
    bad.put(
        "{\"host\":\"github.com\",\"username\":\"a\\u0000\",\"token\":\"t0ken-ok\"}",
        "invalid_git_username");
    bad.put("{\"host\":\"github.com\",\"token\":\"t0ken-ok\",\"scope\":\"x\"}", "invalid_request");
    bad.put("{\"host\":\"github.com\",\"token\":42}", "invalid_request");
    bad.put("{\"host\":[\"github.com\"],\"token\":\"t0ken-ok\"}", "invalid_request");
    bad.put("[]", "invalid_request");
    bad.put("{\"host\":\"github.com\",\"token\":\"t0ken-ok\"", "malformed_json");
    bad.put("", "malformed_json");
    bad.forEach(
        (request, code) -> {
          Reply reply = call("PUT", PATH, request);
          assertThat(reply.status()).as(request).isEqualTo(400);
          assertThat(reply.errorCode()).as(request).isEqualTo(code);
          assertThat(reply.json().path("error").path("message").asText())
              .as("a message that says what is wrong")
              .isNotBlank()
              .doesNotContain(TOKEN);
        });
    assertThat(call("DELETE", PATH + "/github.com:443", null).errorCode())
        .isEqualTo("invalid_git_host");

    assertThat(call("GET", PATH, null).body()).as("nothing changed").isEqualTo(before);
    assertNoLeak();
  }

  @Test
  void aCredentialMayBeStoredBeforeItsCustomerExists() {
    String path = "/v1/customers/newcomer/git/credentials";
    assertThat(call("GET", path, null).json().path("credentials")).isEmpty();
    assertThat(call("DELETE", path + "/github.com", null).errorCode())
        .isEqualTo("git_credential_not_found");
    Reply set = call("PUT", path, body("github.com", TOKEN));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(call("POST", "/v1/customers", "{\"id\":\"newcomer\"}").status()).isEqualTo(201);
    assertThat(call("GET", path, null).json().path("credentials")).hasSize(1);
    Reply badId = call("PUT", "/v1/customers/Not_An_Id/git/credentials", body("github.com", TOKEN));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.errorCode()).isEqualTo("invalid_customer_id");
    assertNoLeak();
  }

  @Test
  void aCustomersOwnKeyCanNeitherSeeNorSetNorDeleteItsCredentials() {
    call("PUT", PATH, body("github.com", TOKEN));
    String key = api.host.apiKeys().issueCustomerToken("acme", "editor");
    byte[] replace = body("github.com", "attacker-token-0000").getBytes(StandardCharsets.UTF_8);
    byte[] redirect = body("evil.example", "attacker-token-0000").getBytes(StandardCharsets.UTF_8);

    List<Reply> refused =
        List.of(
            api.call("GET", PATH, null, key),
            api.call("PUT", PATH, replace, key),
            api.call("PUT", PATH, redirect, key),
            api.call("DELETE", PATH + "/github.com", null, key),
            api.call("GET", "/v1/customers/acme/git//credentials", null, key),
            api.call("GET", "/v1/customers/acme//git/credentials", null, key),
            api.call("GET", "/v1/customers/acme/GIT/Credentials", null, key),
            api.call("GET", "/v1/customers/acme/git/credentials/", null, key),
            api.call("GET", "/v1/customers/acme/git/%63redentials", null, key),
            api.call("GET", "/v1/customers/globex/git/credentials", null, key));
    for (Reply reply : refused) {
      answers.add(reply.body());
      assertThat(reply.status())
          .as("%s %s", reply.raw().request().method(), reply.raw().uri())
          .isIn(403, 404);
      assertThat(reply.body()).doesNotContain(TOKEN);
    }
    assertThat(refused.subList(0, 4)).extracting(Reply::status).containsOnly(403);
    assertThat(api.call("GET", "/v1/customers/acme", null, key).status())
        .as("the key itself works")
        .isEqualTo(200);

    JsonNode list = call("GET", PATH, null).json().path("credentials");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("hint").asText()).as("unchanged").isEqualTo("****p9Xw");
    assertNoLeak();
  }

  @Test
  void deletingTheCustomerDeletesItsCredentialsForAnyLaterCustomerOfThatId() {
    call("PUT", PATH, body("github.com", TOKEN));
    assertThat(call("DELETE", "/v1/customers/acme", null).status()).isEqualTo(204);
    assertThat(call("GET", PATH, null).json().path("credentials")).isEmpty();
    assertThat(call("POST", "/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    assertThat(call("GET", PATH, null).json().path("credentials")).isEmpty();
  }

  @Test
  void theTokenIsInNoCellLogShellOutputOrFile() throws Exception {
    call("PUT", PATH, body("github.com", TOKEN));
    Reply shell = api.shell("acme", "env; cat /work/.git/config 2>/dev/null; ls -la /work");
    answers.add(shell.body());
    assertThat(shell.status()).as(shell.body()).isEqualTo(200);
    answers.add(call("GET", "/v1/customers/acme", null).body());
    assertNoLeak();

    api.close();
    try (Stream<Path> files = Files.walk(api.home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(content).as("file %s", api.home.relativize(f)).doesNotContain(TOKEN);
      }
    }
    api = new RunningServer(oncell);
    assertThat(call("GET", PATH, null).json().path("credentials").get(0).path("hint").asText())
        .as("still there after a restart")
        .isEqualTo("****p9Xw");
  }

  private void assertNoLeak() {
    assertThat(answers).isNotEmpty();
    assertThat(String.join("\n", answers)).as("API answers").doesNotContain(TOKEN);
    synchronized (logged) {
      assertThat(logged).as("the server logged something to search").isNotEmpty();
      assertThat(String.join("\n", logged)).as("the server's log").doesNotContain(TOKEN);
    }
  }
}
