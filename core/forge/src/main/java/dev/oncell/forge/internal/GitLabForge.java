package dev.oncell.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.forge.RetryPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's REST API v4: merge requests under {@code /projects/{url-encoded path}}, notes for
 * conversation comments, discussions with a text position for inline ones. A draft is a title
 * starting with {@code Draft: }; a duplicate merge request is a 409. Pages follow {@code Link} or
 * {@code X-Next-Page}.
 */
public final class GitLabForge extends BaseForge {

  static final String DRAFT = "Draft: ";

  private static final ForgeHttp.Dialect DIALECT =
      new ForgeHttp.Dialect() {
        @Override
        public String name() {
          return "gitlab";
        }

        @Override
        public void authorize(HttpRequest.Builder request, String token) {
          request.header("PRIVATE-TOKEN", token);
        }

        @Override
        public Optional<URI> nextPage(URI first, ForgeHttp.Response r) {
          String next = r.header("x-next-page").orElse("").strip();
          if (next.isEmpty()) {
            return Optional.empty();
          }
          if (!next.chars().allMatch(Character::isDigit)) {
            throw new ForgeException(
                ForgeException.UNAVAILABLE, "gitlab sent an X-Next-Page that is no number");
          }
          String s = first.toString();
          return Optional.of(URI.create(s + (s.contains("?") ? "&" : "?") + "page=" + next));
        }
      };

  public GitLabForge() {
    this(RetryPolicy.defaults());
  }

  public GitLabForge(RetryPolicy policy) {
    super(policy);
  }

  @Override
  public String kind() {
    return "gitlab";
  }

  @Override
  ForgeHttp http(ForgeConnection connection) {
    return new ForgeHttp(connection, policy, DIALECT);
  }

  /** {@code /projects/group%2Fsub%2Fproject/merge_requests}. */
  private static String mrs(ForgeHttp http) {
    return "/projects/"
        + URLEncoder.encode(http.connection().repo().path(), StandardCharsets.UTF_8)
        + "/merge_requests";
  }

  @Override
  Optional<PullRequest> create(
      ForgeHttp http, String head, String base, String title, String body, boolean draft) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("source_branch", head);
    req.put("target_branch", base);
    req.put("title", draft ? DRAFT + title : title);
    req.put("description", body);
    String path = mrs(http);
    ForgeHttp.Response r = http.send("POST", http.uri(path), req);
    if (r.status() == 409 && ForgeHttp.message(r.json()).contains("already exists")) {
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
    req.put("description", body);
    if (!pr.baseRef().equals(base)) {
      req.put("target_branch", base);
    }
    return pr(http.json("PUT", mrs(http) + "/" + pr.number(), req));
  }

  @Override
  List<PullRequest> list(ForgeHttp http, PullRequest.State state, Optional<String> head) {
    String s =
        switch (state) {
          case OPEN -> "opened";
          case MERGED -> "merged";
          case CLOSED, ALL -> "all";
        };
    StringBuilder q = new StringBuilder("?state=").append(s).append("&per_page=100");
    head.ifPresent(
        h -> q.append("&source_branch=").append(URLEncoder.encode(h, StandardCharsets.UTF_8)));
    return http.pages(mrs(http) + q, GitLabForge::pr).stream()
        .filter(p -> matches(p, state))
        .toList();
  }

  /** A listing has no {@code diff_refs}, hence no base SHA: read the merge request itself. */
  @Override
  PullRequest complete(ForgeHttp http, PullRequest pr) {
    return pr.baseSha().isEmpty() ? pr(http.json("GET", mrs(http) + "/" + pr.number(), null)) : pr;
  }

  @Override
  public PullRequest getPullRequest(ForgeConnection connection, long number) {
    number(number);
    ForgeHttp http = http(connection);
    return pr(http.json("GET", mrs(http) + "/" + number, null));
  }

  @Override
  public long comment(ForgeConnection connection, long number, String body) {
    number(number);
    text(body, "comment");
    ForgeHttp http = http(connection);
    return http.json("POST", mrs(http) + "/" + number + "/notes", Map.of("body", body))
        .path("id")
        .asLong();
  }

  /** {@code PUT .../merge_requests/{iid}/notes/{id}}: a conversation comment is a note. */
  @Override
  public void editComment(ForgeConnection connection, long number, long commentId, String body) {
    number(number);
    commentId(commentId);
    text(body, "comment");
    ForgeHttp http = http(connection);
    http.json("PUT", mrs(http) + "/" + number + "/notes/" + commentId, Map.of("body", body));
  }

  /**
   * GitLab has no review verdicts: an approval ({@code .../approve} with the head SHA, so a push
   * since is not approved by mistake) or the withdrawal of this user's approval ({@code
   * .../unapprove}; a 404 means there was none, which is the wanted state), then the message as a
   * note.
   */
  @Override
  public void submitReview(
      ForgeConnection connection, long number, String headSha, ReviewEvent event, String body) {
    review(number, headSha, event, body);
    ForgeHttp http = http(connection);
    String mr = mrs(http) + "/" + number;
    switch (event) {
      case APPROVE -> http.json("POST", mr + "/approve", Map.of("sha", headSha));
      case REQUEST_CHANGES -> {
        ForgeHttp.Response r = http.send("POST", http.uri(mr + "/unapprove"), Map.of());
        if (!r.ok() && r.status() != 404) {
          throw http.failure("POST", mr + "/unapprove", r);
        }
      }
      case COMMENT -> {}
    }
    http.json("POST", mr + "/notes", Map.of("body", body));
  }

  @Override
  public void reviewComments(
      ForgeConnection connection, long number, String headSha, List<ReviewComment> comments) {
    number(number);
    comments(headSha, comments);
    if (comments.isEmpty()) {
      return;
    }
    ForgeHttp http = http(connection);
    JsonNode refs = http.json("GET", mrs(http) + "/" + number, null).path("diff_refs");
    for (ReviewComment c : comments) {
      Map<String, Object> position = new LinkedHashMap<>();
      position.put("position_type", "text");
      position.put("base_sha", refs.path("base_sha").asText(""));
      position.put("start_sha", refs.path("start_sha").asText(""));
      position.put("head_sha", headSha);
      position.put("old_path", c.path());
      position.put("new_path", c.path());
      position.put(c.side() == ReviewComment.Side.RIGHT ? "new_line" : "old_line", c.line());
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("body", c.body());
      req.put("position", position);
      http.json("POST", mrs(http) + "/" + number + "/discussions", req);
    }
  }

  static PullRequest pr(JsonNode n) {
    PullRequest.State s =
        switch (n.path("state").asText()) {
          case "merged" -> PullRequest.State.MERGED;
          case "closed" -> PullRequest.State.CLOSED;
          default -> PullRequest.State.OPEN; // opened, locked (being merged)
        };
    String title = n.path("title").asText("");
    boolean draft = n.path("draft").asBoolean(false) || n.path("work_in_progress").asBoolean(false);
    if (draft && title.startsWith(DRAFT)) {
      title = title.substring(DRAFT.length());
    }
    JsonNode refs = n.path("diff_refs");
    String headSha = refs.path("head_sha").asText(n.path("sha").asText(""));
    return new PullRequest(
        n.path("iid").asLong(),
        n.path("web_url").asText(""),
        s,
        draft,
        title,
        n.path("description").isNull() ? "" : n.path("description").asText(""),
        n.path("source_branch").asText(""),
        headSha.isEmpty() ? n.path("sha").asText("") : headSha,
        n.path("target_branch").asText(""),
        refs.path("base_sha").asText(""));
  }
}
