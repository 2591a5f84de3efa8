package dev.oncell.runtime.internal.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.LlmToolCall;
import dev.oncell.agent.LlmUsage;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.LlmReply;
import dev.oncell.llm.LlmRequest;
import dev.oncell.llm.LlmRouter;
import dev.oncell.llm.Message;
import dev.oncell.llm.Route;
import dev.oncell.llm.StructuredOutput;
import dev.oncell.llm.ToolCall;
import dev.oncell.llm.ToolSpec;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.plugins.AgentPluginMessages;
import dev.oncell.runtime.internal.store.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code ctx.llm} call: the conversation, its rounds and its tool calls. Each request to a
 * model is a journaled step of kind {@code llm} whose result is the answer ({@link LlmTurn}); each
 * tool call is the Context call it stands for. Everything else is computed from journaled results,
 * so a replay rebuilds the same conversation without sending anything.
 */
public final class LlmCall {

  /** What the call needs of its run. */
  public interface Run {
    <T> T journaled(
        String kind,
        String name,
        Object request,
        Class<T> type,
        java.util.function.Supplier<T> body);

    dev.oncell.agent.Context context();

    /** Sends an event of the run (streamed text), not journaled: a replay sends nothing. */
    void event(String type, com.fasterxml.jackson.databind.JsonNode data);

    AgentPlugin plugin();

    String customerId();

    String deploymentId();
  }

  /** The answer, and for a structured call the value made from it. */
  public record Result(LlmResponse response, Optional<Object> value) {}

  private final Run run;
  private final LlmService service;

  public LlmCall(Run run, LlmService service) {
    this.run = run;
    this.service = service;
  }

  public Result ask(String prompt, LlmOptions options, Optional<Class<?>> output) {
    int maxRounds = options.maxToolRounds().orElse(service.config().maxToolRounds());
    int outputRetries = service.config().outputRetries();
    Optional<ObjectNode> schema = output.map(StructuredOutput::schemaOf);
    List<Message> messages = new ArrayList<>();
    Prompts.system(options.system(), options.tools(), schema.map(StructuredOutput::instructions))
        .ifPresent(s -> messages.add(Message.system(s)));
    messages.add(Message.user(Prompts.user(prompt, options.context())));
    List<ToolSpec> tools = options.tools().stream().distinct().map(LlmTools::spec).toList();
    List<LlmToolCall> called = new ArrayList<>();
    LlmUsage usage = LlmUsage.NONE;
    int toolRounds = 0;
    int corrections = 0;
    while (true) {
      LlmTurn turn = turn(options, messages, tools, schema.isPresent());
      usage =
          new LlmUsage(
              usage.inputTokens() + turn.inputTokens(), usage.outputTokens() + turn.outputTokens());
      if (!turn.toolCalls().isEmpty() && !tools.isEmpty()) {
        if (toolRounds >= maxRounds) {
          throw CellException.invalid(
              "llm_tool_rounds_exceeded",
              "the model still called tools after "
                  + maxRounds
                  + " rounds; allow more with LlmOptions.withMaxToolRounds or llm.max_tool_rounds");
        }
        toolRounds++;
        messages.add(
            new Message.Assistant(
                turn.text(),
                turn.toolCalls().stream()
                    .map(c -> new ToolCall(c.id(), c.name(), c.arguments()))
                    .toList()));
        for (LlmTurn.Call call : turn.toolCalls()) {
          String result =
              LlmTools.run(run.context(), options.tools(), call.name(), call.arguments());
          messages.add(new Message.ToolResult(call.id(), call.name(), result));
          called.add(new LlmToolCall(call.id(), call.name(), call.arguments(), result));
        }
        continue;
      }
      LlmResponse response =
          new LlmResponse(turn.text(), turn.model(), turn.provider(), usage, called);
      if (schema.isEmpty()) {
        return new Result(response, Optional.empty());
      }
      String problem;
      switch (StructuredOutput.check(turn.text(), schema.get())) {
        case StructuredOutput.Valid valid -> {
          try {
            Object value = run.plugin().mapper().convertValue(valid.value(), output.get());
            return new Result(response, Optional.of(value));
          } catch (IllegalArgumentException e) {
            problem =
                "it does not fit "
                    + output.get().getSimpleName()
                    + ": "
                    + AgentPluginMessages.firstLine(e.getMessage());
          }
        }
        case StructuredOutput.Invalid invalid -> problem = invalid.problems();
      }
      if (corrections >= outputRetries) {
        throw CellException.invalid(
            "llm_invalid_output",
            "the model's answer does not match "
                + output.get().getSimpleName()
                + " after "
                + (corrections + 1)
                + (corrections == 0 ? " try: " : " tries: ")
                + problem);
      }
      corrections++;
      messages.add(new Message.Assistant(turn.text(), List.of()));
      messages.add(Message.user(StructuredOutput.correction(problem)));
    }
  }

