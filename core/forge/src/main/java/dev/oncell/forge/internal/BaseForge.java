package dev.oncell.forge.internal;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.forge.RetryPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the built-in forges share: argument checks before anything is sent, and ensuring one pull
 * request per head branch (look up, else create, else on "exists" look up again; update only what
 * differs).
 */
abstract class BaseForge implements Forge {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  final RetryPolicy policy;

  BaseForge(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Opens pull request from {@code head} into {@code base}; empty when the forge says it exists.
   */
  abstract Optional<PullRequest> create(
      ForgeHttp http, String head, String base, String title, String body, boolean draft);

  /** Sets title, body and base of {@code pr}, keeping its draft state. */
  abstract PullRequest update(
      ForgeHttp http, PullRequest pr, String base, String title, String body);

  /** Every pull request in {@code state} (a filter), head filtered when given, any order. */
  abstract List<PullRequest> list(ForgeHttp http, PullRequest.State state, Optional<String> head);

  abstract ForgeHttp http(ForgeConnection connection);

  /** {@code pr} as {@link #getPullRequest} would return it, when a listing left fields out. */
  PullRequest complete(ForgeHttp http, PullRequest pr) {
    return pr;
  }

  @Override
  public PullRequest ensurePullRequest(
      ForgeConnection connection,
      String head,
      String base,
      String title,
      String body,
      boolean draft) {
    Objects.requireNonNull(connection, "connection");
    branch(head, "head");
    branch(base, "base");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    if (title.isBlank()) {
      throw new ForgeException(ForgeException.INVALID, "a pull request needs a title");
    }
    if (head.equals(base)) {
      throw new ForgeException(ForgeException.INVALID, "head and base are the same branch");
    }
    ForgeHttp http = http(connection);
    Optional<PullRequest> open = findOpen(http, head);
    if (open.isEmpty()) {
      Optional<PullRequest> created = create(http, head, base, title, body, draft);
      if (created.isPresent()) {
        return created.get();
      }
      open = findOpen(http, head);
      if (open.isEmpty()) {
        throw new ForgeException(
            ForgeException.INVALID,
            kind() + " says a pull request for the head branch exists but lists none open");
      }
    }
    PullRequest pr = open.get();
    if (pr.title().equals(title) && pr.body().equals(body) && pr.baseRef().equals(base)) {
      return complete(http, pr);
    }
    return update(http, pr, base, title, body);
  }

  private Optional<PullRequest> findOpen(ForgeHttp http, String head) {
    return newestFirst(list(http, PullRequest.State.OPEN, Optional.of(head))).stream()
        .filter(p -> p.headRef().equals(head))
        .findFirst();
  }

  @Override
  public List<PullRequest> listPullRequests(ForgeConnection connection, PullRequest.State state) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(state, "state");
    return newestFirst(list(http(connection), state, Optional.empty()));
  }

  @Override
  public List<PullRequest> listPullRequests(
      ForgeConnection connection, PullRequest.State state, String head) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(state, "state");
    branch(head, "head");
    return newestFirst(
        list(http(connection), state, Optional.of(head)).stream()
            .filter(p -> p.headRef().equals(head))
            .toList());
  }

  static List<PullRequest> newestFirst(List<PullRequest> prs) {
    return prs.stream().sorted(Comparator.comparingLong(PullRequest::number).reversed()).toList();
  }

  /** Whether {@code pr} passes the listing filter {@code state}. */
  static boolean matches(PullRequest pr, PullRequest.State state) {
    return switch (state) {
      case ALL -> true;
      case OPEN -> pr.state() == PullRequest.State.OPEN;
      case CLOSED -> pr.state() != PullRequest.State.OPEN;
      case MERGED -> pr.state() == PullRequest.State.MERGED;
    };
  }

  static void number(long number) {
    if (number < 1) {
      throw new ForgeException(ForgeException.INVALID, "a pull request's number counts from 1");
    }
  }

  /** The arguments of a review: a pull request, a full head SHA, an event, a message. */
  static void review(long number, String headSha, ReviewEvent event, String body) {
    number(number);
    comments(headSha, List.of());
    Objects.requireNonNull(event, "event");
    text(body, "review's message");
  }

  static void commentId(long id) {
    if (id < 1) {
      throw new ForgeException(ForgeException.INVALID, "a comment's id counts from 1");
    }
  }

  static void comments(String headSha, List<ReviewComment> comments) {
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(comments, "comments");
    if (!SHA.matcher(headSha).matches()) {
      throw new ForgeException(
          ForgeException.INVALID, "the head commit is not a full lower-case hex SHA");
    }
  }

  static void text(String body, String what) {
    Objects.requireNonNull(body, what);
    if (body.isBlank()) {
      throw new ForgeException(ForgeException.INVALID, "the " + what + " is empty");
    }
  }

  /** A branch name as git allows it, without {@code owner:} or {@code refs/heads/}. */
  static void branch(String name, String what) {
    Objects.requireNonNull(name, what);
    boolean bad =
        name.isEmpty()
            || name.length() > 255
            || name.startsWith("-")
            || name.startsWith("/")
            || name.endsWith("/")
            || name.endsWith(".")
            || name.endsWith(".lock")
            || name.startsWith("refs/")
            || name.contains("..")
            || name.contains("//")
            || name.contains("@{")
            || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0);
    if (bad) {
      throw new ForgeException(ForgeException.INVALID, "the " + what + " is not a branch name");
    }
  }
}
