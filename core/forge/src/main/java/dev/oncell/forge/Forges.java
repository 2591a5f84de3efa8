package dev.oncell.forge;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.forge.internal.GitHubForge;
import dev.oncell.forge.internal.GitLabForge;
import dev.oncell.forge.internal.GiteaForge;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The built-in {@link Forge}s: GitHub (and GitHub Enterprise), GitLab, Gitea and Forgejo. */
public final class Forges {

  private Forges() {}

  /** GitHub's REST API v3 ({@code https://api.github.com} or {@code https://host/api/v3}). */
  public static Forge github(RetryPolicy policy) {
    return new GitHubForge(policy);
  }

  /** GitLab's REST API v4 ({@code https://host/api/v4}); pull requests are merge requests. */
  public static Forge gitlab(RetryPolicy policy) {
    return new GitLabForge(policy);
  }

  /** Gitea's and Forgejo's REST API v1 ({@code https://host/api/v1}). */
  public static Forge gitea(RetryPolicy policy) {
    return new GiteaForge(policy);
  }

  /** GitHub, GitLab and Gitea, in that order. */
  public static List<Forge> builtIn(RetryPolicy policy) {
    return List.of(github(policy), gitlab(policy), gitea(policy));
  }

  /**
   * The forge of {@code kind} among {@code forges} (the built-in ones plus the extensions plugins
   * contribute); {@code forgejo} finds {@code gitea}.
   */
  public static Optional<Forge> byKind(List<Forge> forges, String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    String wanted = k.equals("forgejo") ? "gitea" : k;
    return forges.stream().filter(f -> f.kind().equals(wanted)).findFirst();
  }

  /**
   * The usual API base for a repository's URL on a forge of {@code kind}: {@code
   * https://api.github.com} for github.com, {@code scheme://host/api/v3} for GitHub Enterprise,
   * {@code /api/v4} for GitLab, {@code /api/v1} for Gitea and Forgejo. Operators can configure
   * another.
   */
  public static URI defaultApiBase(String kind, String repoUrl) {
    Objects.requireNonNull(kind, "kind");
    ForgeRepo repo = ForgeRepo.parse(repoUrl);
    String scheme = URI.create(repoUrl.strip()).getScheme().toLowerCase(Locale.ROOT);
    String root = scheme + "://" + repo.host();
    String suffix =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "github" -> repo.host().equals("github.com") ? null : "/api/v3";
          case "gitlab" -> "/api/v4";
          case "gitea", "forgejo" -> "/api/v1";
          default -> throw new ForgeException(ForgeException.INVALID, "unknown forge kind");
        };
    try {
      return suffix == null ? new URI("https://api.github.com") : new URI(root + suffix);
    } catch (URISyntaxException e) {
      throw new ForgeException(ForgeException.INVALID_REPO_URL, "invalid repository URL");
    }
  }
}
