package dev.oncell.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.RunEvent;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.testkit.NotesAgent.Note;
import dev.oncell.testkit.NotesAgent.Saved;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OncellTestKitTest {

  @RegisterExtension static final OncellTestKit kit = OncellTestKit.forAgent(NotesAgent.class);

  @Test
  void deploysTheAgentFromARealPluginJarToProduction() {
    assertThat(kit.deployment().agent()).isEqualTo("notes");
    assertThat(kit.deployment().pluginId()).isEqualTo("notes");
    assertThat(kit.deployment().version()).isEqualTo("0.0.0-test");
    assertThat(kit.deployment().env()).isEqualTo("production");
    assertThat(kit.deployment().methods()).containsExactly("add", "fail", "loader");
    assertThat(kit.customer("acme").call("loader").asText())
        .as("the agent's class loader")
        .isEqualTo("org.pf4j.PluginClassLoader");
  }

  @Test
  void aCustomerIsReadyWhenItsSetupHasRun() {
    TestCell acme = kit.customer("acme", JsonNodeFactory.instance.objectNode().put("tier", "gold"));
    assertThat(acme.id()).isEqualTo("acme");
    assertThat(acme.info().state()).isEqualTo(CellState.ACTIVE);
    assertThat(acme.memory().get("tier").orElseThrow().asText()).isEqualTo("gold");
    assertThat(new String(acme.files().read("notes/README.md"), StandardCharsets.UTF_8))
        .isEqualTo("notes of acme");
    assertThat(acme.shell("cat notes/README.md").stdout()).isEqualTo("notes of acme");
    String setupRun = acme.info().setupRunId().orElseThrow();
    assertThat(acme.events(setupRun))
        .extracting(RunEvent::type)
        .containsExactly("started", "progress", "result");
  }

  @Test
  void aFailedSetupFailsTheTestWithItsError() {
    JsonNode refuse = JsonNodeFactory.instance.objectNode().put("refuse", true);
    assertThatThrownBy(() -> kit.customer("refused", refuse))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("setup of customer refused failed: agent_error: ")
        .hasMessageContaining("this customer is refused by its config");
  }

  @Test
  void callsMapRecordsInAndOut() {
    TestCell acme = kit.customer("acme");
    Saved saved = acme.call("add", new Note("todo", "buy milk"), Saved.class);
    assertThat(saved).isEqualTo(new Saved("notes/todo.txt", 2));
    JsonNode second = acme.call("add", new Note("idea", "a kit"));
    assertThat(second.get("notes").asInt()).isEqualTo(3);
    assertThat(acme.files().read("notes/todo.txt")).asString().isEqualTo("buy milk");
  }

  @Test
  void aFailedCallThrowsAnAssertionErrorWithTheRunsError() {
    TestCell acme = kit.customer("acme");
    assertThatThrownBy(() -> acme.call("fail"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("of fail for acme ended FAILED: agent_error: ")
        .hasMessageEndingWith("java.lang.IllegalStateException: no note today");

    RunInfo run = acme.run("fail");
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow().code()).isEqualTo("agent_error");
    assertThat(acme.events(run.id()).getLast().type()).isEqualTo("error");
  }

  @Test
  void eventsOfARunComeInOrder() {
    TestCell acme = kit.customer("acme");
    RunInfo run = acme.run("add", new Note("todo", "buy milk"));
    assertThat(acme.events(run.id()))
        .extracting(RunEvent::type)
        .containsExactly("started", "saved", "shell", "result");
    assertThat(acme.events(run.id(), "saved").getFirst().data().get("path").asText())
        .isEqualTo("notes/todo.txt");
    assertThat(acme.events(run.id(), "shell").getFirst().data().get("line").asText())
        .isEqualTo("2");
  }

  @Test
  void customersOfEarlierTestsAreGoneAndTheHostIsReal() {
    assertThat(kit.host().cells().list()).as("cells left by other tests").isEmpty();
    kit.customer("acme");
    kit.customer("globex");
    // The host's default, auto: gVisor, which scripts/install-system-deps.sh installs.
    assertThat(kit.host().sandboxBackend()).isEqualTo("gvisor");
    assertThat(kit.host().sandboxIsolated()).isTrue();
    assertThat(Files.isDirectory(kit.host().config().home().resolve("cells/globex/work"))).isTrue();
  }
}
