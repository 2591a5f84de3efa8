package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The code search endpoints on a real server: index, status, search, grep and their errors. */
class SearchApiTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    for (Map.Entry<String, String> file : ShopRepo.FILES.entrySet()) {
      Reply put = api.put("/v1/customers/acme/files/" + file.getKey(), file.getValue());
      assertThat(put.status()).as("PUT %s: %s", file.getKey(), put.body()).isEqualTo(200);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void symbolsOfAFileFromTheIndexAndNoneForAFileNotIndexed() {
    assertThat(api.get("/v1/customers/acme/symbols?path=" + ShopRepo.AUTH_FILE).json())
        .as("before indexing: none, not an error")
        .isEqualTo(
            RunningServer.JSON
                .createObjectNode()
                .put("path", ShopRepo.AUTH_FILE)
                .set("symbols", RunningServer.JSON.createArrayNode()));
    assertThat(index("{\"path\":\"/work\"}").status()).isEqualTo(200);

    Reply symbols = api.get("/v1/customers/acme/symbols?path=/work/" + ShopRepo.AUTH_FILE);
    assertThat(symbols.status()).as(symbols.body()).isEqualTo(200);
    JsonNode list = symbols.json().path("symbols");
    assertThat(list.findValuesAsText("name"))
        .as(symbols.body())
        .contains("AuthMiddleware", "AuthMiddleware.verifyToken");
    int previous = 0;
    for (JsonNode symbol : list) {
      assertThat(symbol.path("startLine").asInt())
          .as("line order")
          .isGreaterThanOrEqualTo(previous);
      assertThat(symbol.path("endLine").asInt())
          .isGreaterThanOrEqualTo(symbol.path("startLine").asInt());
      assertThat(symbol.path("kind").asText()).isNotBlank();
      previous = symbol.path("startLine").asInt();
    }
    assertThat(api.get("/v1/customers/acme/symbols?path=README.none").json().path("symbols"))
        .isEmpty();

    Reply noPath = api.get("/v1/customers/acme/symbols");
    assertThat(noPath.status()).isEqualTo(400);
    assertThat(noPath.errorCode()).isEqualTo("invalid_path");
    Reply folder = api.get("/v1/customers/acme/symbols?path=/work");
    assertThat(folder.status()).isEqualTo(400);
    assertThat(folder.errorCode()).isEqualTo("invalid_path");
    Reply escape = api.get("/v1/customers/acme/symbols?path=../../etc/passwd");
    assertThat(escape.status()).isEqualTo(400);
    assertThat(escape.errorCode()).isEqualTo("invalid_path");
    assertThat(escape.body()).doesNotContain(home.toString());
  }

  private Reply index(String body) {
    return api.post("/v1/customers/acme/index", body);
  }

