package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import dev.oncell.agent.LlmOptions;
import org.pf4j.Extension;

/** An agent whose cells have no egress (the default spec). Its agent name is {@code offline}. */
@Extension
public class OfflineAgent extends Agent {

  public record Ask(String prompt, String model) {}

  public String ask(Context ctx, Ask ask) {
    return ctx.llm(ask.prompt(), LlmOptions.defaults().withModel(ask.model())).text();
  }
}
