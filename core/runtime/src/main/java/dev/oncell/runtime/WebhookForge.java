package dev.oncell.runtime;

import java.util.Optional;

/**
 * The forges whose webhooks start agent runs, with the headers each sends: the event, the delivery
 * id (the idempotency key of the runs a delivery starts) and the signature (GitHub and Gitea: a hex
 * HMAC-SHA256 of the raw body under the hook's secret; GitLab: the secret itself as a token).
 */
public enum WebhookForge {
  GITHUB("github", "X-GitHub-Event", "X-GitHub-Delivery", "X-Hub-Signature-256"),
  GITLAB("gitlab", "X-Gitlab-Event", "X-Gitlab-Event-UUID", "X-Gitlab-Token"),
  GITEA("gitea", "X-Gitea-Event", "X-Gitea-Delivery", "X-Gitea-Signature");

  private final String wire;
  private final String eventHeader;
  private final String deliveryHeader;
  private final String signatureHeader;

  WebhookForge(String wire, String eventHeader, String deliveryHeader, String signatureHeader) {
    this.wire = wire;
    this.eventHeader = eventHeader;
    this.deliveryHeader = deliveryHeader;
    this.signatureHeader = signatureHeader;
  }

  /** The forge's name in paths and JSON: {@code github}, {@code gitlab}, {@code gitea}. */
  public String wire() {
    return wire;
  }

  public String eventHeader() {
    return eventHeader;
  }

  public String deliveryHeader() {
    return deliveryHeader;
  }

  public String signatureHeader() {
    return signatureHeader;
  }

  /** The forge of that name, or empty (exact lower-case names only). */
  public static Optional<WebhookForge> byName(String name) {
    for (WebhookForge forge : values()) {
      if (forge.wire.equals(name)) {
        return Optional.of(forge);
      }
    }
    return Optional.empty();
  }

  /**
   * The forge of that name.
   *
   * @throws CellException {@code unknown_forge} (NOT_FOUND)
   */
  public static WebhookForge named(String name) {
    return byName(name)
        .orElseThrow(
            () ->
                CellException.notFound(
                    "unknown_forge",
                    "no forge named '"
                        + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "'; webhooks come from "
                        + java.util.Arrays.stream(values()).map(WebhookForge::wire).toList()));
  }
}