  @Test
  void indexThenSearchFindsTheAuthMiddlewareFirst() {
    Reply indexed = index("{\"path\":\"/work\"}");
    assertThat(indexed.status()).as(indexed.body()).isEqualTo(200);
    JsonNode report = indexed.json();
    assertThat(report.path("files").asInt()).isGreaterThanOrEqualTo(10);
    assertThat(report.path("status").path("chunks").asInt()).isPositive();

    Reply search =
        api.post(
            "/v1/customers/acme/search", "{\"query\":\"authentication middleware\",\"topK\":5}");
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    JsonNode hits = search.json().path("hits");
    assertThat(hits.size()).isBetween(1, 5);
    JsonNode first = hits.get(0);
    assertThat(first.path("path").asText()).as(search.body()).isEqualTo(ShopRepo.AUTH_FILE);
    assertThat(first.path("score").asDouble()).isEqualTo(1.0);
    for (JsonNode hit : hits) {
      assertThat(hit.path("score").asDouble()).isBetween(0.0, 1.0);
      assertThat(hit.path("startLine").asInt()).isPositive();
      assertThat(hit.path("endLine").asInt()).isGreaterThanOrEqualTo(hit.path("startLine").asInt());
      assertThat(hit.has("symbol")).isTrue();
      assertThat(hit.path("language").asText()).isNotBlank();
      assertThat(hit.path("content").asText()).isNotBlank();
    }

    Reply globbed =
        api.post(
            "/v1/customers/acme/search",
            "{\"query\":\"order total tax\",\"topK\":3,\"glob\":\"**/*.py\"}");
    assertThat(globbed.json().path("hits").get(0).path("path").asText())
        .isEqualTo("services/orders/orders/service.py");
    assertThat(globbed.json().path("hits").findValuesAsText("path"))
        .allMatch(p -> p.endsWith(".py"));

    Reply status = api.get("/v1/customers/acme/index");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("files").asInt())
        .isEqualTo(report.path("status").path("files").asInt());
  }

  @Test
  void grepAnswersLikeGrepRnE() {
    index("{}");
    Reply grep =
        api.post(
            "/v1/customers/acme/grep", "{\"regex\":\"verifyToken|ErrDeclined\",\"limit\":100}");
    assertThat(grep.status()).as(grep.body()).isEqualTo(200);
    JsonNode matches = grep.json().path("matches");
    assertThat(matches.findValuesAsText("path"))
        .contains(ShopRepo.AUTH_FILE, "services/payments/stripe.go")
        .doesNotContain("dist/api.js");
    for (JsonNode m : matches) {
      assertThat(m.path("text").asText()).containsAnyOf("verifyToken", "ErrDeclined");
      assertThat(m.path("line").asInt()).isPositive();
    }
    assertThat(grep.json().path("truncated").asBoolean()).isFalse();

    Reply limited = api.post("/v1/customers/acme/grep", "{\"regex\":\"e\",\"limit\":2}");
    assertThat(limited.json().path("matches").size()).isEqualTo(2);
    assertThat(limited.json().path("truncated").asBoolean()).isTrue();
  }

  @Test
  void aCustomerTokenSearchesItsOwnCellOnly() {
    index("{}");
    api.post("/v1/customers", "{\"id\":\"globex\"}");
    String token = api.host.apiKeys().issueCustomerToken("globex", "editor");
    byte[] query = "{\"query\":\"authentication middleware\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(api.call("POST", "/v1/customers/acme/search", query, token).status())
        .as("globex's token does not reach acme's code")
        .isEqualTo(403);
    assertThat(api.call("POST", "/v1/customers/acme/grep", query, token).status()).isEqualTo(403);
    Reply own = api.call("POST", "/v1/customers/globex/search", query, token);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().path("hits").size())
        .as("globex's own cell holds no code, so nothing of acme's leaks into its answer")
        .isZero();
  }

  @Test
  void badRequestsAreRefusedWithClearCodes() {
    index("{}");
    String[][] cases = {
      {"/index", "{\"path\":\"../../etc\"}", "400", "invalid_path"},
      {"/index", "{\"path\":\"/etc/passwd\"}", "400", "invalid_path"},
      {"/index", "{\"glob\":\"**/*.{ts\"}", "400", "invalid_glob"},
      {"/index", "{\"pth\":\"x\"}", "400", "invalid_request"},
      {"/index", "{\"path\":", "400", "malformed_json"},
      {"/search", "{\"query\":\"\"}", "400", "invalid_query"},
      {"/search", "{\"topK\":5}", "400", "invalid_request"},
      {"/search", "{\"query\":\"a\",\"topK\":0}", "400", "invalid_top_k"},
      {"/search", "{\"query\":\"a\",\"topK\":101}", "400", "invalid_top_k"},
      {"/search", "{\"query\":\"a\",\"topK\":\"ten\"}", "400", "invalid_request"},
      {"/search", "{\"query\":\"" + "word ".repeat(5000) + "\"}", "400", "invalid_query"},
      {"/grep", "{\"regex\":\"(unclosed\"}", "400", "invalid_regex"},
      {"/grep", "{\"regex\":\"a\",\"limit\":0}", "400", "invalid_limit"},
      {"/grep", "[1,2]", "400", "invalid_request"},
    };
    for (String[] c : cases) {
      Reply reply = api.post("/v1/customers/acme" + c[0], c[1]);
      String what = c[0] + " " + (c[1].length() > 60 ? c[1].substring(0, 60) + "..." : c[1]);
      assertThat(reply.status())
          .as("%s -> %s", what, reply.body())
          .isEqualTo(Integer.parseInt(c[2]));
      assertThat(reply.errorCode()).as("%s -> %s", what, reply.body()).isEqualTo(c[3]);
    }
    assertThat(api.post("/v1/customers/nobody/search", "{\"query\":\"auth\"}").status())
        .isEqualTo(404);
    assertThat(api.get("/v1/customers/acme/index").json().path("files").asInt())
        .as("no bad request changed the index")
        .isGreaterThanOrEqualTo(10);
  }
}
