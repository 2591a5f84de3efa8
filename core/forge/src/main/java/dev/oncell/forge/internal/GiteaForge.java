package dev.oncell.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.forge.RetryPolicy;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea's and Forgejo's REST API v1: {@code /repos/{owner}/{repo}/pulls}, issue comments, and a
 * review of event {@code COMMENT} for inline comments ({@code new_position} on the right side,
 * {@code old_position} on the left). A draft is a title starting with {@code WIP: }; a duplicate
 * pull request is a 409. The listing has no head filter, so the head is matched here.
 */
public final class GiteaForge extends BaseForge {

  static final String DRAFT = "WIP: ";

  private static final ForgeHttp.Dialect DIALECT =
      new ForgeHttp.Dialect() {
        @Override
        public String name() {
          return "gitea";
        }

        @Override
        public void authorize(HttpRequest.Builder request, String token) {
          request.header("Authorization", "token " + token);
        }
      };

  public GiteaForge() {
    this(RetryPolicy.defaults());
  }

  public GiteaForge(RetryPolicy policy) {
    super(policy);
  }

  @Override
  public String kind() {
    return "gitea";
  }

  @Override
  ForgeHttp http(ForgeConnection connection) {
    return new ForgeHttp(connection, policy, DIALECT);
  }

  private static String repo(ForgeHttp http) {
    return "/repos/" + http.connection().repo().path();
  }

  @Override
  Optional<PullRequest> create(
      ForgeHttp http, String head, String base, String title, String body, boolean draft) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("head", head);
    req.put("base", base);
    req.put("title", draft ? DRAFT + title : title);
    req.put("body", body);
    String path = repo(http) + "/pulls";
    ForgeHttp.Response r = http.send("POST", http.uri(path), req);
    if (r.status() == 409) {
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
    req.put("title", pr.draft() ? DRAFT + title : title);
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
    List<PullRequest> all =
        http.pages(repo(http) + "/pulls?state=" + s + "&limit=50", GiteaForge::pr);
    List<PullRequest> out = new ArrayList<>();
    for (PullRequest p : all) {
      if (matches(p, state) && (head.isEmpty() || head.get().equals(p.headRef()))) {
        out.add(p);
      }
    }
    return out;
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

  /** {@code PATCH /repos/{o}/{r}/issues/comments/{id}}, as on GitHub. */
  @Override
  public void editComment(ForgeConnection connection, long number, long commentId, String body) {
    number(number);
    commentId(commentId);
    text(body, "comment");
    ForgeHttp http = http(connection);
    http.json("PATCH", repo(http) + "/issues/comments/" + commentId, Map.of("body", body));
  }

  /** {@code POST /repos/{o}/{r}/pulls/{n}/reviews}; Gitea spells approval {@code APPROVED}. */
  @Override
  public void submitReview(
      ForgeConnection connection, long number, String headSha, ReviewEvent event, String body) {
    review(number, headSha, event, body);
    ForgeHttp http = http(connection);
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("commit_id", headSha);
    req.put("body", body);
    req.put(
        "event",
        switch (event) {
          case APPROVE -> "APPROVED";
          case REQUEST_CHANGES -> "REQUEST_CHANGES";
          case COMMENT -> "COMMENT";
        });
    req.put("comments", List.of());
    http.json("POST", repo(http) + "/pulls/" + number + "/reviews", req);
  }

  @Override
  public void reviewComments(
      ForgeConnection connection, long number, String headSha, List<ReviewComment> comments) {
    number(number);
    comments(headSha, comments);
    if (comments.isEmpty()) {
      return;
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (ReviewComment c : comments) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", c.path());
      item.put("body", c.body());
      item.put("new_position", c.side() == ReviewComment.Side.RIGHT ? c.line() : 0);
      item.put("old_position", c.side() == ReviewComment.Side.LEFT ? c.line() : 0);
      items.add(item);
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("event", "COMMENT");
    req.put("body", "");
    req.put("commit_id", headSha);
    req.put("comments", items);
    ForgeHttp http = http(connection);
    http.json("POST", repo(http) + "/pulls/" + number + "/reviews", req);
  }

  static PullRequest pr(JsonNode n) {
    boolean merged = n.path("merged").asBoolean(false);
    PullRequest.State s =
        n.path("state").asText().equals("open")
            ? PullRequest.State.OPEN
            : merged ? PullRequest.State.MERGED : PullRequest.State.CLOSED;
    String title = n.path("title").asText("");
    boolean draft = n.path("draft").asBoolean(false) || title.startsWith(DRAFT);
    if (title.startsWith(DRAFT)) {
      title = title.substring(DRAFT.length());
    }
    return new PullRequest(
        n.path("number").asLong(),
        n.path("html_url").asText(""),
        s,
        draft,
        title,
        n.path("body").isNull() ? "" : n.path("body").asText(""),
        n.path("head").path("ref").asText(""),
        n.path("head").path("sha").asText(""),
        n.path("base").path("ref").asText(""),
        n.path("base").path("sha").asText(""));
  }
}
