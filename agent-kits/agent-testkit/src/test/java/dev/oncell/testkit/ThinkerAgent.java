package dev.oncell.testkit;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmTool;
import java.util.List;
import org.pf4j.Extension;

/** An agent that asks a model, for {@link ScriptedModelTest}; its agent name is {@code thinker}. */
@Extension
public class ThinkerAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("api.openai.com"));
  }

  public record Goal(String text) {}

  public record Plan(List<String> commands) {}

  public record Done(List<String> outputs) {}

  /** Asks for a plan, then runs it. */
  public Done plan(Context ctx, Goal goal) {
    Plan plan = ctx.llm("Plan the shell commands to " + goal.text(), Plan.class);
    return new Done(plan.commands().stream().map(c -> ctx.shell(c).stdout().strip()).toList());
  }

  /** Lets the model look around with the shell. */
  public String explore(Context ctx, Goal goal) {
    return ctx.llm(goal.text(), LlmOptions.defaults().withTools(LlmTool.SHELL).streaming()).text();
  }
}