  /** One request to the model, as a journaled step. */
  private LlmTurn turn(
      LlmOptions options, List<Message> messages, List<ToolSpec> tools, boolean json) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("model", options.model().orElse(""));
    options.temperature().ifPresent(t -> request.put("temperature", t));
    options.maxTokens().ifPresent(t -> request.put("maxTokens", t));
    ArrayNode toolNames = request.putArray("tools");
    tools.forEach(t -> toolNames.add(t.name()));
    request.put("json", json);
    ArrayNode described = request.putArray("messages");
    messages.forEach(m -> described.add(describe(m)));
    return run.journaled(
        "llm",
        options.model().orElse("default"),
        request,
        LlmTurn.class,
        () -> {
          try {
            return send(options, messages, tools, json);
          } catch (LlmException e) {
            throw CellException.from(e);
          }
        });
  }

  private LlmTurn send(
      LlmOptions options, List<Message> messages, List<ToolSpec> tools, boolean json) {
    LlmRouter router = service.router();
    Route route = router.route(options.model());
    checkEgress(route);
    service.checkBudgets(run.customerId(), run.deploymentId());
    LlmRequest request =
        new LlmRequest(messages, options.temperature(), options.maxTokens(), tools, json);
    LlmReply reply;
    if (options.stream()) {
      reply =
          router.stream(
              route,
              request,
              delta -> {
                ObjectNode data = Json.MAPPER.createObjectNode();
                data.put("delta", delta);
                run.event("llm", data);
              });
    } else {
      reply = router.chat(route, request);
    }
    service.spent(run.customerId(), run.deploymentId(), reply);
    return new LlmTurn(
        reply.text(),
        reply.toolCalls().stream()
            .map(c -> new LlmTurn.Call(c.id(), c.name(), c.arguments()))
            .toList(),
        reply.usage().inputTokens(),
        reply.usage().outputTokens(),
        reply.model(),
        reply.provider(),
        reply.finishReason());
  }

  /** A cell without egress may only reach a provider in the operator's own network. */
  private void checkEgress(Route route) {
    CellSpec.Network network = run.plugin().agent().spec().network();
    if (network.egress() == CellSpec.Network.Egress.BLOCKED && !route.local()) {
      throw CellException.invalid(
          "llm_egress_blocked",
          "the cells of agent '"
              + run.plugin().agent().name()
              + "' have no network egress (CellSpec.network is blocked), so they may only use a"
              + " local model: pass model \"local\", or declare"
              + " CellSpec.withNetwork(Network.allow(...)) to reach provider '"
              + route.provider()
              + "'");
    }
  }

  /**
   * A message as the request hash sees it: an object with fields in a fixed order (never a {@code
   * Map.of}, whose order changes from one JVM to the next and would break replay after a restart).
   */
  private static ObjectNode describe(Message m) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    switch (m) {
      case Message.System s -> node.put("role", "system").put("text", s.text());
      case Message.User u -> node.put("role", "user").put("text", u.text());
      case Message.Assistant a -> {
        node.put("role", "assistant").put("text", a.text());
        ArrayNode calls = node.putArray("calls");
        for (ToolCall c : a.toolCalls()) {
          calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
        }
      }
      case Message.ToolResult r ->
          node.put("role", "tool")
              .put("id", r.callId())
              .put("name", r.toolName())
              .put("text", r.text());
    }
    return node;
  }
}
