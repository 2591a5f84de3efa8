package dev.oncell.runtime.internal;

import dev.oncell.forge.RetryPolicy;
import dev.oncell.runtime.ApiKeys;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Deployments;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.Runs;
import dev.oncell.runtime.Secrets;
import dev.oncell.runtime.Usage;
import dev.oncell.runtime.UsageReport;
import dev.oncell.runtime.Webhooks;
import dev.oncell.runtime.internal.cell.CellEnvironment;
import dev.oncell.runtime.internal.cell.CellProfiles;
import dev.oncell.runtime.internal.cell.CellRegistry;
import dev.oncell.runtime.internal.cell.IdlePauser;
import dev.oncell.runtime.internal.cell.SandboxBackends;
import dev.oncell.runtime.internal.cell.SearchPool;
import dev.oncell.runtime.internal.cell.SharedEmbedder;
import dev.oncell.runtime.internal.deploy.DeploymentRegistry;
import dev.oncell.runtime.internal.forge.HostForges;
import dev.oncell.runtime.internal.llm.LlmService;
import dev.oncell.runtime.internal.run.RunManager;
import dev.oncell.runtime.internal.store.ApiKeyStore;
import dev.oncell.runtime.internal.store.AtRestCipher;
import dev.oncell.runtime.internal.store.ControlPlane;
import dev.oncell.runtime.internal.store.GitCredentialStore;
import dev.oncell.runtime.internal.store.LlmUsageStore;
import dev.oncell.runtime.internal.store.RunStore;
import dev.oncell.runtime.internal.store.SecretStore;
import dev.oncell.runtime.internal.store.WebhookStore;
import dev.oncell.runtime.internal.webhook.WebhookService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Logger;

/**
 * The host: sandbox backends, control plane, cells and keys, opened in that order; the idle pauser
 * starts last and stops first.
 */
public final class DefaultHost implements Host {

  private static final Logger LOG = Logger.getLogger(DefaultHost.class.getName());

  private final HostConfig config;
  private final ControlPlane controlPlane;
  private final SandboxBackends backends;
  private final CellRegistry cells;
  private final ApiKeyStore apiKeys;
  private final DeploymentRegistry deployments;
  private final RunManager runs;
  private final SharedEmbedder embedder;
  private final SearchPool searchPool;
  private final LlmService llm;
  private final SecretStore secrets;
  private final GitCredentialStore gitCredentials;
  private final IdlePauser idlePauser;
  private final HostForges forges;
  private final WebhookService webhooks;

  private DefaultHost(
      HostConfig config,
      ControlPlane controlPlane,
      SandboxBackends backends,
      AtRestCipher cipher,
      SecretStore secrets,
      LlmService llm) {
    this.config = config;
    this.controlPlane = controlPlane;
    this.backends = backends;
    this.secrets = secrets;
    this.gitCredentials = new GitCredentialStore(controlPlane, cipher, config.clock());
    this.forges = new HostForges(gitCredentials::find, RetryPolicy.defaults());
    this.llm = llm;
    this.embedder = new SharedEmbedder(config.embeddingModel());
    this.searchPool = new SearchPool(config.search());
    this.deployments =
        new DeploymentRegistry(
            controlPlane,
            config.home().resolve("plugins"),
            config.clock(),
            backends,
            config.cells());
    CellProfiles profiles = new CellProfiles(deployments::servingVersion, backends, config.cells());
    CellEnvironment env =
        new CellEnvironment(
            config, controlPlane, profiles, embedder, llm, searchPool, gitCredentials::find);
    this.cells = new CellRegistry(env, deployments);
    this.runs =
        new RunManager(
            cells,
            deployments,
            new RunStore(controlPlane),
            config.clock(),
            config.runTimeout(),
            config.journalRetention(),
            forges);
    cells.setupLauncher(runs::startSetup);
    cells.deletionHooks(
        runs::cancelForCustomer,
        id -> {
          runs.forgetCustomer(id);
          llm.forgetCustomer(id);
        });
    this.apiKeys = new ApiKeyStore(controlPlane, config.home(), config.clock());
    this.idlePauser = new IdlePauser(cells, runs::hasLiveRun, config.clock());
    this.webhooks =
        new WebhookService(
            new WebhookStore(controlPlane, cipher, config.clock()),
            cells,
            runs,
            info -> {
              String agent =
                  info.agent()
                      .orElseThrow(
                          () ->
                              CellException.invalid(
                                  "no_agent",
                                  "customer '" + info.id() + "' has no agent to start"));
              return deployments
                  .active(agent, info.env())
                  .map(d -> deployments.plugin(d).methods().keySet());
            });
  }

