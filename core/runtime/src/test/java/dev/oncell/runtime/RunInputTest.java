package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.InputAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a run's input becomes for the agent, and what an idempotency key promises. */
class RunInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
    host.deployments()
        .deploy(PluginJars.plugin("input-plugin", "1.0.0", InputAgent.class), "production");
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("input"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private String result(String method, JsonNode input, Optional<String> key) {
    RunInfo run = host.runs().await(host.runs().start("acme", method, input, key).id());
    assertThat(run.status()).as("%s: %s", method, run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow().asText();
  }

  private int runs() {
    return host.runs().list("acme").size();
  }

  @Test
  void noInputNeverReachesTheAgentAsNull() {
    for (JsonNode none : List.of(NullNode.getInstance(), MissingNode.getInstance())) {
      assertThat(result("record", none, Optional.empty()))
          .as("a record parameter gets an empty record")
          .isEqualTo("query null 0");
      assertThat(result("json", none, Optional.empty())).isEqualTo("OBJECT {}");
      assertThat(result("maybe", none, Optional.empty())).isEqualTo("empty");
      assertThat(result("none", none, Optional.empty())).isEqualTo("no input");
    }
    int before = runs();
    for (String method : List.of("text", "list")) {
      assertThatThrownBy(
              () -> host.runs().start("acme", method, NullNode.getInstance(), Optional.empty()))
          .as(method)
          .isInstanceOfSatisfying(
              CellException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_input");
                assertThat(e.getMessage())
                    .contains("method '" + method + "' takes an input")
                    .contains("has none");
              });
    }
    assertThat(runs()).as("a refused call records no run").isEqualTo(before);
    assertThat(result("text", JSON.getNodeFactory().textNode("hi"), Optional.empty()))
        .isEqualTo("text hi");
  }

  @Test
  void aKeyReturnsItsRunForTheSameRequestAndRefusesAnother() throws Exception {
    RunInfo first =
        host.runs()
            .start(
                "acme", "record", JSON.readTree("{\"text\":\"a\",\"limit\":1}"), Optional.of("k"));
    host.runs().await(first.id());
    RunInfo same =
        host.runs()
            .start(
                "acme",
                "record",
                JSON.readTree("{\"limit\":1.0,\"text\":\"a\"}"),
                Optional.of("k"));
    assertThat(same.id())
        .as("the same input, keys in another order and 1 as 1.0, is the same request")
        .isEqualTo(first.id());
    int before = runs();

    record Reuse(String method, String input, String what) {}
    for (Reuse reuse :
        List.of(
            new Reuse("record", "{\"text\":\"b\",\"limit\":1}", "input"),
            new Reuse("record", "null", "input"),
            new Reuse("json", "{\"text\":\"a\",\"limit\":1}", "method"))) {
      assertThatThrownBy(
              () ->
                  host.runs()
                      .start(
                          "acme", reuse.method(), JSON.readTree(reuse.input()), Optional.of("k")))
          .as(reuse.toString())
          .isInstanceOfSatisfying(
              CellException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MISMATCH);
                assertThat(e.code()).isEqualTo("idempotency_key_reused");
                assertThat(e.getMessage()).contains(first.id()).contains("another " + reuse.what());
              });
    }
    assertThat(runs()).as("a reused key starts nothing").isEqualTo(before);
  }

  @Test
  void callsAtTheSameTimeWithOneKeyGetOneRun() throws Exception {
    int callers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> ids = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        Callable<String> call =
            () -> {
              go.await();
              return host.runs()
                  .start(
                      "acme",
                      "record",
                      JSON.readTree("{\"text\":\"same\",\"limit\":2}"),
                      Optional.of("k-parallel"))
                  .id();
            };
        ids.add(pool.submit(call));
      }
      go.countDown();
      Set<String> distinct = new java.util.HashSet<>();
      for (Future<String> id : ids) {
        distinct.add(id.get()); // none failed with run_in_progress
      }
      assertThat(distinct).as("every caller got the one run").hasSize(1);
      RunInfo run = host.runs().await(distinct.iterator().next());
      assertThat(run.result().orElseThrow().asText()).isEqualTo("query same 2");
    }
    assertThat(
            host.runs().list("acme").stream()
                .filter(r -> r.method().equals("record"))
                .collect(Collectors.toList()))
        .hasSize(1);
  }
}
