package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token usage per customer and deployment, and the budgets that stop spending. */
class LlmBudgetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A clock that tests move forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T10:00:00Z"));

  @RegisterExtension
  final TestHost oncell =
      TestHost.create(
          c ->
              c.withEmbeddingModel("none")
                  .withClock(clock)
                  .withEnvironment(VariableResolver.of(Map.of("OPENAI_API_KEY", "sk-budget"))));

  private final Path home = oncell.home();
  private Host host;
  private final StandIn openai = StandIn.start();

  @BeforeEach
  void open() throws Exception {
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          budgets: { customer: 100, deployment: 250, period: month }
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    host = oncell.open();
    host.deployments().deploy(LlmRunsTest.PLANNER, "production");
  }

  @AfterEach
  void close() {
    openai.close();
  }

  private void customer(String id) {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(
                    id, JSON.createObjectNode(), Optional.of("planner"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private RunInfo ask(String customer) throws Exception {
    RunInfo started =
        host.runs().start(customer, "ask", JSON.readTree("{\"prompt\":\"hi\"}"), Optional.empty());
    return host.runs().await(started.id());
  }

  @Test
  void usageIsRecordedPerCustomerAndModel() throws Exception {
    customer("acme");
    customer("globex");
    openai.then(
        Wire.openAiText("gpt-4o-2024-08-06", "a", 30, 10),
        Wire.openAiText("gpt-4o-2024-08-06", "b", 20, 5),
        Wire.openAiText("gpt-4o-2024-08-06", "c", 7, 3));
    ask("acme");
    ask("acme");
    ask("globex");

    UsageReport acme = host.usage().customer("acme");
    assertThat(acme.requests()).isEqualTo(2);
    assertThat(acme.inputTokens()).isEqualTo(50);
    assertThat(acme.outputTokens()).isEqualTo(15);
    assertThat(acme.totalTokens()).isEqualTo(65);
    assertThat(acme.budget()).contains(100L);
    assertThat(acme.remaining()).contains(35L);
    assertThat(acme.period()).isEqualTo("month");
    assertThat(acme.since()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(acme.byModel())
        .containsExactly(new UsageReport.ModelUsage("openai", "gpt-4o-2024-08-06", 2, 50, 15));
    assertThat(host.usage().customer("globex").totalTokens()).isEqualTo(10);

    String deployment = host.deployments().active("planner", "production").orElseThrow().id();
    UsageReport all = host.usage().deployment(deployment);
    assertThat(all.totalTokens()).isEqualTo(75);
    assertThat(all.budget()).contains(250L);
  }

  @Test
  void aCustomerOverItsBudgetIsRefusedUntilThePeriodRenews() throws Exception {
    customer("acme");
    openai.then(
        Wire.openAiText("gpt-4o", "big answer", 90, 30),
        Wire.openAiText("gpt-4o", "next month", 1, 1));
    assertThat(ask("acme").status()).isEqualTo(RunStatus.SUCCEEDED);

    RunInfo refused = ask("acme");
    assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
    assertThat(refused.error().orElseThrow().code()).isEqualTo("llm_budget_exceeded");
    assertThat(refused.error().orElseThrow().message())
        .contains("customer 'acme' has used 120 of its 100 tokens this month")
        .contains("renews on 2026-12-01");
    assertThat(openai.count()).as("no request past the budget").isEqualTo(1);

    clock.advance(Duration.ofDays(12)); // December
    assertThat(ask("acme").status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(host.usage().customer("acme").totalTokens()).isEqualTo(2);
  }

  @Test
  void aDeploymentBudgetCoversAllItsCustomers() throws Exception {
    customer("acme");
    customer("globex");
    customer("initech");
    openai.then(
        Wire.openAiText("gpt-4o", "a", 90, 9),
        Wire.openAiText("gpt-4o", "b", 90, 9),
        Wire.openAiText("gpt-4o", "c", 90, 9));
    ask("acme");
    ask("globex");
    ask("initech"); // 297 tokens now: over the deployment's 250
    RunInfo refused = ask("acme");
    assertThat(refused.error().orElseThrow().code()).isEqualTo("llm_budget_exceeded");
    assertThat(refused.error().orElseThrow().message()).contains("deployment").contains("250");
    assertThat(openai.count()).isEqualTo(3);
  }

  @Test
  void deletingACustomerForgetsItsUsage() throws Exception {
    customer("acme");
    openai.then(Wire.openAiText("gpt-4o", "a", 5, 5));
    ask("acme");
    host.cells().delete("acme");
    customer("acme");
    assertThat(host.usage().customer("acme").totalTokens()).isZero();
    try {
      host.usage().customer("nobody");
      throw new AssertionError("usage of an unknown customer");
    } catch (CellException e) {
      assertThat(e.code()).isEqualTo("not_found");
    }
  }
}
