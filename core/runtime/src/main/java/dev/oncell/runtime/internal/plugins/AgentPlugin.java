package dev.oncell.runtime.internal.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oncell.agent.Agent;
import dev.oncell.agent.forge.Forge;
import dev.oncell.runtime.CellException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * One deployed version of an agent, loaded from its jar by a PF4J plugin manager of its own, so
 * that two versions of one plugin can serve side by side (old runs on the old one).
 */
public final class AgentPlugin implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AgentPlugin.class.getName());

  private final PluginManager manager;
  private final String pluginId;
  private final String version;
  private final Agent agent;
  private final Map<String, AgentMethodHandle> methods;
  private final ObjectMapper mapper;
  private List<Forge> forges;

  private AgentPlugin(
      PluginManager manager,
      String pluginId,
      String version,
      Agent agent,
      Map<String, AgentMethodHandle> methods) {
    this.manager = manager;
    this.pluginId = pluginId;
    this.version = version;
    this.agent = agent;
    this.methods = methods;
    ObjectMapper m =
        new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    this.mapper =
        m.setTypeFactory(m.getTypeFactory().withClassLoader(agent.getClass().getClassLoader()));
  }

  /**
   * Loads the plugin in {@code jar} and finds its one {@link Agent}.
   *
   * @throws CellException {@code invalid_plugin} (INVALID) when the jar is not a plugin, has no
   *     agent or more than one, or its agent cannot be instantiated
   */
  public static AgentPlugin load(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw invalid("no plugin file at " + jar);
    }
    PluginManager manager = new DefaultPluginManager(jar.getParent());
    String id;
    try {
      id = manager.loadPlugin(jar);
    } catch (RuntimeException e) {
      throw invalid(
          "not an oncell plugin: "
              + rootMessage(e)
              + " (a plugin jar's manifest names Plugin-Id and Plugin-Version)");
    }
    try {
      PluginState state = manager.startPlugin(id);
      PluginWrapper wrapper = manager.getPlugin(id);
      if (state != PluginState.STARTED) {
        throw invalid(
            "plugin "
                + id
                + " did not start: "
                + Optional.ofNullable(wrapper.getFailedException())
                    .map(AgentPlugin::rootMessage)
                    .orElse(state.toString()));
      }
      List<Agent> agents = manager.getExtensions(Agent.class, id);
      if (agents.isEmpty()) {
        throw invalid(
            "plugin "
                + id
                + " has no agent: annotate a subclass of dev.oncell.agent.Agent with"
                + " @org.pf4j.Extension and compile with pf4j on the class path");
      }
      if (agents.size() > 1) {
        throw invalid("plugin " + id + " has " + agents.size() + " agents; one plugin, one agent");
      }
      Agent agent = agents.getFirst();
      String version = wrapper.getDescriptor().getVersion();
      return new AgentPlugin(manager, id, version, agent, AgentMethodHandle.discover(agent));
    } catch (CellException e) {
      unload(manager, id);
      throw e;
    } catch (RuntimeException | LinkageError e) {
      unload(manager, id);
      throw invalid("plugin " + id + " failed to load: " + rootMessage(e));
    }
  }

  private static void unload(PluginManager manager, String id) {
    try {
      manager.unloadPlugin(id);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "unloading " + id, e);
    }
  }

  static CellException invalid(String message) {
    return CellException.invalid("invalid_plugin", message);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + Optional.ofNullable(root.getMessage()).map(m -> ": " + m).orElse("");
  }

  public String pluginId() {
    return pluginId;
  }

  public String version() {
    return version;
  }

  public Agent agent() {
    return agent;
  }

  /** The agent's name, asked of the agent; a throwing {@code name()} makes the plugin invalid. */
  public String agentName() {
    try {
      return agent.name();
    } catch (RuntimeException e) {
      throw invalid("the agent's name() failed: " + rootMessage(e));
    }
  }

  public Map<String, AgentMethodHandle> methods() {
    return methods;
  }

  public Optional<AgentMethodHandle> method(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** Maps JSON to and from the agent's own types, with the plugin's class loader. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The forges the plugin ships as PF4J extensions of {@link Forge}, made once: they serve its
   * customers for their kind, before the built-in ones.
   *
   * @throws CellException {@code invalid_plugin} (INVALID) when one cannot be instantiated
   */
  public synchronized List<Forge> forges() {
    if (forges == null) {
      try {
        forges = List.copyOf(manager.getExtensions(Forge.class, pluginId));
      } catch (RuntimeException | LinkageError e) {
        throw invalid("plugin " + pluginId + ": a forge failed to load: " + rootMessage(e));
      }
    }
    return forges;
  }

  public ClassLoader classLoader() {
    return agent.getClass().getClassLoader();
  }

  @Override
  public void close() {
    unload(manager, pluginId);
  }
}
