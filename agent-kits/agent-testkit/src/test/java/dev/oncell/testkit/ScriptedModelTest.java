package dev.oncell.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent that thinks with ctx.llm, tested with a scripted model as an author would. */
class ScriptedModelTest {

  static final ScriptedModel model = ScriptedModel.start();

  @RegisterExtension
  static final OncellTestKit kit = OncellTestKit.forAgent(ThinkerAgent.class).withModel(model);

  @AfterAll
  static void stop() {
    model.close();
  }

  @Test
  void aStructuredAnswerDrivesTheAgent() {
    int before = model.requestCount();
    model.replyJson(new ThinkerAgent.Plan(List.of("echo hello", "echo world")));
    ThinkerAgent.Done done =
        kit.customer("acme").call("plan", new ThinkerAgent.Goal("greet"), ThinkerAgent.Done.class);
    assertThat(done.outputs()).containsExactly("hello", "world");
    assertThat(model.requestCount() - before).isEqualTo(1);
    assertThat(model.lastMessage()).contains("greet");
  }

  @Test
  void aToolCallRunsInTheCellAndItsResultGoesBack() {
    model.callTool("shell", Map.of("command", "echo from-the-cell")).reply("I saw it.");
    TestCell acme = kit.customer("acme");
    assertThat(acme.call("explore", new ThinkerAgent.Goal("look around"), String.class))
        .isEqualTo("I saw it.");
    assertThat(model.lastMessage()).contains("from-the-cell");
  }

  @Test
  void anUnscriptedRequestFailsTheRunClearly() {
    RunInfo run = kit.customer("acme").run("plan", new ThinkerAgent.Goal("anything"));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow().code()).isEqualTo("llm_bad_request");
    assertThat(run.error().orElseThrow().message()).contains("nothing scripted");
  }
}
