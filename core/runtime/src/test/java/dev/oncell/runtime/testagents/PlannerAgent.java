package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.LlmTool;
import dev.oncell.agent.SearchHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A test agent that thinks with {@code ctx.llm}. Its cells may reach the public providers. Its
 * agent name is {@code planner}.
 *
 * <p>Config: {@code gate} (a file the {@code document} method waits for after its first command,
 * writing {@code holding} next to it first), so that a test can stop the host there.
 */
@Extension
public class PlannerAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults()
        .withNetwork(CellSpec.Network.allow("api.openai.com", "api.anthropic.com"));
  }

  /** Everything a test may set on a call. */
  public record Question(
      String prompt,
      Optional<String> model,
      Optional<String> system,
      List<String> tools,
      Optional<Integer> maxToolRounds,
      Optional<Double> temperature,
      Optional<Integer> maxTokens,
      boolean stream) {}

  public LlmResponse ask(Context ctx, Question q) {
    return ctx.llm(q.prompt(), options(q));
  }

  public record Plan(String summary, List<String> commands) {}

  public Plan plan(Context ctx, Question q) {
    return ctx.llm(q.prompt(), options(q), Plan.class);
  }

  public record Task(String goal) {}

  public record Outcome(Plan plan, List<String> outputs) {}

  /**
   * The seed-documentation call: search the code, plan with the hits as context, run each planned
   * command.
   */
  @AgentMethod(timeout = "PT2M")
  public Outcome document(Context ctx, Task task) {
    ctx.index("/work");
    List<SearchHit> hits = ctx.search(task.goal(), 5);
    Plan plan =
        ctx.llm(
            "Plan the shell commands that " + task.goal(),
            LlmOptions.defaults().withContext(hits),
            Plan.class);
    Optional<Path> gate = gate(ctx.config());
    List<String> outputs = new ArrayList<>();
    for (String command : plan.commands()) {
      outputs.add(ctx.shell(command).stdout().strip());
      if (outputs.size() == 1 && gate.isPresent()) {
        ctx.step("hold", String.class, () -> hold(gate.get()));
      }
    }
    return new Outcome(plan, outputs);
  }

  /**
   * {@link #document} with a tool the model may call while it plans: the shape of the recorded
   * journal {@code v2-seed-documentation.journal}.
   */
  @AgentMethod(timeout = "PT2M")
  public Outcome documentWithTools(Context ctx, Task task) {
    ctx.index("/work");
    List<SearchHit> hits = ctx.search(task.goal(), 5);
    Plan plan =
        ctx.llm(
            "Plan the shell commands that " + task.goal(),
            LlmOptions.defaults().withContext(hits).withTools(LlmTool.GREP),
            Plan.class);
    List<String> outputs = new ArrayList<>();
    for (String command : plan.commands()) {
      outputs.add(ctx.shell(command).stdout().strip());
    }
    return new Outcome(plan, outputs);
  }

  private static LlmOptions options(Question q) {
    LlmOptions o = LlmOptions.defaults();
    if (q.model().isPresent()) {
      o = o.withModel(q.model().get());
    }
    if (q.system().isPresent()) {
      o = o.withSystem(q.system().get());
    }
    if (q.tools() != null && !q.tools().isEmpty()) {
      o = o.withTools(q.tools().stream().map(LlmTool::valueOf).toArray(LlmTool[]::new));
    }
    if (q.maxToolRounds().isPresent()) {
      o = o.withMaxToolRounds(q.maxToolRounds().get());
    }
    if (q.temperature().isPresent()) {
      o = o.withTemperature(q.temperature().get());
    }
    if (q.maxTokens().isPresent()) {
      o = o.withMaxTokens(q.maxTokens().get());
    }
    return q.stream() ? o.streaming() : o;
  }

  private static Optional<Path> gate(JsonNode config) {
    return config.hasNonNull("gate")
        ? Optional.of(Path.of(config.get("gate").asText()))
        : Optional.empty();
  }

  private static String hold(Path gate) {
    try {
      Files.writeString(gate.resolveSibling("holding"), "holding");
      while (!Files.exists(gate)) {
        Thread.sleep(20);
      }
      return "released";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held");
    }
  }
}
