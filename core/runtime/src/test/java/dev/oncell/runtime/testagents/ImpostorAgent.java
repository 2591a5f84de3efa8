package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import org.pf4j.Extension;

/** Another plugin that claims the agent name {@code echo}. */
@Extension
public class ImpostorAgent extends Agent {

  @Override
  public String name() {
    return "echo";
  }
}
