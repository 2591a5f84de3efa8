package dev.oncell.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.InlineComment;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.forge.RetryPolicy;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's REST API v3 (github.com and GitHub Enterprise Server): {@code /repos/{owner}/{repo}/
 * pulls}, issue comments for conversation comments, pull-request review comments for inline ones. A
 * duplicate pull request is a 422 whose errors say "A pull request already exists".
 */
public final class GitHubForge extends BaseForge {

  private static final ForgeHttp.Dialect DIALECT =
      new ForgeHttp.Dialect() {
        @Override
        public String name() {
          return "github";
        }

        @Override
        public void authorize(HttpRequest.Builder request, String token) {
          request.setHeader("Accept", "application/vnd.github+json");
          request.header("X-GitHub-Api-Version", "2022-11-28");
          request.header("Authorization", "Bearer " + token);
        }

        @Override
        public boolean rateLimited(ForgeHttp.Response r) {
          return r.header("retry-after").isPresent()
              || "0".equals(r.header("x-ratelimit-remaining").orElse(""));
        }
      };

  /** For PF4J and {@code ServiceLoader}: the default retry policy. */
  public GitHubForge() {
    this(RetryPolicy.defaults());
  }

  public GitHubForge(RetryPolicy policy) {
    super(policy);
  }

  @Override
  public String kind() {
    return "github";
  }

  @Override
  ForgeHttp http(ForgeConnection connection) {
    return new ForgeHttp(connection, policy, DIALECT);
  }

  /** {@code /repos/owner/name}; the path's segments are URL-safe by {@code ForgeRepo}'s rules. */
  private static String repo(ForgeHttp http) {
    return "/repos/" + http.connection().repo().path();
  }

  @Override
  Optional<PullRequest> create(
      ForgeHttp http, String head, String base, String title, String body, boolean draft) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("title", title);
    req.put("head", head);
    req.put("base", base);
    req.put("body", body);
    req.put("draft", draft);
    String path = repo(http) + "/pulls";
    ForgeHttp.Response r = http.send("POST", http.uri(path), req);
    if (r.status() == 422 && ForgeHttp.message(r.json()).contains("already exists")) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw http.failure("POST", path, r);
    }
    return Optional.of(pr(r.json()));
  }

  @Override
  PullRequest update(ForgeHttp http, PullRequest pr, String base, String title, String body) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("title", title);
    req.put("body", body);
    if (!pr.baseRef().equals(base)) {
      req.put("base", base);
    }
    return pr(http.json("PATCH", repo(http) + "/pulls/" + pr.number(), req));
  }

  @Override
  List<PullRequest> list(ForgeHttp http, PullRequest.State state, Optional<String> head) {
    String s =
        switch (state) {
          case OPEN -> "open";
          case CLOSED, MERGED -> "closed";
          case ALL -> "all";
        };
    StringBuilder q = new StringBuilder("?state=").append(s).append("&per_page=100");
    head.ifPresent(h -> q.append("&head=").append(enc(http.connection().repo().owner() + ":" + h)));
    return http.pages(repo(http) + "/pulls" + q, GitHubForge::pr).stream()
        .filter(p -> matches(p, state))
        .toList();
  }

  @Override
  public PullRequest getPullRequest(ForgeConnection connection, long number) {
    number(number);
    ForgeHttp http = http(connection);
    return pr(http.json("GET", repo(http) + "/pulls/" + number, null));
  }

  @Override
  public long comment(ForgeConnection connection, long number, String body) {
    number(number);
    text(body, "comment");
    ForgeHttp http = http(connection);
    return http.json("POST", repo(http) + "/issues/" + number + "/comments", Map.of("body", body))
        .path("id")
        .asLong();
  }

  /**
   * {@code PATCH /repos/{o}/{r}/issues/comments/{id}}: conversation comments are issue comments.
   */
  @Override
  public void editComment(ForgeConnection connection, long number, long commentId, String body) {
    number(number);
    commentId(commentId);
    text(body, "comment");
    ForgeHttp http = http(connection);
    http.json("PATCH", repo(http) + "/issues/comments/" + commentId, Map.of("body", body));
  }

  /** {@code POST /repos/{o}/{r}/pulls/{n}/reviews} with the event as GitHub spells it. */
  @Override
  public void submitReview(
      ForgeConnection connection, long number, String headSha, ReviewEvent event, String body) {
    review(number, headSha, event, body);
    ForgeHttp http = http(connection);
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("commit_id", headSha);
    req.put("body", body);
    req.put("event", event.name());
    http.json("POST", repo(http) + "/pulls/" + number + "/reviews", req);
  }

  @Override
  public void reviewComments(
      ForgeConnection connection, long number, String headSha, List<ReviewComment> comments) {
    number(number);
    comments(headSha, comments);
    ForgeHttp http = http(connection);
    for (ReviewComment c : comments) {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("body", c.body());
      req.put("commit_id", headSha);
      req.put("path", c.path());
      req.put("line", c.line());
      req.put("side", c.side().name());
      http.json("POST", repo(http) + "/pulls/" + number + "/comments", req);
    }
  }

  @Override
  public List<InlineComment> listInlineComments(ForgeConnection connection, long number) {
    number(number);
    ForgeHttp http = http(connection);
    return http.pages(
        repo(http) + "/pulls/" + number + "/comments?per_page=100", GitHubForge::inline);
  }

  @Override
  public long replyToInlineComment(
      ForgeConnection connection, long number, long commentId, String body) {
    number(number);
    if (commentId < 1) {
      throw new ForgeException(ForgeException.INVALID, "a comment's id is positive");
    }
    text(body, "reply");
    ForgeHttp http = http(connection);
    String path = repo(http) + "/pulls/" + number + "/comments/" + commentId + "/replies";
    return http.json("POST", path, Map.of("body", body)).path("id").asLong();
  }

  /** GitHub's review comment; {@code line} is null once the line it was on has changed. */
  static InlineComment inline(JsonNode n) {
    return new InlineComment(
        n.path("id").asLong(),
        n.path("path").asText(""),
        n.path("line").asInt(0),
        n.path("user").path("login").asText(""),
        n.path("body").asText(""),
        n.path("in_reply_to_id").asLong(0));
  }

  static PullRequest pr(JsonNode n) {
    String state = n.path("state").asText();
    boolean merged =
        n.path("merged").asBoolean(false)
            || (n.hasNonNull("merged_at") && !n.path("merged_at").asText().isEmpty());
    PullRequest.State s =
        state.equals("open")
            ? PullRequest.State.OPEN
            : merged ? PullRequest.State.MERGED : PullRequest.State.CLOSED;
    return new PullRequest(
        n.path("number").asLong(),
        n.path("html_url").asText(""),
        s,
        n.path("draft").asBoolean(false),
        n.path("title").asText(""),
        n.path("body").isNull() ? "" : n.path("body").asText(""),
        n.path("head").path("ref").asText(""),
        n.path("head").path("sha").asText(""),
        n.path("base").path("ref").asText(""),
        n.path("base").path("sha").asText(""));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
