package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunCommandTest extends CliTestSupport {

  static final String ROUTE = "POST /v1/agents/analyze";

  static final String SUCCEEDED =
      """
      {"runId": "r-1", "status": "succeeded", "result": {"rows": 3}, "error": null}
      """;

  static final String FAILED =
      """
      {"runId": "r-2", "status": "timed_out", "result": null,
       "error": {"code": "timed_out", "message": "took longer than 60 s"}}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void succeeded_printsTheResultIndented_andExitsZero() throws Exception {
    server.onJson(ROUTE, 200, SUCCEEDED);

    Run run = run("run", "analyze", "--customer", "acme", "--input", "{\"q\": \"sales\"}");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("{" + nl() + "  \"rows\" : 3" + nl() + "}" + nl());
    assertThat(run.err()).isEmpty();
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"customer\": \"acme\", \"input\": {\"q\": \"sales\"}}"));
  }

  @Test
  void inputThatIsNotJson_isSentAsAString_andNoInputAsAnEmptyObject() throws Exception {
    server.onJson(ROUTE, 200, SUCCEEDED);

    run("run", "analyze", "--customer", "acme", "--input", "hello world");
    String asString = server.lastRequest().bodyText();
    run("run", "analyze", "--customer", "acme");

    assertThat(mapper.readTree(asString).path("input").asText()).isEqualTo("hello world");
    assertThat(mapper.readTree(server.lastRequest().body()).path("input"))
        .isEqualTo(mapper.createObjectNode());
  }

  @Test
  void inputFile_andStdin_areParsedLikeInput() throws Exception {
    server.onJson(ROUTE, 200, SUCCEEDED);
    Path file = Files.writeString(home.resolve("input.json"), "[1, 2]\n");

    run("run", "analyze", "--customer", "acme", "--input-file", file.toString());
    String fromFile = server.lastRequest().bodyText();
    run(serverEnv(), "{\"piped\": true}", "run", "analyze", "-c", "acme", "--input-file", "-");

    assertThat(mapper.readTree(fromFile).path("input")).isEqualTo(mapper.readTree("[1, 2]"));
    assertThat(mapper.readTree(server.lastRequest().body()).path("input"))
        .isEqualTo(mapper.readTree("{\"piped\": true}"));
  }

  @Test
  void inputAndInputFileTogether_isAUsageError() {
    Run run = run("run", "analyze", "-c", "acme", "--input", "1", "--input-file", "x.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--input and --input-file");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void idempotencyKey_isSentAsAHeader() {
    server.onJson(ROUTE, 200, SUCCEEDED);

    run("run", "analyze", "-c", "acme", "--idempotency-key", "order-42");

    assertThat(server.lastRequest().header("Idempotency-Key")).contains("order-42");
  }

  @Test
  void aRunThatDidNotSucceed_printsOneErrorLine_andExitsOne() {
    server.onJson(ROUTE, 200, FAILED);

    Run run = run("run", "analyze", "--customer", "acme");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).as("no result to print").isEmpty();
    assertThat(run.err())
        .isEqualTo("oncell: run r-2 timed out: took longer than 60 s (timed_out)" + nl());
  }

  @Test
  void json_printsTheWholeResult_withTheSameExitCode() throws Exception {
    server.onJson(ROUTE, 200, FAILED);

    Run run = run("run", "analyze", "--customer", "acme", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(FAILED));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void refusedBeforeARunStarts_isAnApiError() {
    server.onJson(
        ROUTE, 409, "{\"error\": {\"code\": \"run_in_progress\", \"message\": \"acme is busy\"}}");

    Run run = run("run", "analyze", "--customer", "acme");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("oncell: acme is busy (run_in_progress)" + nl());
  }

  @Test
  void customerIsRequired() {
    Run run = run("run", "analyze");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--customer");
  }

  static String nl() {
    return System.lineSeparator();
  }
}