  public static Host open(HostConfig config) {
    Path home = config.home();
    try {
      if (!Files.exists(home)) {
        // Customers' code lives here: readable by the operator's account only.
        Files.createDirectories(
            home,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.createDirectories(home.resolve("cells"));
      Files.createDirectories(home.resolve("control"));
    } catch (IOException e) {
      throw CellException.internal(
          "cannot create ONCELL_HOME at " + home + ": " + e.getMessage(), e);
    }
    SandboxBackends backends =
        new SandboxBackends(config.sandbox(), home.resolve("runtime/sandbox"));
    ControlPlane controlPlane = ControlPlane.open(home.resolve("control"));
    AtRestCipher cipher = new AtRestCipher(home);
    SecretStore secrets = new SecretStore(controlPlane, cipher, config.clock());
    LlmService llm;
    try {
      llm = LlmService.open(config, secrets, new LlmUsageStore(controlPlane, config.clock()));
    } catch (RuntimeException e) {
      controlPlane.close();
      throw e;
    }
    DefaultHost host = new DefaultHost(config, controlPlane, backends, cipher, secrets, llm);
    try {
      host.cells.recover();
      host.runs.recover();
      host.deployments.deployDropIns();
      host.idlePauser.start(config.cells().idleCheckInterval());
    } catch (RuntimeException e) {
      llm.close();
      controlPlane.close();
      throw e;
    }
    return host;
  }

  public CellRegistry registry() {
    return cells;
  }

  public DeploymentRegistry deploymentRegistry() {
    return deployments;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** The forges runs use for {@code ctx.pullRequests()}. */
  public HostForges forges() {
    return forges;
  }

  @Override
  public HostConfig config() {
    return config;
  }

  @Override
  public Cells cells() {
    return cells;
  }

  @Override
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  @Override
  public Deployments deployments() {
    return deployments;
  }

  @Override
  public Runs runs() {
    return runs;
  }

  @Override
  public Secrets secrets() {
    return secrets;
  }

  /** The store itself: its {@code find} is what the host's git and forge calls use. */
  @Override
  public GitCredentialStore gitCredentials() {
    return gitCredentials;
  }

  @Override
  public Webhooks webhooks() {
    return webhooks;
  }

  @Override
  public Usage usage() {
    return new Usage() {
      @Override
      public UsageReport customer(String customerId) {
        cells.live(customerId); // not_found for an unknown customer
        return llm.customerUsage(customerId);
      }

      @Override
      public UsageReport deployment(String deploymentId) {
        deployments
            .find(deploymentId)
            .orElseThrow(
                () -> CellException.notFound("not_found", "no deployment '" + deploymentId + "'"));
        return llm.deploymentUsage(deploymentId);
      }
    };
  }

  @Override
  public String sandboxBackend() {
    return backends.hostDefault();
  }

  @Override
  public boolean sandboxIsolated() {
    return backends.get(backends.hostDefault()).isolated();
  }

  @Override
  public List<String> pauseIdleCells() {
    return idlePauser.sweep();
  }

  @Override
  public void close() {
    try {
      // First: running searches and greps stop and release their cells, which can then pause
      searchPool.close();
      idlePauser.close();
      runs.close();
      cells.releaseAll();
      deployments.close();
      embedder.close();
      llm.close();
    } finally {
      controlPlane.close();
    }
  }
}
