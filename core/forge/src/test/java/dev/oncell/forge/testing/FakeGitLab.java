package dev.oncell.forge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitLab's REST API v4 below {@code /api/v4}: merge requests of a project named by
 * its URL-encoded path ({@code group%2Fsub%2Fproject}), {@code PRIVATE-TOKEN} (or {@code
 * Authorization: Bearer}), messages like {@code 401 Unauthorized}, {@code 403 Forbidden}, {@code
 * 404 Project Not Found}, 409 "Another open merge request already exists for this source branch",
 * drafts by a {@code Draft:} title, notes, diff discussions with a text position, and pages with
 * {@code Link} and {@code X-Next-Page}, {@code X-Total} headers ({@code per_page}, {@code page}).
 */
public final class FakeGitLab extends FakeForge {

  private static final Pattern MRS = Pattern.compile("/projects/([^/]+)/merge_requests");
  private static final Pattern NOTE =
      Pattern.compile("/projects/([^/]+)/merge_requests/(\\d+)/notes/(\\d+)");
  private static final Pattern APPROVAL =
      Pattern.compile("/projects/([^/]+)/merge_requests/(\\d+)/(approve|unapprove)");
  private static final Pattern MR = Pattern.compile("/projects/([^/]+)/merge_requests/(\\d+)");
  private static final Pattern SUB =
      Pattern.compile("/projects/([^/]+)/merge_requests/(\\d+)/(notes|discussions)");

  private FakeGitLab() {
    super("/api/v4");
  }

  public static FakeGitLab start() {
    return new FakeGitLab();
  }

