package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.SearchLimits;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finding 3 of issue 12 against the real server: pathological regexes and search queries are
 * refused with a clear 400 before any work, or stopped at their time budget with a 503, while
 * health keeps answering; a full search pool answers 503 {@code busy}; closing the host during a
 * pathological grep returns promptly; the server stays usable after every attack.
 */
@org.junit.jupiter.api.Tag("abuse")
class SearchAbuseTest {

  /** The regex of the finding: a billion a's, which took minutes and gigabytes. */
  static final String FINDING = "a{1000}{1000}{1000}";

  /**
   * Backtracks to the 12th power on a line of a's without a b. Its lines end with a char outside
   * ASCII, so {@link java.util.regex} (not the automaton) matches them: only the budget stops it.
   */
  static final String BACKTRACKS = "(.*a){12}b";

  @RegisterExtension final TestHost oncell = TestHost.create();
  private RunningServer api;
  private final HttpClient probe =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private void start(SearchLimits limits) {
    oncell.open(c -> c.withSearch(limits));
    api = new RunningServer(oncell);
    assertThat(api.post("/v1/customers", "{\"id\":\"acme\"}").status()).isEqualTo(201);
    put("src/auth.ts", "export function verifyToken(token: string) {\n  return token;\n}\n");
    put("slow.txt", ("a".repeat(90) + "\u00e9\n").repeat(40));
    Reply indexed = api.post("/v1/customers/acme/index", "{}");
    assertThat(indexed.status()).as(indexed.body()).isEqualTo(200);
  }

  private void put(String path, String content) {
    Reply put = api.put("/v1/customers/acme/files/" + path, content);
    assertThat(put.status()).as("PUT %s: %s", path, put.body()).isEqualTo(200);
  }

  private Reply grep(String regex) {
    ObjectNode body = RunningServer.JSON.createObjectNode().put("regex", regex).put("limit", 10);
    return api.post("/v1/customers/acme/grep", body.toString());
  }

  private Reply search(String query) {
    ObjectNode body = RunningServer.JSON.createObjectNode().put("query", query);
    return api.post("/v1/customers/acme/search", body.toString());
  }

