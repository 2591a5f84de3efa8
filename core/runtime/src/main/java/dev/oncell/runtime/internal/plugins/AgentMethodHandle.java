package dev.oncell.runtime.internal.plugins;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One callable method of an agent: {@code R name(Context)} or {@code R name(Context, I)}.
 *
 * @param timeout from {@link AgentMethod#timeout()}, empty for the host's default
 */
public record AgentMethodHandle(
    String name,
    Method method,
    Optional<java.lang.reflect.Type> inputType,
    Optional<Duration> timeout) {

  /** The name under which the agent's {@code setup(Context)} runs. */
  public static final String SETUP = "setup";

  static Map<String, AgentMethodHandle> discover(Agent agent) {
    Map<String, AgentMethodHandle> methods = new TreeMap<>();
    for (Method m : agent.getClass().getMethods()) {
      if (m.getDeclaringClass() == Object.class
          || m.getDeclaringClass() == Agent.class
          || Modifier.isStatic(m.getModifiers())
          || m.isBridge()
          || m.isSynthetic()) {
        continue;
      }
      Class<?>[] params = m.getParameterTypes();
      if (params.length < 1 || params.length > 2 || params[0] != Context.class) {
        continue;
      }
      if (m.getName().equals(SETUP) && params.length == 1) {
        continue; // the override of Agent.setup
      }
      AgentMethod settings = m.getAnnotation(AgentMethod.class);
      String name = settings != null && !settings.name().isBlank() ? settings.name() : m.getName();
      if (name.equals(SETUP)) {
        throw AgentPlugin.invalid("'setup' is reserved for Agent.setup(Context)");
      }
      if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,99}")) {
        throw AgentPlugin.invalid("method name '" + name + "' must match [A-Za-z][A-Za-z0-9_-]*");
      }
      Optional<Duration> timeout = Optional.empty();
      if (settings != null && !settings.timeout().isBlank()) {
        try {
          timeout = Optional.of(dev.oncell.agent.Durations.parse(settings.timeout()));
        } catch (IllegalArgumentException e) {
          throw AgentPlugin.invalid(
              dev.oncell.agent.Durations.message("the timeout of " + name, settings.timeout()));
        }
      }
      Optional<java.lang.reflect.Type> input =
          params.length == 2 ? Optional.of(m.getGenericParameterTypes()[1]) : Optional.empty();
      AgentMethodHandle handle = new AgentMethodHandle(name, m, input, timeout);
      if (methods.put(name, handle) != null) {
        throw AgentPlugin.invalid("two methods are named '" + name + "'; rename one");
      }
    }
    return methods;
  }

  /** The Jackson type of the input, if the method takes one. */
  public Optional<JavaType> inputJavaType(ObjectMapper mapper) {
    return inputType.map(t -> mapper.getTypeFactory().constructType(t));
  }
}