  @Override
  Optional<String> token(HttpExchange exchange) {
    String t = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
    if (t != null) {
      return Optional.of(t);
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth != null && auth.startsWith("Bearer ")
        ? Optional.of(auth.substring(7))
        : Optional.empty();
  }

  @Override
  Object error(int status, String message) {
    return Map.of(
        "message",
        switch (status) {
          case 401 -> "401 Unauthorized";
          case 403 -> "403 Forbidden";
          case 404 -> message.isEmpty() ? "404 Not found" : message;
          case 429 -> "429 Too Many Requests";
          case 500 -> "500 Internal Server Error";
          case 502 -> "502 Bad Gateway";
          case 503 -> "503 Service Unavailable";
          default -> message;
        });
  }

  private Repo project(String encoded) {
    return repo(URLDecoder.decode(encoded, StandardCharsets.UTF_8), false);
  }

  @Override
  Answer route(Call call, String path, boolean canWrite) {
    Matcher m;
    if ((m = MRS.matcher(path)).matches()) {
      Repo repo = project(m.group(1));
      if (repo == null) {
        return Answer.of(404, error(404, "404 Project Not Found"));
      }
      if (call.method().equals("GET")) {
        return list(call, repo);
      }
      if (call.method().equals("POST")) {
        return canWrite ? create(call, repo) : Answer.of(403, error(403, ""));
      }
    } else if ((m = MR.matcher(path)).matches()) {
      Repo repo = project(m.group(1));
      if (repo == null) {
        return Answer.of(404, error(404, "404 Project Not Found"));
      }
      Optional<Pr> pr = repo.pr(Long.parseLong(m.group(2)));
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, "404 Not found"));
      }
      if (call.method().equals("GET")) {
        return Answer.of(200, json(pr.get(), true));
      }
      if (call.method().equals("PUT")) {
        if (!canWrite) {
          return Answer.of(403, error(403, ""));
        }
        JsonNode b = call.json();
        if (b.has("title")) {
          pr.get().title = b.get("title").asText();
          pr.get().draft = isDraft(pr.get().title);
        }
        if (b.has("description")) {
          pr.get().body = b.get("description").asText();
        }
        if (b.has("target_branch")) {
          pr.get().base = b.get("target_branch").asText();
          pr.get().baseSha = sha(pr.get().base);
        }
        return Answer.of(200, json(pr.get(), true));
      }
    } else if ((m = SUB.matcher(path)).matches() && call.method().equals("POST")) {
      Repo repo = project(m.group(1));
      if (repo == null) {
        return Answer.of(404, error(404, "404 Project Not Found"));
      }
      Optional<Pr> pr = repo.pr(Long.parseLong(m.group(2)));
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, "404 Not found"));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      return m.group(3).equals("notes")
          ? note(call, repo, pr.get())
          : discussion(call, repo, pr.get());
    } else if ((m = APPROVAL.matcher(path)).matches() && call.method().equals("POST")) {
      Repo repo = project(m.group(1));
      if (repo == null) {
        return Answer.of(404, error(404, "404 Project Not Found"));
      }
      Optional<Pr> pr = repo.pr(Long.parseLong(m.group(2)));
      if (pr.isEmpty()) {
        return Answer.of(404, error(404, "404 Not found"));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      if (m.group(3).equals("approve")) {
        JsonNode b = call.body().isBlank() ? JSON.createObjectNode() : call.json();
        if (b.has("sha") && !b.path("sha").asText().equals(pr.get().headSha)) {
          return Answer.of(
              409,
              Map.of("message", "SHA does not match HEAD of source branch: " + pr.get().headSha));
        }
        pr.get().approved = true;
        pr.get().verdicts.add("APPROVE");
      } else {
        if (!pr.get().approved) {
          return Answer.of(404, error(404, "404 Not found"));
        }
        pr.get().approved = false;
        pr.get().verdicts.add("REQUEST_CHANGES");
      }
      return Answer.of(
          201, Map.of("iid", pr.get().number, "approved", pr.get().approved, "approvals_left", 0));
    } else if ((m = NOTE.matcher(path)).matches() && call.method().equals("PUT")) {
      Repo repo = project(m.group(1));
      if (repo == null) {
        return Answer.of(404, error(404, "404 Project Not Found"));
      }
      Optional<Pr> pr = repo.pr(Long.parseLong(m.group(2)));
      long id = Long.parseLong(m.group(3));
      if (pr.isEmpty() || !pr.get().commentIds.contains(id)) {
        return Answer.of(404, error(404, "404 Not found"));
      }
      if (!canWrite) {
        return Answer.of(403, error(403, ""));
      }
      JsonNode b = call.json();
      if (b.path("body").asText("").isBlank()) {
        return Answer.of(400, Map.of("error", "body is missing"));
      }
      repo.edit(id, b);
      return Answer.of(
          200, Map.of("id", id, "type", "", "body", b.get("body").asText(), "system", false));
    }
    return Answer.of(404, error(404, "404 Not found"));
  }

  private Answer note(Call call, Repo repo, Pr pr) {
    JsonNode b = call.json();
    if (b.path("body").asText("").isBlank()) {
      return Answer.of(400, Map.of("error", "body is missing"));
    }
    long id = repo.comment(pr, b);
    return Answer.of(
        201, Map.of("id", id, "type", "", "body", b.get("body").asText(), "system", false));
  }

  private Answer discussion(Call call, Repo repo, Pr pr) {
    JsonNode b = call.json();
    JsonNode pos = b.path("position");
    boolean placed =
        pos.path("position_type").asText().equals("text")
            && pos.path("base_sha").asText().equals(pr.baseSha)
            && pos.path("start_sha").asText().equals(pr.baseSha)
            && pos.path("head_sha").asText().equals(pr.headSha)
            && pos.hasNonNull("new_path")
            && (pos.path("new_line").asInt(0) > 0 || pos.path("old_line").asInt(0) > 0);
    if (b.path("body").asText("").isBlank() || !placed) {
      return Answer.of(
          400,
          Map.of(
              "message",
              "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"]}"));
    }
    pr.reviewComments.add(b);
    long id = repo.nextCommentId++;
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("id", id);
    note.put("type", "DiffNote");
    note.put("body", b.get("body").asText());
    note.put("position", pos);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", HexFormat.of().toHexDigits(id) + "0000000000000000000000000000000");
    d.put("individual_note", false);
    d.put("notes", List.of(note));
    return Answer.of(201, d);
  }

  private Answer list(Call call, Repo repo) {
    String state = call.param("state").orElse("all");
    Optional<String> source = call.param("source_branch");
    List<Object> items = new ArrayList<>();
    repo.pulls.stream()
        .sorted(Comparator.comparingLong((Pr p) -> p.number).reversed())
        .filter(p -> state.equals("all") || state.equals(state(p)))
        .filter(p -> source.isEmpty() || source.get().equals(p.head))
        .forEach(p -> items.add(json(p, false)));
    return page(call, items, "per_page", 20);
  }

  @Override
  void pageHeaders(Map<String, String> headers, int page, int pages, int size, int total) {
    headers.put("X-Page", String.valueOf(page));
    headers.put("X-Per-Page", String.valueOf(size));
    headers.put("X-Total", String.valueOf(total));
    headers.put("X-Total-Pages", String.valueOf(pages));
    headers.put("X-Next-Page", page < pages ? String.valueOf(page + 1) : "");
    headers.put("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
  }

  private Answer create(Call call, Repo repo) {
    JsonNode b = call.json();
    for (String field : List.of("source_branch", "target_branch", "title")) {
      if (b.path(field).asText("").isBlank()) {
        return Answer.of(400, Map.of("error", field + " is missing"));
      }
    }
    beforeCreate();
    String head = b.get("source_branch").asText();
    Optional<Pr> existing =
        repo.pulls.stream().filter(p -> p.state.equals("open") && p.head.equals(head)).findFirst();
    if (existing.isPresent()) {
      return Answer.of(
          409,
          Map.of(
              "message",
              List.of(
                  "Another open merge request already exists for this source branch: !"
                      + existing.get().number)));
    }
    String title = b.get("title").asText();
    Pr pr =
        repo.open(
            head,
            b.get("target_branch").asText(),
            title,
            b.path("description").asText(""),
            isDraft(title));
    if (loseCreateAnswer()) {
      return Answer.of(502, error(502, ""));
    }
    return Answer.of(201, json(pr, true));
  }

  private static boolean isDraft(String title) {
    String t = title.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("draft:") || t.startsWith("[draft]") || t.startsWith("(draft)");
  }

  private static String state(Pr p) {
    return p.state.equals("open") ? "opened" : p.merged ? "merged" : "closed";
  }

  private Map<String, Object> json(Pr p, boolean single) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("id", 500000 + p.number);
    n.put("iid", p.number);
    n.put("project_id", 42);
    n.put("title", p.title);
    n.put("description", p.body.isEmpty() ? null : p.body);
    n.put("state", state(p));
    n.put("target_branch", p.base);
    n.put("source_branch", p.head);
    n.put("draft", p.draft);
    n.put("work_in_progress", p.draft);
    n.put("sha", p.headSha);
    n.put("merged_at", p.merged ? "2026-12-01T00:00:00.000Z" : null);
    n.put("web_url", url() + "/" + p.repo + "/-/merge_requests/" + p.number);
    if (single) {
      n.put(
          "diff_refs",
          Map.of("base_sha", p.baseSha, "head_sha", p.headSha, "start_sha", p.baseSha));
    }
    return n;
  }
}
