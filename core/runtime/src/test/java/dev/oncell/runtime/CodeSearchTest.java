package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.search.IndexReport;
import dev.oncell.search.SearchHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cell's code search through the host: agents' ctx.index/search/grep, pause, restart. */
class CodeSearchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  private Cell shop(String id) {
    host.cells()
        .create(new Cells.NewCell(id, JSON.createObjectNode(), Optional.empty(), "production"));
    ShopRepo.writeTo(home.resolve("cells").resolve(id).resolve("work"));
    return host.cells().cell(id);
  }

  @Test
  void anAgentIndexesTheCellAndFindsTheAuthenticationCodeFirst() throws Exception {
    host.deployments().deploy(AgentRunsTest.ECHO, "production");
    CellInfo created =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("echo"), "production"));
    host.runs().await(created.setupRunId().orElseThrow());
    ShopRepo.writeTo(home.resolve("cells/acme/work"));

    JsonNode answer = code("acme", "authentication middleware", "verifyToken");
    assertThat(answer.path("index").path("files").asInt())
        .as("every text file that .gitignore keeps is indexed")
        .isGreaterThanOrEqualTo(10);
    JsonNode first = answer.path("hits").get(0);
    assertThat(first.path("path").asText())
        .as("the auth middleware comes first for 'authentication middleware': %s", answer)
        .isEqualTo(ShopRepo.AUTH_FILE);
    assertThat(first.path("score").asDouble()).isEqualTo(1.0);
    assertThat(first.path("language").asText()).isEqualTo("typescript");
    assertThat(answer.path("grep").toString())
        .as("grep finds the definition and its use, never the ignored dist/ copy")
        .contains(ShopRepo.AUTH_FILE)
        .doesNotContain("dist/");

    JsonNode bug = code("acme", "fix the token validation bug", "AuthMiddleware");
    assertThat(bug.path("hits").get(0).path("path").asText()).isEqualTo(ShopRepo.AUTH_FILE);
    assertThat(bug.path("index").path("unchanged").asInt())
        .as("indexing again skips unchanged files")
        .isGreaterThanOrEqualTo(10);
    assertThat(bug.path("index").path("files").asInt()).isZero();
  }

  private JsonNode code(String customer, String query, String regex) throws Exception {
    RunInfo run =
        host.runs()
            .start(
                customer,
                "code",
                JSON.createObjectNode().put("query", query).put("topK", 5).put("regex", regex),
                Optional.empty());
    RunInfo done = host.runs().await(run.id());
    assertThat(done.status())
        .as("run %s: %s", done.id(), done.error())
        .isEqualTo(RunStatus.SUCCEEDED);
    return done.result().orElseThrow();
  }

  @Test
  void searchWorksAfterPauseAndAfterARestartWithoutReindexing() {
    Cell cell = shop("acme");
    IndexReport report = cell.search().index("/work", Optional.empty());
    assertThat(report.files()).isGreaterThanOrEqualTo(10);
    List<SearchHit> before =
        cell.search().search("charge the customer's card", 3, Optional.empty());
    assertThat(before.getFirst().path()).isEqualTo("services/payments/stripe.go");

    host.cells().pause("acme");
    assertThat(host.cells().find("acme").orElseThrow().state()).isEqualTo(CellState.PAUSED);
    assertThat(cell.search().search("charge the customer's card", 3, Optional.empty()))
        .as("a search wakes the cell and answers as before")
        .isEqualTo(before);

    host = oncell.restart();
    Cell again = host.cells().cell("acme");
    assertThat(again.search().status().files()).isEqualTo(report.files());
    assertThat(again.search().search("charge the customer's card", 3, Optional.empty()))
        .isEqualTo(before);
  }

  @Test
  void editsAndDeletionsAreSeenByTheNextIndex() throws Exception {
    Cell cell = shop("acme");
    cell.search().index("", Optional.empty());
    Path work = home.resolve("cells/acme/work");
    Files.writeString(
        work.resolve("web/charts/revenue.js"),
        "export function drawPieOfRefunds() { return 1; }\n");
    Files.delete(work.resolve("services/payments/stripe.go"));

    IndexReport report = cell.search().index("/work", Optional.empty());
    assertThat(report.files()).as("only the edited file is indexed again").isEqualTo(1);
    assertThat(report.removed()).isEqualTo(1);
    assertThat(cell.search().search("pie of refunds", 1, Optional.empty()).getFirst().path())
        .isEqualTo("web/charts/revenue.js");
    assertThat(cell.search().grep("ErrDeclined", Optional.empty(), 10)).isEmpty();
  }

  @Test
  void badRequestsGetClearErrorsAndChangeNothing() {
    Cell cell = shop("acme");
    cell.search().index("/work", Optional.empty());
    int files = cell.search().status().files();
    CellSearch search = cell.search();

    assertCode(() -> search.index("../other", Optional.empty()), "invalid_path");
    assertCode(() -> search.index("/etc", Optional.empty()), "invalid_path");
    assertCode(() -> search.index("/work", Optional.of("**/*.{ts")), "invalid_glob");
    assertCode(() -> search.search(" ", 5, Optional.empty()), "invalid_query");
    assertCode(() -> search.search("x".repeat(20_001), 5, Optional.empty()), "invalid_query");
    assertCode(() -> search.search("auth", 0, Optional.empty()), "invalid_top_k");
    assertCode(() -> search.search("auth", 101, Optional.empty()), "invalid_top_k");
    assertCode(() -> search.search("auth", 5, Optional.of("[")), "invalid_glob");
    assertCode(() -> search.grep("(unclosed", Optional.empty(), 10), "invalid_regex");
    assertCode(() -> search.grep("auth", Optional.empty(), 0), "invalid_limit");

    assertThat(search.status().files()).as("nothing changed").isEqualTo(files);
    assertThatThrownBy(() -> host.cells().cell("nobody").search().status())
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  private static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void deletingTheCustomerDeletesItsIndex() {
    Cell cell = shop("acme");
    cell.search().index("/work", Optional.empty());
    assertThat(home.resolve("cells/acme/index")).isNotEmptyDirectory();
    host.cells().delete("acme");
    assertThat(home.resolve("cells/acme")).doesNotExist();
  }
}
