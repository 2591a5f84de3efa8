package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.ApiError;
import dev.oncell.client.ApiKey;
import dev.oncell.client.CellStatus;
import dev.oncell.client.CodeHit;
import dev.oncell.client.CodeSymbol;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.CreateKey;
import dev.oncell.client.CreatedKey;
import dev.oncell.client.Customer;
import dev.oncell.client.Deployment;
import dev.oncell.client.DirectoryListing;
import dev.oncell.client.FileEntry;
import dev.oncell.client.GitCredentialInfo;
import dev.oncell.client.GrepLine;
import dev.oncell.client.GrepResults;
import dev.oncell.client.Health;
import dev.oncell.client.IndexState;
import dev.oncell.client.IndexSummary;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.client.RunEvent;
import dev.oncell.client.RunResult;
import dev.oncell.client.SearchResults;
import dev.oncell.client.Secret;
import dev.oncell.client.ShellResponse;
import dev.oncell.client.TokenUsage;
import dev.oncell.client.Webhook;
import dev.oncell.client.WrittenFile;
import dev.oncell.client.wire.JournalJson;
import dev.oncell.runtime.ApiKeyInfo;
import dev.oncell.runtime.CellDetails;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.Principal;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.SecretInfo;
import dev.oncell.runtime.UsageReport;
import dev.oncell.runtime.WebhookInfo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One round trip per endpoint shape: the real server writes a wire record of {@code
 * dev.oncell.client.wire}, the real client reads it, and the client's record equals the one built
 * from what the host holds. A field renamed, dropped or reformatted on one side fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireRoundTripTest {

  private static final byte[] ECHO = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);

  // One host for the class (PER_CLASS), closed in stop().
  private final TestHost oncell = TestHost.create();
  private RunningServer api;
  private OncellClient client;

  @BeforeAll
  void start() {
    api = new RunningServer(oncell);
    client = OncellClient.create(URI.create(api.server.url()), RunningServer.KEY);
  }

  @AfterAll
  void stop() {
    client.close();
    api.close();
    oncell.close();
  }

  // ---- expected client records, from the host's own values

  private static Customer expected(CellInfo info, Optional<CellStatus> cell) {
    return new Customer(
        info.id(),
        info.state().name(),
        info.agent(),
        info.env(),
        info.config(),
        info.setupRunId(),
        info.error().map(e -> new ApiError(e.code(), e.message())),
        info.createdAt(),
        info.lastActiveAt(),
        cell);
  }

  private static CellStatus expected(CellDetails cell) {
    return new CellStatus(
        cell.backend(),
        new CellStatus.Limits(
            cell.limits().cpus(),
            cell.limits().memoryBytes(),
            cell.limits().maxProcesses(),
            cell.limits().diskBytes()),
        Duration.ofSeconds(cell.idleTimeout().toSeconds()),
        cell.diskUsage().map(d -> new CellStatus.DiskUsage(d.bytes(), d.files(), d.measuredAt())));
  }

  private static Deployment expected(DeploymentInfo d, String backend) {
    return new Deployment(
        d.id(),
        d.agent(),
        d.version(),
        d.env(),
        d.sha256(),
        d.methods(),
        d.active(),
        d.createdAt(),
        d.sandbox(),
        Optional.of(backend));
  }

  private static Run expected(RunInfo r) {
    return new Run(
        r.id(),
        r.customer(),
        r.agent(),
        r.version(),
        r.method(),
        r.status().wire(),
        r.input(),
        r.result().filter(n -> !n.isNull()), // a JSON null result is no result to the client
        r.error().map(e -> new ApiError(e.code(), e.message())),
        r.createdAt(),
        r.finishedAt());
  }

  private static ApiKey expected(ApiKeyInfo k, Instant now) {
    return new ApiKey(
        k.id(),
        k.name(),
        k.hint(),
        k.scope() == Principal.Scope.OPERATOR ? "operator" : "customer",
        k.customer(),
        k.bootstrap(),
        k.status(now).name().toLowerCase(Locale.ROOT),
        k.createdAt(),
        k.expiresAt(),
        k.revokedAt());
  }

  private static TokenUsage expected(UsageReport r) {
    return new TokenUsage(
        r.subject(),
        r.period(),
        r.since(),
        r.requests(),
        r.inputTokens(),
        r.outputTokens(),
        r.totalTokens(),
        r.budget(),
        r.remaining(),
        r.byModel().stream()
            .map(
                m ->
                    new TokenUsage.ModelUsage(
                        m.provider(), m.model(), m.requests(), m.inputTokens(), m.outputTokens()))
            .toList());
  }

  private CellInfo info(String id) {
    return api.host.cells().find(id).orElseThrow();
  }

  private void deployEchoOnce() {
    if (api.host.deployments().list().isEmpty()) {
      client.deployments().deploy(ECHO, "production");
    }
  }

  // ---- one test per shape

  @Test
  void health() {
    Health health = client.health();

    ObjectNode body =
        RunningServer.JSON
            .createObjectNode()
            .put("status", "ok")
            .put("version", health.body().path("version").asText())
            .put("sandbox", api.host.sandboxBackend());
    assertThat(health).isEqualTo(new Health("ok", body));
    assertThat(health.body().path("version").asText()).as("the server's version").isNotBlank();
  }

  @Test
  void errorBody() {
    OncellApiException e =
        catchThrowableOfType(OncellApiException.class, () -> client.customers().get("nobody"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("not_found");
    assertThat(e.getMessage()).contains("nobody");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void customerAsCreatedPausedAndResumed() {
    JsonNode config = RunningServer.JSON.createObjectNode().put("tier", "gold");

    Customer created = client.customers().create("rt-created", config);
    assertThat(created).isEqualTo(expected(info("rt-created"), Optional.empty()));

    Customer paused = client.customers().pause("rt-created");
    assertThat(paused).isEqualTo(expected(info("rt-created"), Optional.empty()));
    assertThat(paused.state()).isEqualTo("PAUSED");

    Customer resumed = client.customers().resume("rt-created");
    assertThat(resumed).isEqualTo(expected(info("rt-created"), Optional.empty()));
  }

  @Test
  void customerWithItsCell() {
    client.customers().create("rt-cell");

    Customer got = client.customers().get("rt-cell");

    CellDetails cell = api.host.cells().inspect("rt-cell");
    assertThat(got.cell()).as("get answers with the cell's fields").isPresent();
    // Disk use is measured on each inspection: compare everything else exactly.
    Customer expected = expected(info("rt-cell"), Optional.of(expected(cell)));
    assertThat(withoutDiskUsage(got)).isEqualTo(withoutDiskUsage(expected));
    assertThat(got.cell().get().diskUsage().isPresent()).isEqualTo(cell.diskUsage().isPresent());

    List<Customer> listed = client.customers().list();
    Customer fromList =
        listed.stream().filter(c -> c.id().equals("rt-cell")).findFirst().orElseThrow();
    assertThat(withoutDiskUsage(fromList)).isEqualTo(withoutDiskUsage(expected));
  }

  private static Customer withoutDiskUsage(Customer c) {
    return new Customer(
        c.id(),
        c.state(),
        c.agent(),
        c.env(),
        c.config(),
        c.setupRunId(),
        c.error(),
        c.createdAt(),
        c.lastActiveAt(),
        c.cell()
            .map(s -> new CellStatus(s.backend(), s.limits(), s.idleTimeout(), Optional.empty())));
  }

  @Test
  void shellResponse() {
    client.customers().create("rt-shell");

    ShellResponse r = client.shell("rt-shell", "echo hello; echo oops >&2; exit 3");

    assertThat(r)
        .isEqualTo(new ShellResponse("hello\n", "oops\n", 3, true, false, r.duration(), false));
    assertThat(r.duration()).isPositive();
  }

  @Test
  void filesWrittenAndListed() {
    client.customers().create("rt-files");
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);

    WrittenFile written = client.files("rt-files").write("notes/a.txt", content);
    client.files("rt-files").write("notes/sub/b.txt", content);

    assertThat(written.path()).isEqualTo("notes/a.txt");
    assertThat(written.size()).isEqualTo(5);
    assertThat(written.version())
        .as("the version of a write is the version a read then gives")
        .isEqualTo(client.files("rt-files").readVersioned("notes/a.txt").version());
    assertThat(written.version()).isPresent();
    assertThat(client.files("rt-files").readVersioned("notes/a.txt", 5).content())
        .isEqualTo(content);
    assertThatThrownBy(() -> client.files("rt-files").readVersioned("notes/a.txt", 4))
        .as("a bounded read refuses a longer file")
        .isInstanceOfSatisfying(
            OncellApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.code()).isEqualTo("file_too_large");
              assertThat(e.getMessage()).contains("has 5 bytes; at most 4");
            });
    assertThatThrownBy(() -> client.files("rt-files").readVersioned("notes/none.txt", 4))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    DirectoryListing listing = client.files("rt-files").list("notes");
    assertThat(listing.path()).isEqualTo("notes");
    assertThat(listing.entries())
        .containsExactlyInAnyOrder(
            new FileEntry("a.txt", FileEntry.Type.FILE, 5),
            new FileEntry(
                "sub",
                FileEntry.Type.DIRECTORY,
                listing.entries().stream()
                    .filter(e -> e.name().equals("sub"))
                    .findFirst()
                    .orElseThrow()
                    .size()));
  }

  @Test
  void memoryEntriesAndKeys() {
    client.customers().create("rt-memory");
    JsonNode plan = RunningServer.JSON.createObjectNode().put("steps", 3).put("ratio", 0.5);

    client.memory("rt-memory").put("plan", plan);
    client.memory("rt-memory").put("nothing", RunningServer.JSON.nullNode());

    assertThat(client.memory("rt-memory").get("plan")).contains(plan);
    assertThat(client.memory("rt-memory").get("nothing")).contains(RunningServer.JSON.nullNode());
    assertThat(client.memory("rt-memory").keys()).containsExactlyInAnyOrder("plan", "nothing");
  }

  @Test
  void deploymentsDeployedListedAndPromoted() {
    deployEchoOnce();

    List<Deployment> listed = client.deployments().list();

    List<Deployment> expected =
        api.host.deployments().list().stream()
            .map(d -> expected(d, api.host.deployments().sandboxOf(d)))
            .toList();
    assertThat(listed).isEqualTo(expected);
    Deployment staged = client.deployments().deploy(ECHO, "staging");
    DeploymentInfo info =
        api.host.deployments().list().stream()
            .filter(d -> d.id().equals(staged.id()))
            .findFirst()
            .orElseThrow();
    // The answer carries the instant as made (nanoseconds); the control plane keeps microseconds.
    assertThat(staged)
        .usingRecursiveComparison()
        .ignoringFields("createdAt")
        .isEqualTo(expected(info, api.host.deployments().sandboxOf(info)));
    assertThat(staged.createdAt()).isCloseTo(info.createdAt(), within(1, ChronoUnit.MICROS));
    List<Deployment> promoted = client.deployments().promote("staging", "production");
    assertThat(promoted).extracting(Deployment::env).containsOnly("production");
    List<Deployment> expectedPromoted =
        api.host.deployments().list().stream()
            .filter(d -> promoted.stream().anyMatch(p -> p.id().equals(d.id())))
            .map(d -> expected(d, api.host.deployments().sandboxOf(d)))
            .toList();
    assertThat(promoted)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt")
        .containsExactlyElementsOf(expectedPromoted);
    for (int i = 0; i < promoted.size(); i++) {
      assertThat(promoted.get(i).createdAt())
          .isCloseTo(expectedPromoted.get(i).createdAt(), within(1, ChronoUnit.MICROS));
    }
  }

  @Test
  void runOutcomeRunAndRuns() {
    deployEchoOnce();
    client
        .customers()
        .create(CreateCustomer.of("rt-runs").withAgent("echo").withWaitForSetup(true));
    JsonNode input = RunningServer.JSON.createObjectNode().put("text", "ab").put("times", 2);

    RunResult result = client.agents().call("echo", "rt-runs", input);

    RunInfo run = api.host.runs().find(result.runId()).orElseThrow();
    assertThat(result)
        .isEqualTo(
            new RunResult(
                run.id(),
                run.status().wire(),
                run.result(),
                run.error().map(e -> new ApiError(e.code(), e.message()))));
    assertThat(result.succeeded()).isTrue();
    assertThat(client.runs().get(run.id())).isEqualTo(expected(run));
    assertThat(client.runs().list("rt-runs"))
        .isEqualTo(api.host.runs().list("rt-runs").stream().map(r -> expected(r)).toList());
  }

  @Test
  void streamedOutcome() {
    deployEchoOnce();
    client
        .customers()
        .create(CreateCustomer.of("rt-stream").withAgent("echo").withWaitForSetup(true));
    JsonNode input = RunningServer.JSON.createObjectNode().put("text", "x").put("times", 3);
    List<RunEvent> events = new ArrayList<>();

    RunResult result = client.agents().stream("echo", "rt-stream", input, events::add);

    // The last event's data is the same shape as a synchronous call's answer.
    RunInfo run = api.host.runs().find(result.runId()).orElseThrow();
    assertThat(result)
        .isEqualTo(
            new RunResult(
                run.id(),
                run.status().wire(),
                run.result(),
                run.error().map(e -> new ApiError(e.code(), e.message()))));
    assertThat(events.getLast().runResult()).contains(result);
  }

  @Test
  void runJournal() throws Exception {
    deployEchoOnce();
    client
        .customers()
        .create(CreateCustomer.of("rt-journal").withAgent("echo").withWaitForSetup(true));
    RunResult result = client.agents().call("lines", "rt-journal", RunningServer.JSON.nullNode());

    // The client has no journal call: the wire record is read as the client reads the others.
    JournalJson journal =
        RunningServer.JSON.readValue(
            api.get("/v1/runs/" + result.runId() + "/journal").body(), JournalJson.class);

    List<RunStep> steps = api.host.runs().journal(result.runId());
    assertThat(journal)
        .isEqualTo(
            new JournalJson(
                result.runId(),
                steps.stream()
                    .map(
                        s ->
                            new JournalJson.Step(
                                s.seq(),
                                s.kind(),
                                s.name(),
                                s.requestHash(),
                                s.status(),
                                s.result().orElse(null),
                                s.error()
                                    .map(
                                        e ->
                                            dev.oncell.client.wire.ErrorDetail.of(
                                                e.code(), e.message()))
                                    .orElse(null),
                                s.at().toString()))
                    .toList()));
    assertThat(journal.steps()).as("the shell step is journaled").isNotEmpty();
  }

  @Test
  void keysCreatedListedAndRotated() {
    client.customers().create("rt-keys");
    CreatedKey created =
        client
            .keys()
            .create(CreateKey.customer("rt-keys").withName("app").expiresIn(Duration.ofDays(1)));

    Instant now = api.host.config().clock().instant();
    ApiKeyInfo info =
        api.host.apiKeys().list().stream()
            .filter(k -> k.id().equals(created.info().id()))
            .findFirst()
            .orElseThrow();
    // The answer carries the instants as made (nanoseconds); the store keeps microseconds.
    assertThat(created.info())
        .usingRecursiveComparison()
        .ignoringFields("createdAt", "expiresAt")
        .isEqualTo(expected(info, now));
    assertThat(created.info().createdAt())
        .isCloseTo(info.createdAt(), within(1, ChronoUnit.MICROS));
    assertThat(created.info().expiresAt().orElseThrow())
        .isCloseTo(info.expiresAt().orElseThrow(), within(1, ChronoUnit.MICROS));
    assertThat(created.key()).as("the key itself, once").isNotBlank();
    assertThat(client.keys().list())
        .isEqualTo(api.host.apiKeys().list().stream().map(k -> expected(k, now)).toList());
  }

  @Test
  void secretsSetAndListed() {
    Secret set = client.secrets().set("RT_SECRET", "s3cr3t-value");

    SecretInfo info =
        api.host.secrets().list().stream()
            .filter(s -> s.name().equals("RT_SECRET"))
            .findFirst()
            .orElseThrow();
    // The answer carries the instant as made (nanoseconds); the store keeps microseconds.
    assertThat(set)
        .usingRecursiveComparison()
        .ignoringFields("updatedAt")
        .isEqualTo(new Secret(info.name(), info.hint(), info.updatedAt()));
    assertThat(set.updatedAt()).isCloseTo(info.updatedAt(), within(1, ChronoUnit.MICROS));
    assertThat(client.secrets().list())
        .isEqualTo(
            api.host.secrets().list().stream()
                .map(s -> new Secret(s.name(), s.hint(), s.updatedAt()))
                .toList());
  }

  @Test
  void gitCredentialsSetAndListed() {
    client.customers().create("rt-git");
    GitCredentialInfo set =
        client
            .gitCredentials()
            .set("rt-git", "github.com", Optional.of("bot"), "ghp_rt-token-0123");
    client.gitCredentials().set("rt-git", "gitlab.com", Optional.empty(), "glpat-rt");

    List<GitCredentialInfo> expected =
        api.host.gitCredentials().list("rt-git").stream()
            .map(
                c ->
                    new GitCredentialInfo(
                        c.customerId(),
                        c.host(),
                        c.username(),
                        c.hint(),
                        c.createdAt(),
                        c.updatedAt()))
            .toList();
    assertThat(set).isEqualTo(expected.getFirst());
    assertThat(client.gitCredentials().list("rt-git")).isEqualTo(expected);
  }

  @Test
  void webhooksSetGotAndListed() {
    deployEchoOnce();
    client
        .customers()
        .create(CreateCustomer.of("rt-hooks").withAgent("echo").withWaitForSetup(true));
    Webhook set =
        client
            .webhooks()
            .set("rt-hooks", "gitea", "hook-secret-0123456789", Map.of("push", "echo"));
    WebhookInfo info =
        api.host.webhooks().find("rt-hooks", dev.oncell.runtime.WebhookForge.GITEA).orElseThrow();
    Webhook expected =
        new Webhook(
            info.customerId(),
            info.forge().wire(),
            info.methods(),
            info.secretHint(),
            info.updatedAt());
    // The answer carries the instant as made (nanoseconds); the store keeps microseconds.
    assertThat(set).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(expected);
    assertThat(set.updatedAt()).isCloseTo(info.updatedAt(), within(1, ChronoUnit.MICROS));
    assertThat(client.webhooks().get("rt-hooks", "gitea")).isEqualTo(expected);
    assertThat(client.webhooks().list("rt-hooks")).containsExactly(expected);
    client.webhooks().delete("rt-hooks", "gitea");
    assertThat(client.webhooks().list("rt-hooks")).isEmpty();
  }

  @Test
  void usageOfACustomerAndADeployment() {
    deployEchoOnce();
    client.customers().create("rt-usage");
    String deployment = api.host.deployments().list().getFirst().id();

    assertThat(client.customers().usage("rt-usage"))
        .isEqualTo(expected(api.host.usage().customer("rt-usage")));
    assertThat(client.deployments().usage(deployment))
        .isEqualTo(expected(api.host.usage().deployment(deployment)));
  }

  @Test
  void indexSearchAndGrep() {
    client.customers().create("rt-search");
    client
        .files("rt-search")
        .write(
            "src/Hello.java",
            "class Hello {\n  void greet() { System.out.println(\"hello wire\"); }\n}\n"
                .getBytes(StandardCharsets.UTF_8));

    IndexSummary summary = client.search("rt-search").index("/work");

    IndexState state = client.search("rt-search").status();
    var status = api.host.cells().cell("rt-search").search().status();
    IndexState expectedState =
        new IndexState(
            status.files(), status.chunks(), status.embedded(), status.indexing(), status.model());
    assertThat(state).isEqualTo(expectedState);
    assertThat(summary.status()).isEqualTo(expectedState);
    assertThat(summary.files()).isEqualTo(1);

    SearchResults results = client.search("rt-search").search("greet hello");
    var hits =
        api.host.cells().cell("rt-search").search().search("greet hello", 10, Optional.empty());
    assertThat(results)
        .isEqualTo(
            new SearchResults(
                hits.stream()
                    .map(
                        h ->
                            new CodeHit(
                                h.path(),
                                h.content(),
                                h.score(),
                                h.startLine(),
                                h.endLine(),
                                h.symbol(),
                                h.language()))
                    .toList(),
                results.tookMs()));
    assertThat(results.hits()).isNotEmpty();

    GrepResults grep = client.search("rt-search").grep("hello wire");
    var matches =
        api.host.cells().cell("rt-search").search().grep("hello wire", Optional.empty(), 1001);
    assertThat(grep)
        .isEqualTo(
            new GrepResults(
                matches.stream().map(m -> new GrepLine(m.path(), m.line(), m.text())).toList(),
                false,
                grep.tookMs()));
    assertThat(grep.matches()).hasSize(1);

    var symbols = client.search("rt-search").symbols("src/Hello.java");
    assertThat(symbols)
        .isEqualTo(
            api.host.cells().cell("rt-search").search().symbols("src/Hello.java").stream()
                .map(s -> new CodeSymbol(s.name(), s.kind(), s.startLine(), s.endLine()))
                .toList());
    assertThat(symbols).isNotEmpty();
    assertThat(client.search("rt-search").symbols("src/None.java")).isEmpty();
  }
}
