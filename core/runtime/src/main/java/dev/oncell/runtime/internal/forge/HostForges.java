package dev.oncell.runtime.internal.forge;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.forge.Forges;
import dev.oncell.forge.RetryPolicy;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.mirror.CredentialLookup;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's forges: the built-in GitHub, GitLab and Gitea ones, and the customers' credentials
 * they act with. A run asks it for {@code ctx.pullRequests()}; the forges its agent's plugin ships
 * come first for their kind, the built-in ones otherwise.
 */
public final class HostForges {

  private final CredentialLookup credentials;
  private final List<Forge> builtIn;

  public HostForges(CredentialLookup credentials, RetryPolicy policy) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.builtIn = Forges.builtIn(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * The pull requests of {@code repoUrl}, or of the customer's repository without one, for a run of
   * {@code plugin} in {@code cell}. Resolves the forge now, so a bad config fails before any step.
   *
   * @throws dev.oncell.runtime.CellException (INVALID) {@code repo_url_missing}, {@code
   *     invalid_repo_url}, {@code forge_unknown}, {@code forge_config_invalid}
   */
  public PullRequests pullRequests(
      ForgeSteps steps, LiveCell cell, AgentPlugin plugin, Optional<String> repoUrl) {
    ForgeTarget target = ForgeTarget.resolve(cell.info().config(), repoUrl);
    List<Forge> all = new ArrayList<>(plugin.forges());
    all.addAll(builtIn);
    Forge forge =
        Forges.byKind(all, target.kind())
            .orElseThrow(
                () ->
                    ForgeFailures.unknownForge(
                        "no forge of kind '"
                            + target.kind()
                            + "' for "
                            + target.repo()
                            + ": the host has "
                            + all.stream().map(Forge::kind).distinct().sorted().toList()
                            + "; set forge.kind in the customer's config to one of them"));
    return new JournaledPullRequests(
        steps, target, new ForgeClient(cell, target, forge, credentials));
  }
}
