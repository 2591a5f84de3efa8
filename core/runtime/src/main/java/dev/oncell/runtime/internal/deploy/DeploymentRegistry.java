package dev.oncell.runtime.internal.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oncell.agent.CellSpec;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Deployments;
import dev.oncell.runtime.internal.cell.CellLimits;
import dev.oncell.runtime.internal.cell.CellProfiles;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.SandboxBackends;
import dev.oncell.runtime.internal.egress.CellEgress;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.ControlPlane;
import dev.oncell.runtime.internal.store.DurableFiles;
import dev.oncell.runtime.internal.store.Json;
import dev.oncell.runtime.internal.store.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deployments in the control plane, jars under {@code plugins/deployed/<sha256>.jar}, and the
 * loaded plugins, one per jar. A jar dropped into {@code plugins/} is deployed to production when
 * the host starts.
 */
public final class DeploymentRegistry implements Deployments, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DeploymentRegistry.class.getName());

  private final ControlPlane controlPlane;
  private final Path pluginsDir;
  private final Path deployedDir;
  private final Clock clock;
  private final SandboxBackends backends;
  private final CellDefaults cellDefaults;
  private final Map<String, AgentPlugin> loaded = new ConcurrentHashMap<>();

  public DeploymentRegistry(
      ControlPlane controlPlane,
      Path pluginsDir,
      Clock clock,
      SandboxBackends backends,
      CellDefaults cellDefaults) {
    this.controlPlane = controlPlane;
    this.backends = backends;
    this.cellDefaults = cellDefaults;
    this.pluginsDir = pluginsDir;
    this.deployedDir = pluginsDir.resolve("deployed");
    this.clock = clock;
    try {
      Files.createDirectories(deployedDir);
    } catch (IOException e) {
      throw CellException.internal("cannot create " + deployedDir, e);
    }
  }

  /** Deploys jars dropped into {@code plugins/} that are not deployed yet. */
  public void deployDropIns() {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(pluginsDir, "*.jar")) {
      for (Path jar : jars) {
        byte[] bytes = Files.readAllBytes(jar);
        if (list().stream().anyMatch(d -> d.sha256().equals(Sha256.hex(bytes)))) {
          continue; // deployed before, perhaps promoted or replaced since: leave it be
        }
        try {
          DeploymentInfo d = deploy(bytes, "production");
          LOG.info("deployed " + jar.getFileName() + ": " + d.agent() + " " + d.version());
        } catch (CellException e) {
          LOG.warning("skipping " + jar + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read " + pluginsDir, e);
    }
  }

  @Override
  public synchronized DeploymentInfo deploy(byte[] jar, String env, Optional<String> sandbox) {
    CellRegistry.checkEnv(env);
    // Refused before anything is stored: a backend that cannot run here would fail every cell.
    sandbox.ifPresent(backends::get);
    String sha = Sha256.hex(jar);
    for (DeploymentInfo current : list()) {
      if (current.active()
          && current.env().equals(env)
          && current.sha256().equals(sha)
          && current.sandbox().equals(sandbox)) {
        return current; // the very jar already serves this environment
      }
    }
    Path target = deployedDir.resolve(sha + ".jar");
    try {
      Path temp = Files.createTempFile(deployedDir, ".incoming-", ".jar");
      try {
        Files.write(temp, jar);
        DurableFiles.sync(temp); // on disk before it takes the name the control plane records
        // Validate everything before the jar takes its final name: a refused jar leaves nothing.
        try (AgentPlugin probe = AgentPlugin.load(temp)) {
          checkNameIsFree(probe.agentName(), probe.pluginId());
          checkSpec(probe);
        }
        if (!Files.exists(target)) {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          DurableFiles.syncFolder(target);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw CellException.internal("cannot store the plugin jar: " + e.getMessage(), e);
    }
    AgentPlugin plugin = plugin(target, sha);
    String agent = plugin.agentName();
    DeploymentInfo info =
        new DeploymentInfo(
            "d-" + UUID.randomUUID(),
            plugin.pluginId(),
            agent,
            plugin.version(),
            env,
            sha,
            List.copyOf(plugin.methods().keySet()),
            true,
            clock.instant(),
            sandbox);
    activate(info);
    return info;
  }

  /**
   * The agent's {@code spec()} must make sandbox limits and a valid egress allow-list; checked
   * once, at deploy time.
   */
  private void checkSpec(AgentPlugin probe) {
    CellSpec spec;
    try {
      spec = probe.agent().spec();
    } catch (RuntimeException e) {
      throw CellException.invalid(
          "invalid_cell_spec",
          "agent '" + probe.agentName() + "': spec() failed: " + e.getMessage());
    }
    CellLimits.of(spec, cellDefaults);
    CellEgress.policy(spec.network());
  }

  @Override
  public String sandboxOf(DeploymentInfo deployment) {
    return backends.get(deployment.sandbox().orElse(backends.hostDefault())).name();
  }

  private void checkNameIsFree(String agent, String pluginId) {
    for (DeploymentInfo other : list()) {
      if (other.agent().equals(agent) && !other.pluginId().equals(pluginId)) {
        throw CellException.conflict(
            "agent_name_taken",
            "agent name '" + agent + "' belongs to plugin " + other.pluginId() + "; rename one");
      }
    }
  }

  @Override
  public synchronized List<DeploymentInfo> promote(String from, String to, Optional<String> agent) {
    CellRegistry.checkEnv(from);
    CellRegistry.checkEnv(to);
    if (from.equals(to)) {
      throw CellException.invalid("invalid_env", "promote needs two different environments");
    }
    List<DeploymentInfo> promoted = new ArrayList<>();
    for (DeploymentInfo d : list()) {
      if (d.active() && d.env().equals(from) && agent.map(d.agent()::equals).orElse(true)) {
        DeploymentInfo copy =
            new DeploymentInfo(
                "d-" + UUID.randomUUID(),
                d.pluginId(),
                d.agent(),
                d.version(),
                to,
                d.sha256(),
                d.methods(),
                true,
                clock.instant(),
                d.sandbox());
        activate(copy);
        promoted.add(copy);
      }
    }
    if (promoted.isEmpty()) {
      throw CellException.notFound(
          "nothing_to_promote",
          "no agent" + agent.map(a -> " named '" + a + "'").orElse("") + " is active in " + from);
    }
    return promoted;
  }

  /** Inserts {@code info} as the one active deployment of its agent in its environment. */
  private void activate(DeploymentInfo info) {
    try (Connection c = controlPlane.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement off =
              c.prepareStatement(
                  "UPDATE deployments SET active = FALSE WHERE agent = ? AND env = ?");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO deployments (id, plugin_id, agent, version, env, sha256, methods,"
                      + " active, created_at, sandbox) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")) {
        off.setString(1, info.agent());
        off.setString(2, info.env());
        off.executeUpdate();
        insert.setString(1, info.id());
        insert.setString(2, info.pluginId());
        insert.setString(3, info.agent());
        insert.setString(4, info.version());
        insert.setString(5, info.env());
        insert.setString(6, info.sha256());
        ArrayNode methods = Json.MAPPER.createArrayNode();
        info.methods().forEach(methods::add);
        insert.setString(7, Json.write(methods));
        insert.setTimestamp(8, Timestamp.from(info.createdAt()));
        insert.setString(9, info.sandbox().orElse(null));
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("record a deployment", e);
    }
  }

  @Override
  public List<DeploymentInfo> list() {
    return query("SELECT * FROM deployments ORDER BY created_at DESC, id", List.of());
  }

  /** The spec and sandbox backend of the version of {@code agent} active in {@code env}. */
  public Optional<CellProfiles.ServingVersion> servingVersion(String agent, String env) {
    return active(agent, env)
        .map(d -> new CellProfiles.ServingVersion(plugin(d).agent().spec(), sandboxOf(d)));
  }

  @Override
  public Optional<DeploymentInfo> active(String agent, String env) {
    return query(
            "SELECT * FROM deployments WHERE agent = ? AND env = ? AND active", List.of(agent, env))
        .stream()
        .findFirst();
  }

  public Optional<DeploymentInfo> find(String id) {
    return query("SELECT * FROM deployments WHERE id = ?", List.of(id)).stream().findFirst();
  }

  /** The loaded plugin of a deployment, loading its jar on first use. */
  public AgentPlugin plugin(DeploymentInfo deployment) {
    return plugin(deployedDir.resolve(deployment.sha256() + ".jar"), deployment.sha256());
  }

  private AgentPlugin plugin(Path jar, String sha) {
    AgentPlugin plugin = loaded.get(sha);
    if (plugin != null) {
      return plugin;
    }
    synchronized (loaded) {
      return loaded.computeIfAbsent(sha, s -> AgentPlugin.load(jar));
    }
  }

  private List<DeploymentInfo> query(String sql, List<String> params) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        s.setString(i + 1, params.get(i));
      }
      List<DeploymentInfo> result = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<String> methods = new ArrayList<>();
          Json.read(rs.getString("methods")).forEach(m -> methods.add(m.asText()));
          result.add(
              new DeploymentInfo(
                  rs.getString("id"),
                  rs.getString("plugin_id"),
                  rs.getString("agent"),
                  rs.getString("version"),
                  rs.getString("env"),
                  rs.getString("sha256"),
                  methods,
                  rs.getBoolean("active"),
                  rs.getTimestamp("created_at").toInstant(),
                  Optional.ofNullable(rs.getString("sandbox"))));
        }
      }
      return result;
    } catch (SQLException e) {
      throw ControlPlane.failure("read deployments", e);
    }
  }

  @Override
  public void close() {
    loaded.values().forEach(AgentPlugin::close);
    loaded.clear();
  }
}
