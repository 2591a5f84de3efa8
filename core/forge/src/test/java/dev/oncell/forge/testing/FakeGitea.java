package dev.oncell.forge.testing;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A stand-in for Gitea's (and Forgejo's) REST API v1 below {@code /api/v1}: {@code Authorization:
 * token} (or {@code Bearer}), errors as {@code {"message", "url"}}, 404 "The target couldn't be
 * found.", 409 "pull request already exists for these targets [...]", edits answered 201, drafts by
 * a {@code WIP:} title, reviews of event {@code COMMENT} with {@code new_position}/{@code
 * old_position}, and pages with {@code Link} and {@code X-Total-Count} ({@code limit}, {@code
 * page}). Like Gitea, the listing has no head filter.
 */
public final class FakeGitea extends FakeForge {

  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern ISSUE_COMMENT =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)");
  private static final Pattern COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern REVIEWS =
      Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)/reviews");

  private FakeGitea() {
    super("/api/v1");
  }

  public static FakeGitea start() {
    return new FakeGitea();
  }

  @Override
  Optional<String> token(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return Optional.empty();
    }
    if (auth.startsWith("token ")) {
      return Optional.of(auth.substring(6));
    }
    return auth.startsWith("Bearer ") ? Optional.of(auth.substring(7)) : Optional.empty();
  }

  @Override
  Object error(int status, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    if (status == 404) {
      e.put("errors", List.of("repository does not exist"));
    }
    e.put(
        "message",
        switch (status) {
          case 401 -> "token is required";
          case 403 -> "user should have a permission to write to the repository";
          case 404 -> "The target couldn't be found.";
          default -> message;
        });
    e.put("url", url() + "/api/swagger");
    return e;
  }

  private Optional<Pr> pr(Matcher m) {
    Repo repo = repo(m.group(1), false);
    return repo == null ? Optional.empty() : repo.pr(Long.parseLong(m.group(2)));
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
      Optional<Pr> pr = pr(m);
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, ""));
      }
      if (call.method().equals("GET")) {
        return Answer.of(200, json(pr.get()));
      }
      if (call.method().equals("PATCH")) {
        if (!canWrite) {
          return Answer.of(403, error(403, ""));
        }
        JsonNode b = call.json();
        if (b.has("title")) {
          pr.get().title = b.get("title").asText();
          pr.get().draft = pr.get().title.startsWith("WIP:");
        }
        if (b.has("body")) {
          pr.get().body = b.get("body").asText();
        }
        if (b.has("base")) {
          pr.get().base = b.get("base").asText();
          pr.get().baseSha = sha(pr.get().base);
        }
        return Answer.of(201, json(pr.get()));
      }
    } else if ((m = COMMENTS.matcher(path)).matches() && call.method().equals("POST")) {
      Optional<Pr> pr = pr(m);
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, ""));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      JsonNode b = call.json();
      if (b.path("body").asText("").isBlank()) {
        return Answer.of(422, Map.of("message", "[Body]: Required", "url", url() + "/api/swagger"));
      }
      long id = repo(m.group(1), true).comment(pr.get(), b);
      return Answer.of(
          201,
          Map.of(
              "id",
              id,
              "body",
              b.get("body").asText(),
              "html_url",
              url() + "/" + pr.get().repo + "/pulls/" + pr.get().number + "#issuecomment-" + id));
    } else if ((m = REVIEWS.matcher(path)).matches() && call.method().equals("POST")) {
      Optional<Pr> pr = pr(m);
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, ""));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      JsonNode b = call.json();
      String event = b.path("event").asText();
      if (!List.of("COMMENT", "APPROVED", "REQUEST_CHANGES").contains(event)) {
        return Answer.of(
            422, Map.of("message", "unsupported review event", "url", url() + "/api/swagger"));
      }
      if (b.has("commit_id") && !b.path("commit_id").asText().equals(pr.get().headSha)) {
        return Answer.of(
            422, Map.of("message", "commit_id is not the head", "url", url() + "/api/swagger"));
      }
      for (JsonNode c : b.path("comments")) {
        if (c.path("path").asText("").isBlank()
            || (c.path("new_position").asInt(0) <= 0 && c.path("old_position").asInt(0) <= 0)) {
          return Answer.of(
              422,
              Map.of("message", "comment has no path or position", "url", url() + "/api/swagger"));
        }
      }
      b.path("comments").forEach(pr.get().reviewComments::add);
      if (!event.equals("COMMENT")) {
        pr.get().verdicts.add(event.equals("APPROVED") ? "APPROVE" : event);
      }
      long id = repo(m.group(1), true).nextCommentId++;
      Map<String, Object> review = new LinkedHashMap<>();
      review.put("id", id);
      review.put("body", b.path("body").asText(""));
      review.put("commit_id", b.path("commit_id").asText(pr.get().headSha));
      review.put("state", event);
      review.put("comments_count", b.path("comments").size());
      return Answer.of(200, review);
    } else if ((m = ISSUE_COMMENT.matcher(path)).matches() && call.method().equals("PATCH")) {
      Repo repo = repo(m.group(1), false);
      if (repo == null) {
        return Answer.of(404, error(404, ""));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      JsonNode b = call.json();
      if (b.path("body").asText("").isBlank()) {
        return Answer.of(422, Map.of("message", "[Body]: Required", "url", url() + "/api/swagger"));
      }
      long id = Long.parseLong(m.group(2));
      Optional<Pr> pr = repo.edit(id, b);
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, ""));
      }
      return Answer.of(
          200,
          Map.of(
              "id",
              id,
              "body",
              b.get("body").asText(),
              "html_url",
              url() + "/" + pr.get().repo + "/pulls/" + pr.get().number + "#issuecomment-" + id));
    }
    return Answer.of(404, error(404, ""));
  }

  private Answer list(Call call, Repo repo) {
    String state = call.param("state").orElse("open");
    List<Object> items = new ArrayList<>();
    repo.pulls.stream()
        .sorted(Comparator.comparingLong((Pr p) -> p.number).reversed())
        .filter(p -> state.equals("all") || p.state.equals(state))
        .forEach(p -> items.add(json(p)));
    return page(call, items, "limit", 30);
  }

  @Override
  void pageHeaders(Map<String, String> headers, int page, int pages, int size, int total) {
    headers.put("X-Total-Count", String.valueOf(total));
  }

  private Answer create(Call call, Repo repo) {
    JsonNode b = call.json();
    String head = b.path("head").asText("");
    String base = b.path("base").asText("");
    if (head.isBlank() || base.isBlank() || head.equals(base)) {
      return Answer.of(
          422,
          Map.of(
              "message",
              "Invalid PullRequest: There are no changes between the head and the base",
              "url",
              url() + "/api/swagger"));
    }
    beforeCreate();
    Optional<Pr> existing =
        repo.pulls.stream()
            .filter(p -> p.state.equals("open") && p.head.equals(head) && p.base.equals(base))
            .findFirst();
    if (existing.isPresent()) {
      Pr p = existing.get();
      return Answer.of(
          409,
          Map.of(
              "message",
              "pull request already exists for these targets [id: "
                  + (7000 + p.number)
                  + ", issue_id: "
                  + p.number
                  + ", head_repo_id: 1, base_repo_id: 1, head_branch: "
                  + head
                  + ", base_branch: "
                  + base
                  + "]",
              "url",
              url() + "/api/swagger"));
    }
    String title = b.path("title").asText("");
    Pr pr = repo.open(head, base, title, b.path("body").asText(""), title.startsWith("WIP:"));
    if (loseCreateAnswer()) {
      return Answer.of(502, null);
    }
    return Answer.of(201, json(pr));
  }

  private Map<String, Object> json(Pr p) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("id", 7000 + p.number);
    n.put("url", url() + "/" + p.repo + "/pulls/" + p.number);
    n.put("number", p.number);
    n.put("user", Map.of("login", "oncell-bot"));
    n.put("title", p.title);
    n.put("body", p.body);
    n.put("state", p.state);
    n.put("draft", p.draft);
    n.put("html_url", url() + "/" + p.repo + "/pulls/" + p.number);
    n.put("mergeable", true);
    n.put("merged", p.merged);
    n.put("merged_at", p.merged ? "2026-12-01T00:00:00Z" : null);
    n.put("base", Map.of("label", p.base, "ref", p.base, "sha", p.baseSha));
    n.put("head", Map.of("label", p.head, "ref", p.head, "sha", p.headSha));
    return n;
  }
}
