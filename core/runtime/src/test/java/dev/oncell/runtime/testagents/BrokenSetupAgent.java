package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import org.pf4j.Extension;

/** Its setup fails after one step; customers of it end FAILED. */
@Extension
public class BrokenSetupAgent extends Agent {

  @Override
  public void setup(Context ctx) {
    ctx.shell("echo preparing");
    throw new IllegalStateException("cannot prepare this customer");
  }

  public String hello(Context ctx) {
    return "hello";
  }
}
