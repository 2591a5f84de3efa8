package dev.oncell.runtime.internal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.WebhookForge;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a forge's event into the input of the method it starts, in one shape for every forge. Pull
 * requests (GitHub and Gitea {@code pull_request}, GitLab {@code Merge Request Hook}) start on
 * opened, new commits and reopened, whose actions become GitHub's words ({@code opened}, {@code
 * synchronize}, {@code reopened}); GitLab's {@code update} counts only with new commits (it carries
 * {@code oldrev}). Pushes start on a branch that moved (not a tag, not a deletion). Everything else
 * is skipped with the reason.
 */
final class ForgeEvents {

  static final String PULL_REQUEST = "pull_request";
  static final String PUSH = "push";
  private static final String NO_COMMIT = "0000000000000000000000000000000000000000";
  private static final Map<String, String> PR_ACTIONS =
      Map.of(
          "opened", "opened",
          "synchronize", "synchronize",
          "synchronized", "synchronize",
          "reopened", "reopened",
          "open", "opened",
          "update", "synchronize",
          "reopen", "reopened");

  private ForgeEvents() {}

  /** What an event starts, or why it starts nothing. */
  sealed interface Parsed {}

  /** The event (a key of the settings' map) and the method's input. */
  record Trigger(String event, ObjectNode input) implements Parsed {}

  record Skip(String reason) implements Parsed {}

  /** The payload's repository URLs: what a customer's {@code config.repoUrl} is matched against. */
  static List<String> repoUrls(WebhookForge forge, JsonNode payload) {
    Stream<JsonNode> urls =
        switch (forge) {
          case GITHUB, GITEA ->
              Stream.of(
                  payload.path("repository").path("clone_url"),
                  payload.path("repository").path("html_url"));
          case GITLAB ->
              Stream.of(
                  payload.path("project").path("git_http_url"),
                  payload.path("project").path("web_url"));
        };
    return urls.filter(JsonNode::isTextual).map(JsonNode::asText).toList();
  }

  /**
   * @throws CellException {@code webhook_payload_invalid} (INVALID) for an event it would start
   *     whose payload lacks a field
   */
  static Parsed parse(WebhookForge forge, String event, JsonNode payload) {
    return switch (forge) {
      case GITHUB, GITEA ->
          switch (event) {
            case "pull_request" -> pullRequest(forge, payload);
            case "push" -> push(forge, payload);
            default -> new Skip(forge.wire() + " event '" + shortened(event) + "' starts nothing");
          };
      case GITLAB ->
          switch (event) {
            case "Merge Request Hook" -> mergeRequest(payload);
            case "Push Hook" -> push(forge, payload);
            default -> new Skip("gitlab event '" + shortened(event) + "' starts nothing");
          };
    };
  }

  private static Parsed pullRequest(WebhookForge forge, JsonNode payload) {
    String action = text(payload, "action");
    String normal = PR_ACTIONS.get(action);
    if (normal == null
        || !List.of("opened", "synchronize", "synchronized", "reopened").contains(action)) {
      return new Skip("pull_request action '" + shortened(action) + "' starts nothing");
    }
    JsonNode pr = payload.path("pull_request");
    return new Trigger(
        PULL_REQUEST,
        input(PULL_REQUEST, normal)
            .put("pullRequest", number(payload.has("number") ? payload : pr, "number"))
            .put("headSha", text(pr, "head.sha"))
            .put("baseSha", text(pr, "base.sha"))
            .put("headBranch", text(pr, "head.ref"))
            .put("baseBranch", text(pr, "base.ref"))
            .put("repoUrl", repoUrl(forge, payload)));
  }

  private static Parsed mergeRequest(JsonNode payload) {
    JsonNode mr = payload.path("object_attributes");
    String action = text(mr, "action");
    String normal = PR_ACTIONS.get(action);
    if (normal == null || !List.of("open", "update", "reopen").contains(action)) {
      return new Skip("merge request action '" + shortened(action) + "' starts nothing");
    }
    if (action.equals("update") && !mr.path("oldrev").isTextual()) {
      return new Skip("merge request update without new commits starts nothing");
    }
    ObjectNode input =
        input(PULL_REQUEST, normal)
            .put("pullRequest", number(mr, "iid"))
            .put("headSha", text(mr, "last_commit.id"));
    input.putNull("baseSha"); // GitLab's merge request hook does not carry the target's commit
    return new Trigger(
        PULL_REQUEST,
        input
            .put("headBranch", text(mr, "source_branch"))
            .put("baseBranch", text(mr, "target_branch"))
            .put("repoUrl", repoUrl(WebhookForge.GITLAB, payload)));
  }

  private static Parsed push(WebhookForge forge, JsonNode payload) {
    String ref = text(payload, "ref");
    String after = text(payload, "after");
    if (!ref.startsWith("refs/heads/")) {
      return new Skip("a push of '" + shortened(ref) + "', not of a branch, starts nothing");
    }
    if (after.equals(NO_COMMIT) || payload.path("deleted").asBoolean(false)) {
      return new Skip("a branch deletion starts nothing");
    }
    return new Trigger(
        PUSH,
        input(PUSH, PUSH)
            .put("ref", ref)
            .put("branch", ref.substring("refs/heads/".length()))
            .put("before", text(payload, "before"))
            .put("after", after)
            .put("repoUrl", repoUrl(forge, payload)));
  }

  private static ObjectNode input(String event, String action) {
    return JsonNodeFactory.instance.objectNode().put("event", event).put("action", action);
  }

  private static String repoUrl(WebhookForge forge, JsonNode payload) {
    List<String> urls = repoUrls(forge, payload);
    if (urls.isEmpty()) {
      throw invalid(forge == WebhookForge.GITLAB ? "project.git_http_url" : "repository.clone_url");
    }
    return urls.getFirst();
  }

  /** The text at a dotted path. */
  private static String text(JsonNode node, String path) {
    JsonNode value = at(node, path);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw invalid(path);
    }
    return value.asText();
  }

  private static long number(JsonNode node, String path) {
    JsonNode value = at(node, path);
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= 0) {
      throw invalid(path);
    }
    return value.asLong();
  }

  private static JsonNode at(JsonNode node, String path) {
    JsonNode value = node;
    for (String part : path.split("\\.")) {
      value = value.path(part);
    }
    return value;
  }

  private static CellException invalid(String field) {
    return CellException.invalid(
        "webhook_payload_invalid", "the payload lacks '" + field + "' (a non-empty value)");
  }

  private static String shortened(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
