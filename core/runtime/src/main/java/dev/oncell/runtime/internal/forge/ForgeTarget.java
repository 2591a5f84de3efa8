package dev.oncell.runtime.internal.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.forge.Forges;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.store.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which forge serves a repository, and at which API base: the customer config's {@code forge}
 * ({@code kind}, {@code apiBase}) when it applies, else what the host knows of public forges. The
 * API base must be on the repository's own host (or {@code api.github.com} for {@code github.com}),
 * since the customer's token for that host goes there.
 *
 * @param repoUrl the repository's URL as configured or given
 * @param repo the repository on its forge
 * @param kind the forge's kind in lower case ({@code github}, {@code gitlab}, {@code gitea}, or a
 *     plugin's)
 * @param apiBase the API's root
 */
record ForgeTarget(String repoUrl, ForgeRepo repo, String kind, URI apiBase) {

  /**
   * The target of {@code explicitUrl}, or of the config's {@code repoUrl} without one.
   *
   * @throws CellException (INVALID) {@code repo_url_missing}, {@code invalid_repo_url}, {@code
   *     forge_unknown} or {@code forge_config_invalid}
   */
  static ForgeTarget resolve(JsonNode config, Optional<String> explicitUrl) {
    Optional<String> configured = text(config, "repoUrl");
    String url =
        explicitUrl.orElseGet(
            () ->
                configured.orElseThrow(
                    () ->
                        CellException.invalid(
                            "repo_url_missing",
                            "the customer's config has no repoUrl: create the customer with"
                                + " \"config\": {\"repoUrl\": \"https://host/owner/name\"}, or pass"
                                + " a repository URL to ctx.pullRequests(url)")));
    ForgeRepo repo = parse(url);
    Optional<JsonNode> forge = Optional.ofNullable(config.get("forge"));
    if (forge.isPresent() && !forge.get().isObject()) {
      throw ForgeFailures.badConfig(
          "the customer config's forge must be an object: {\"kind\": ..., \"apiBase\": ...}");
    }
    boolean configApplies =
        forge.isPresent()
            && (explicitUrl.isEmpty()
                || configured.flatMap(ForgeTarget::hostOf).equals(Optional.of(repo.host())));
    if (configApplies) {
      return fromConfig(url, repo, forge.get());
    }
    return switch (repo.host()) {
      case "github.com" ->
          new ForgeTarget(url, repo, "github", URI.create("https://api.github.com"));
      case "gitlab.com" ->
          new ForgeTarget(url, repo, "gitlab", URI.create("https://gitlab.com/api/v4"));
      default ->
          throw ForgeFailures.unknownForge(
              "cannot tell which forge serves "
                  + repo.host()
                  + ": set forge.kind (github, gitlab or gitea) and forge.apiBase (such as"
                  + " https://"
                  + repo.host()
                  + "/api/v4) in the customer's config");
    };
  }

  private static ForgeTarget fromConfig(String url, ForgeRepo repo, JsonNode forge) {
    Optional<String> kind = text(forge, "kind").map(k -> k.strip().toLowerCase(Locale.ROOT));
    Optional<String> apiBase = text(forge, "apiBase");
    if (kind.isEmpty() || kind.get().isEmpty()) {
      throw ForgeFailures.unknownForge(
          "the customer config's forge names no kind: set forge.kind (github, gitlab, gitea, or"
              + " the kind of a forge the agent's plugin ships)");
    }
    URI base;
    if (apiBase.isPresent()) {
      base = checkBase(apiBase.get());
    } else {
      try {
        base = Forges.defaultApiBase(kind.get(), url);
      } catch (ForgeException e) {
        throw ForgeFailures.unknownForge(
            "oncell knows no API base for forge kind '"
                + kind.get()
                + "': set forge.apiBase in the customer's config");
      }
    }
    String apiHost = hostOf(base);
    boolean sameHost =
        apiHost.equals(repo.host())
            || (repo.host().equals("github.com") && apiHost.equals("api.github.com"));
    if (!sameHost) {
      throw ForgeFailures.badConfig(
          "forge.apiBase is on "
              + apiHost
              + " but the repository is on "
              + repo.host()
              + ": the customer's credential for a host is only sent to that host");
    }
    return new ForgeTarget(url, repo, kind.get(), base);
  }

  private static URI checkBase(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw ForgeFailures.badConfig("forge.apiBase is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw ForgeFailures.badConfig(
          "forge.apiBase must be an http or https URL with a host and no user name, query or"
              + " fragment");
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  private static ForgeRepo parse(String url) {
    try {
      return ForgeRepo.parse(url);
    } catch (ForgeException e) {
      throw ForgeFailures.toCell(e);
    }
  }

  private static Optional<String> hostOf(String url) {
    try {
      return Optional.of(ForgeRepo.parse(url).host());
    } catch (ForgeException e) {
      return Optional.empty();
    }
  }

  /** {@code host} or {@code host:port}, as {@link ForgeRepo#host()} writes it. */
  private static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** The host a credential is stored for: the repository's host without its port. */
  String credentialHost() {
    String host = repo.host();
    if (host.startsWith("[")) {
      return host.substring(0, host.indexOf(']') + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** The API's port, for the egress decision. */
  int apiPort() {
    if (apiBase.getPort() != -1) {
      return apiBase.getPort();
    }
    return apiBase.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** What a step's request says of the target (never a credential). */
  ObjectNode request() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("repo", repo.toString());
    node.put("kind", kind);
    node.put("apiBase", apiBase.toString());
    return node;
  }
}
