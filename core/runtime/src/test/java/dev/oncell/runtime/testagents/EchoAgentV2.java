package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import org.pf4j.Extension;

/** Version 2 of the {@code echo} agent: answers differently, so tests can tell versions apart. */
@Extension
public class EchoAgentV2 extends Agent {

  public record Message(String text, int times) {}

  public record Reply(String text, String customer, String version) {}

  @Override
  public String name() {
    return "echo";
  }

  public Reply echo(Context ctx, Message message) {
    return new Reply(message.text().toUpperCase(), ctx.customerId(), "2");
  }
}