  /** The server answers greps and searches normally. */
  private void stillUsable() {
    Reply ok = grep("verifyToken");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("matches").findValuesAsText("path")).contains("src/auth.ts");
    Reply found = search("verify token");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.json().path("hits").findValuesAsText("path")).contains("src/auth.ts");
  }

  private static void tooComplex(Reply reply, String limit) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("pattern_too_complex");
    assertThat(reply.json().path("error").path("message").asText()).contains("limit: " + limit);
  }

  @Test
  @Timeout(120)
  void costlyRegexesAreAClear400BeforeAnyWork() {
    start(SearchLimits.defaults());
    long started = System.nanoTime();
    tooComplex(grep(FINDING), "nested repetition");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused at once, not after minutes")
        .isLessThan(Duration.ofSeconds(5));
    tooComplex(grep("(x{100}){101}"), "nested repetition");
    tooComplex(grep("a{5000}"), "repetition bound");
    tooComplex(grep("a|".repeat(5001) + "b"), "pattern length");
    tooComplex(grep("q" + "w".repeat(1001)), "literal length");
    tooComplex(grep("(".repeat(65) + "a" + ")".repeat(65)), "group depth");
    Reply invalid = grep("(unclosed");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorCode()).isEqualTo("invalid_regex");
    stillUsable();
  }

  @Test
  @Timeout(120)
  void longQueriesAndGlobsGetAClearAnswer() {
    start(SearchLimits.defaults());
    // A long bug report pasted as a query: answered, within the query limit
    String report =
        "TypeError: cannot read property 'verifyToken' of undefined at AuthMiddleware.handle\n"
            .repeat(300);
    Reply pasted = search(report.substring(0, 19_000));
    assertThat(pasted.status()).as(pasted.body()).isEqualTo(200);
    Reply huge = search("token ".repeat(5_000));
    assertThat(huge.status()).as(huge.body()).isEqualTo(400);
    assertThat(huge.errorCode()).isEqualTo("invalid_query");
    assertThat(huge.json().path("error").path("message").asText()).contains("at most 20000");
    ObjectNode globbed =
        RunningServer.JSON
            .createObjectNode()
            .put("query", "verify")
            .put("glob", "*".repeat(2_000) + ".ts");
    Reply glob = api.post("/v1/customers/acme/search", globbed.toString());
    assertThat(glob.status()).as(glob.body()).isEqualTo(400);
    assertThat(glob.errorCode()).isEqualTo("invalid_glob");
    ObjectNode backtracking =
        RunningServer.JSON.createObjectNode().put("regex", "token").put("glob", "*a*a*a*a*a*b");
    Reply costly = api.post("/v1/customers/acme/grep", backtracking.toString());
    assertThat(costly.status()).as(costly.body()).isEqualTo(400);
    assertThat(costly.errorCode()).isEqualTo("pattern_too_complex");
    stillUsable();
  }

  @Test
  @Timeout(120)
  void aBacktrackingGrepStopsAtItsBudgetWithA503() {
    start(SearchLimits.defaults().withTimeout(Duration.ofSeconds(1)));
    long started = System.nanoTime();
    Reply slow = grep(BACKTRACKS);
    assertThat(slow.status()).as(slow.body()).isEqualTo(503);
    assertThat(slow.errorCode()).isEqualTo("search_timeout");
    assertThat(slow.raw().headers().firstValue("Retry-After")).isPresent();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("stopped near its 1 s budget")
        .isLessThan(Duration.ofSeconds(10));
    stillUsable();
  }

  @Test
  @Timeout(180)
  void healthAnswersWhilePathologicalGrepsRun() throws Exception {
    start(SearchLimits.defaults().withTimeout(Duration.ofSeconds(6)));
    List<CompletableFuture<Reply>> attacks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      attacks.add(CompletableFuture.supplyAsync(() -> grep(BACKTRACKS)));
      attacks.add(CompletableFuture.supplyAsync(() -> grep(FINDING)));
    }
    Thread.sleep(300);
    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    int probes = 0;
    while (System.nanoTime() < until) {
      long sent = System.nanoTime();
      HttpResponse<String> health =
          probe.send(
              HttpRequest.newBuilder(URI.create(api.server.url() + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - sent))
          .as("health answers while the greps run (probe %d)", probes)
          .isLessThan(Duration.ofSeconds(2));
      probes++;
      Thread.sleep(100);
    }
    assertThat(attacks.stream().filter(a -> !a.isDone()).count())
        .as("the backtracking greps were still running while health was probed")
        .isPositive();
    for (CompletableFuture<Reply> attack : attacks) {
      Reply r = attack.get(60, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.body()).isIn(400, 503);
      assertThat(r.errorCode()).isIn("pattern_too_complex", "search_timeout", "busy");
    }
    stillUsable();
  }

  @Test
  @Timeout(120)
  void aFullSearchPoolAnswersBusy() throws Exception {
    start(SearchLimits.defaults().withThreads(1).withQueue(0).withTimeout(Duration.ofSeconds(4)));
    CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> grep(BACKTRACKS));
    Thread.sleep(1000);
    Reply busy = grep("verifyToken");
    assertThat(busy.status()).as(busy.body()).isEqualTo(503);
    assertThat(busy.errorCode()).isEqualTo("busy");
    assertThat(busy.raw().headers().firstValue("Retry-After")).contains("1");
    assertThat(slow.get(60, TimeUnit.SECONDS).errorCode()).isEqualTo("search_timeout");
    stillUsable();
  }

  @Test
  @Timeout(120)
  void closingTheHostDuringAPathologicalGrepReturnsPromptly() throws Exception {
    start(SearchLimits.defaults().withTimeout(Duration.ofMinutes(5)));
    CompletableFuture<Integer> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return grep(BACKTRACKS).status();
              } catch (AssertionError e) {
                return -1; // the connection was closed under it
              }
            });
    Thread.sleep(1000);
    assertThat(slow).as("the grep runs").isNotDone();
    long started = System.nanoTime();
    api.close(); // what SIGTERM does: the server, then the host
    api = null;
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the host closes without waiting for the grep")
        .isLessThan(Duration.ofSeconds(20));
    assertThat(slow.get(30, TimeUnit.SECONDS))
        .as("the client got an answer or a closed connection")
        .isNotEqualTo(200);
    // the server starts again on the same home and answers
    api = new RunningServer(oncell);
    stillUsable();
  }

  @Test
  @Timeout(180)
  void aClientThatLeavesMidGrepCancelsIt() throws Exception {
    // One search thread, no queue, a budget far longer than the test: only the client leaving can
    // free the thread for the next grep.
    start(SearchLimits.defaults().withThreads(1).withQueue(0).withTimeout(Duration.ofMinutes(10)));
    String body =
        RunningServer.JSON.createObjectNode().put("regex", BACKTRACKS).put("limit", 10).toString();
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(
          "POST /v1/customers/acme/grep HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + RunningServer.KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              + "\r\n\r\n"
              + body);
      Thread.sleep(1500);
      assertThat(grep("verifyToken").errorCode())
          .as("the slow grep holds the only thread")
          .isEqualTo("busy");
    } // the client goes away
    Reply next = null;
    for (int i = 0; i < 60; i++) {
      next = grep("verifyToken");
      if (next.status() == 200) {
        break;
      }
      Thread.sleep(1000);
    }
    assertThat(next.status()).as("the pool is free again: %s", next.body()).isEqualTo(200);
  }
}
