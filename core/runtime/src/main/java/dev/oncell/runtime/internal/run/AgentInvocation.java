package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.plugins.AgentMethodHandle;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.plugins.AgentPluginMessages;
import dev.oncell.runtime.internal.store.Json;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/** Calls an agent's method: its argument made from the run's input, then the reflective call. */
final class AgentInvocation {

  private AgentInvocation() {}

  /** The body of a run of {@code handle}, with the argument made from {@code input} now. */
  static ActiveRun.Body of(AgentPlugin plugin, AgentMethodHandle handle, JsonNode input) {
    Object argument = argument(plugin, handle, input);
    return ctx -> invoke(handle, plugin, ctx, argument);
  }

  /** The body of an agent's {@code setup}. */
  static ActiveRun.Body setup(AgentPlugin plugin) {
    return ctx -> {
      plugin.agent().setup(ctx);
      return null;
    };
  }

  /**
   * The agent's argument from a run's input. No input (absent, or JSON {@code null}) never reaches
   * the agent as {@code null}: it is the empty object {@code {}}, as the CLI sends without {@code
   * --input}, so a record parameter gets a record of empty fields, a {@code JsonNode} parameter an
   * empty object, an {@code Optional} parameter {@code Optional.empty()}; a type that cannot be
   * made from {@code {}} (a string, a number, a list) is 400 {@code invalid_input}.
   */
  private static Object argument(AgentPlugin plugin, AgentMethodHandle handle, JsonNode input) {
    Optional<JavaType> type = handle.inputJavaType(plugin.mapper());
    if (type.isEmpty()) {
      return null;
    }
    boolean none = input == null || input.isNull() || input.isMissingNode();
    if (none && type.get().isReferenceType()) {
      return plugin.mapper().convertValue(NullNode.getInstance(), type.get());
    }
    JsonNode given = none ? Json.MAPPER.createObjectNode() : input;
    if (type.get().getRawClass() == JsonNode.class) {
      return given;
    }
    try {
      Object argument = plugin.mapper().convertValue(given, type.get());
      if (argument == null) {
        throw new IllegalArgumentException("it makes no value");
      }
      return argument;
    } catch (IllegalArgumentException e) {
      throw CellException.invalid(
          "invalid_input",
          none
              ? "method '"
                  + handle.name()
                  + "' takes an input ("
                  + type.get().getRawClass().getSimpleName()
                  + ") and the call has none (no \"input\", or null)"
              : "input does not fit "
                  + type.get().getRawClass().getSimpleName()
                  + " of method '"
                  + handle.name()
                  + "': "
                  + AgentPluginMessages.firstLine(e.getMessage()));
    }
  }

  private static Object invoke(
      AgentMethodHandle handle, AgentPlugin plugin, RunContext ctx, Object argument)
      throws Exception {
    Object[] args =
        handle.inputType().isPresent() ? new Object[] {ctx, argument} : new Object[] {ctx};
    try {
      return handle.method().invoke(plugin.agent(), args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
