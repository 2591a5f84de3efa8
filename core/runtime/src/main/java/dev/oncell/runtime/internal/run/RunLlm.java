package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Context;
import dev.oncell.runtime.internal.llm.LlmCall;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import java.util.function.Supplier;

/**
 * What an LLM call sees of its run: each request to a model is a journaled step through the run's
 * choke point, tool calls go through the run's own Context, streamed text goes out as events.
 */
record RunLlm(
    ChokePoint steps,
    Context context,
    RunEventLog events,
    AgentPlugin plugin,
    String customerId,
    String deploymentId)
    implements LlmCall.Run {

  @Override
  public <T> T journaled(
      String kind, String name, Object request, Class<T> type, Supplier<T> body) {
    return steps.call(kind, name, request, type, body);
  }

  @Override
  public void event(String type, JsonNode data) {
    events.append(type, data);
  }
}
