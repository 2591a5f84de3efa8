package dev.oncell.forge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API v3, at the root like {@code api.github.com} or below {@code
 * /api/v3} like GitHub Enterprise ({@link #enterprise()}). It speaks the real paths, status codes,
 * field names and error bodies: {@code Authorization: Bearer}, 401 {@code Bad credentials}, 403
 * {@code Resource not accessible by personal access token}, 404 {@code Not Found}, 422 {@code
 * Validation Failed} with "A pull request already exists for owner:branch.", {@code Link}
 * pagination ({@code per_page} up to 100, {@code page}), open pull requests filtered by {@code
 * head=owner:branch}.
 */
public final class FakeGitHub extends FakeForge {

  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)");
  private static final Pattern ISSUE_COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern REVIEW_COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/comments");
  private static final Pattern REPLIES =
      Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/comments/(\\d+)/replies");
  private static final Pattern ISSUE_COMMENT =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
  private static final Pattern REVIEWS =
      Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/reviews");
  private static final String DOCS = "https://docs.github.com/rest";

  private FakeGitHub(String prefix) {
    super(prefix);
  }

  /** Like {@code api.github.com}: the API at the root. */
  public static FakeGitHub start() {
    return new FakeGitHub("");
  }

  /** Like GitHub Enterprise Server: the API below {@code /api/v3}. */
  public static FakeGitHub enterprise() {
    return new FakeGitHub("/api/v3");
  }

  @Override
  Optional<String> token(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return Optional.empty();
    }
    if (auth.startsWith("Bearer ")) {
      return Optional.of(auth.substring(7));
    }
    if (auth.startsWith("token ")) {
      return Optional.of(auth.substring(6));
    }
    return Optional.empty();
  }

  @Override
  Object error(int status, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put(
        "message",
        switch (status) {
          case 401 -> "Bad credentials";
          case 403 -> "Resource not accessible by personal access token";
          case 404 -> "Not Found";
          case 429 -> "API rate limit exceeded";
          case 502 -> "Server Error";
          default -> message;
        });
    e.put("documentation_url", DOCS);
    e.put("status", String.valueOf(status));
    return e;
  }

  @Override
  Answer route(Call call, String path, boolean canWrite) {
    Matcher m;
    if ((m = PULLS.matcher(path)).matches()) {
      Repo repo = repo(m.group(1), false);
      if (repo == null) {
        return Answer.of(404, error(404, ""));
      }
      if (call.method().equals("GET")) {
        return list(call, repo);
      }
      if (call.method().equals("POST")) {
        return canWrite ? create(call, repo) : Answer.of(403, error(403, ""));
      }
    } else if ((m = PULL.matcher(path)).matches()) {
      Repo repo = repo(m.group(1), false);
      Optional<Pr> pr = repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, ""));
      }
      if (call.method().equals("GET")) {
        return Answer.of(200, json(pr.get(), true));
      }
      if (call.method().equals("PATCH")) {
        if (!canWrite) {
          return Answer.of(403, error(403, ""));
        }
        JsonNode b = call.json();
        if (b.has("title")) {
          pr.get().title = b.get("title").asText();
        }
        if (b.has("body")) {
          pr.get().body = b.get("body").asText();
        }
        if (b.has("base")) {
          pr.get().base = b.get("base").asText();
          pr.get().baseSha = sha(pr.get().base);
        }
        return Answer.of(200, json(pr.get(), true));
      }
    } else if ((m = ISSUE_COMMENTS.matcher(path)).matches() && call.method().equals("POST")) {
      return comment(call, m, canWrite, false);
    } else if ((m = REVIEW_COMMENTS.matcher(path)).matches() && call.method().equals("POST")) {
      return comment(call, m, canWrite, true);
    } else if ((m = REVIEW_COMMENTS.matcher(path)).matches() && call.method().equals("GET")) {
      Repo repo = repo(m.group(1), false);
      Optional<Pr> pr = repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
      return pr.isEmpty()
          ? Answer.of(404, error(404, ""))
          : page(call, new ArrayList<>(pr.get().reviewComments), "per_page", 30);
    } else if ((m = REPLIES.matcher(path)).matches() && call.method().equals("POST")) {
      return reply(call, m, canWrite);
    } else if ((m = REVIEWS.matcher(path)).matches() && call.method().equals("POST")) {
      return review(call, m, canWrite);
    } else if ((m = ISSUE_COMMENT.matcher(path)).matches() && call.method().equals("PATCH")) {
      return editComment(call, m, canWrite);
    }
    return Answer.of(404, error(404, ""));
  }

  private Answer comment(Call call, Matcher m, boolean canWrite, boolean inline) {
    Repo repo = repo(m.group(1), false);
    Optional<Pr> pr = repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
    if (pr.isEmpty()) {
      return Answer.of(404, error(404, ""));
    }
    if (!canWrite) {
      return Answer.of(403, error(403, ""));
    }
    JsonNode b = call.json();
    if (b.path("body").asText("").isBlank()) {
      return Answer.of(422, validation("body", "missing_field", "body is missing"));
    }
    if (inline) {
      if (!b.path("commit_id").asText().equals(pr.get().headSha)) {
        return Answer.of(
            422, validation("commit_id", "invalid", "commit_id is not part of the pull request"));
      }
      if (!b.has("path")
          || !b.has("line")
          || !List.of("LEFT", "RIGHT").contains(b.path("side").asText())) {
        return Answer.of(422, validation("path", "invalid", "path, line and side are required"));
      }
    }
    long id;
    if (inline) {
      id = repo.nextCommentId++;
      pr.get().reviewComments.add(stored(b, id, "oncell-bot", 0));
    } else {
      id = repo.comment(pr.get(), b);
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("body", b.path("body").asText());
    c.put("html_url", url() + "/" + repo.path + "/pull/" + pr.get().number + "#comment-" + id);
    if (inline) {
      c.put("path", b.path("path").asText());
      c.put("line", b.path("line").asInt());
      c.put("side", b.path("side").asText());
      c.put("commit_id", b.path("commit_id").asText());
    }
    return Answer.of(201, c);
  }

  /**
   * {@code POST .../pulls/N/comments/ID/replies}: a reply in the thread of inline comment {@code
   * ID}, anchored where the thread is (GitHub answers 404 for an id that is not a thread's first
   * comment of this pull request).
   */
  private Answer reply(Call call, Matcher m, boolean canWrite) {
    Repo repo = repo(m.group(1), false);
    Optional<Pr> pr = repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
    long to = Long.parseLong(m.group(3));
    Optional<JsonNode> thread =
        pr.flatMap(
            p ->
                p.reviewComments.stream()
                    .filter(c -> c.path("id").asLong() == to && !c.has("in_reply_to_id"))
                    .findFirst());
    if (thread.isEmpty()) {
      return Answer.of(404, error(404, ""));
    }
    if (!canWrite) {
      return Answer.of(403, error(403, ""));
    }
    JsonNode b = call.json();
    if (b.path("body").asText("").isBlank()) {
      return Answer.of(422, validation("body", "missing_field", "body is missing"));
    }
    ObjectNode r = thread.get().deepCopy();
    r.put("body", b.path("body").asText());
    long id = repo.nextCommentId++;
    ObjectNode stored = stored(r, id, "oncell-bot", to);
    pr.get().reviewComments.add(stored);
    return Answer.of(201, stored);
  }

  /**
   * Seeds an inline comment by a person ({@code login}) on pull request {@code number}'s head, as a
   * reviewer would write it in the browser; returns its id.
   */
  public synchronized long inlineComment(
      String repoPath, long number, String path, int line, String login, String body) {
    Repo repo = repo(repoPath, true);
    Pr pr = repo.pr(number).orElseThrow(() -> new AssertionError("no pull request " + number));
    ObjectNode c = JSON.createObjectNode();
    c.put("body", body);
    c.put("commit_id", pr.headSha);
    c.put("path", path);
    c.put("line", line);
    c.put("side", "RIGHT");
    long id = repo.nextCommentId++;
    pr.reviewComments.add(stored(c, id, login, 0));
    return id;
  }

  /** An inline comment as GitHub lists it: what was sent, its id, author and thread. */
  private static ObjectNode stored(JsonNode sent, long id, String login, long inReplyTo) {
    ObjectNode c = sent.deepCopy();
    c.put("id", id);
    c.putObject("user").put("login", login);
    c.remove("in_reply_to_id");
    if (inReplyTo != 0) {
      c.put("in_reply_to_id", inReplyTo);
    }
    return c;
  }

  /**
   * {@code PATCH /repos/{o}/{r}/issues/comments/{id}} with {@code {"body"}}: 200 and the comment.
   */
  private Answer editComment(Call call, Matcher m, boolean canWrite) {
    Repo repo = repo(m.group(1), false);
    if (repo == null) {
      return Answer.of(404, error(404, ""));
    }
    if (!canWrite) {
      return Answer.of(403, error(403, ""));
    }
    JsonNode b = call.json();
    if (b.path("body").asText("").isBlank()) {
      return Answer.of(422, validation("body", "missing_field", "body is missing"));
    }
    long id = Long.parseLong(m.group(2));
    Optional<Pr> pr = repo.edit(id, b);
    if (pr.isEmpty()) {
      return Answer.of(404, error(404, ""));
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("body", b.path("body").asText());
    c.put("html_url", url() + "/" + repo.path + "/pull/" + pr.get().number + "#comment-" + id);
    return Answer.of(200, c);
  }

  /**
   * {@code POST .../pulls/{n}/reviews} with {@code {commit_id, body, event}}, no inline comments.
   */
  private Answer review(Call call, Matcher m, boolean canWrite) {
    Repo repo = repo(m.group(1), false);
    Optional<Pr> pr = repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
    if (pr.isEmpty()) {
      return Answer.of(404, error(404, ""));
    }
    if (!canWrite) {
      return Answer.of(403, error(403, ""));
    }
    JsonNode b = call.json();
    String event = b.path("event").asText();
    if (!List.of("APPROVE", "REQUEST_CHANGES", "COMMENT").contains(event)) {
      return Answer.of(422, validation("event", "invalid", "event is not valid"));
    }
    if (!b.path("commit_id").asText().equals(pr.get().headSha)) {
      return Answer.of(
          422, validation("commit_id", "invalid", "commit_id is not part of the pull request"));
    }
    if (!event.equals("APPROVE") && b.path("body").asText("").isBlank()) {
      return Answer.of(422, validation("body", "missing_field", "body is required"));
    }
    pr.get().verdicts.add(event);
    long id = repo.nextCommentId++;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    r.put("body", b.path("body").asText(""));
    r.put(
        "state",
        switch (event) {
          case "APPROVE" -> "APPROVED";
          case "REQUEST_CHANGES" -> "CHANGES_REQUESTED";
          default -> "COMMENTED";
        });
    r.put("commit_id", pr.get().headSha);
    return Answer.of(200, r);
  }

  private Answer list(Call call, Repo repo) {
    String state = call.param("state").orElse("open");
    Optional<String> head = call.param("head");
    String owner = repo.path.substring(0, repo.path.indexOf('/'));
    List<Object> items = new ArrayList<>();
    repo.pulls.stream()
        .sorted(Comparator.comparingLong((Pr p) -> p.number).reversed())
        .filter(p -> state.equals("all") || p.state.equals(state))
        .filter(p -> head.isEmpty() || head.get().equals(owner + ":" + p.head))
        .forEach(p -> items.add(json(p, false)));
    return page(call, items, "per_page", 30);
  }

  private Answer create(Call call, Repo repo) {
    JsonNode b = call.json();
    for (String field : List.of("head", "base")) {
      if (b.path(field).asText("").isBlank()) {
        return Answer.of(422, validation(field, "missing_field", field + " is missing"));
      }
    }
    beforeCreate();
    String head = b.get("head").asText();
    String owner = repo.path.substring(0, repo.path.indexOf('/'));
    boolean exists =
        repo.pulls.stream()
            .anyMatch(
                p ->
                    p.state.equals("open")
                        && p.head.equals(head)
                        && p.base.equals(b.get("base").asText()));
    if (exists) {
      return Answer.of(
          422,
          validation(
              null, "custom", "A pull request already exists for " + owner + ":" + head + "."));
    }
    Pr pr =
        repo.open(
            head,
            b.get("base").asText(),
            b.path("title").asText(""),
            b.path("body").asText(""),
            b.path("draft").asBoolean(false));
    if (loseCreateAnswer()) {
      return Answer.of(502, error(502, ""));
    }
    return Answer.of(201, json(pr, true));
  }

  private static String owner(Pr p) {
    return p.repo.substring(0, p.repo.indexOf('/'));
  }

  private static Map<String, Object> validation(String field, String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("resource", "PullRequest");
    if (field != null) {
      err.put("field", field);
    }
    err.put("code", code);
    err.put("message", message);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", "Validation Failed");
    e.put("errors", List.of(err));
    e.put("documentation_url", DOCS + "/pulls/pulls#create-a-pull-request");
    e.put("status", "422");
    return e;
  }

  private Map<String, Object> json(Pr p, boolean single) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("url", apiBase() + "/repos/" + p.repo + "/pulls/" + p.number);
    n.put("id", 100000 + p.number);
    n.put("html_url", url() + "/" + p.repo + "/pull/" + p.number);
    n.put("number", p.number);
    n.put("state", p.state);
    n.put("locked", false);
    n.put("title", p.title);
    n.put("user", Map.of("login", "oncell-bot"));
    n.put("body", p.body.isEmpty() ? null : p.body);
    n.put("draft", p.draft);
    n.put("merged_at", p.merged ? "2026-12-01T00:00:00Z" : null);
    n.put("head", Map.of("label", owner(p) + ":" + p.head, "ref", p.head, "sha", p.headSha));
    n.put("base", Map.of("label", owner(p) + ":" + p.base, "ref", p.base, "sha", p.baseSha));
    if (single) {
      n.put("merged", p.merged);
      n.put("mergeable", true);
    }
    return n;
  }
}
