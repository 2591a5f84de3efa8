package dev.oncell.runtime.internal.forge;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.oncell.agent.forge.InlineComment;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.runtime.internal.store.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ctx.pullRequests()}: each call one journaled step of the run (see the package's
 * invariants). Step kinds are {@code forge.ensure}, {@code forge.comment}, {@code
 * forge.editComment}, {@code forge.reviewComments}, {@code forge.reply}, {@code
 * forge.submitReview}, {@code forge.list}, {@code forge.get} and {@code forge.inlineComments}; a
 * step's name is the repository and what the call is about, its request the target and the
 * arguments.
 */
final class JournaledPullRequests implements PullRequests {

  private static final TypeFactory TYPES = TypeFactory.defaultInstance();
  private static final JavaType PULL_REQUEST = TYPES.constructType(PullRequest.class);
  private static final JavaType PULL_REQUESTS =
      TYPES.constructCollectionType(List.class, PullRequest.class);
  private static final JavaType INLINE_COMMENTS =
      TYPES.constructCollectionType(List.class, InlineComment.class);
  private static final JavaType LONG = TYPES.constructType(Long.class);
  private static final JavaType VOID = TYPES.constructType(Void.class);

  private final ForgeSteps steps;
  private final ForgeTarget target;
  private final ForgeClient client;

  JournaledPullRequests(ForgeSteps steps, ForgeTarget target, ForgeClient client) {
    this.steps = steps;
    this.target = target;
    this.client = client;
  }

  @Override
  public PullRequest ensure(String head, String base, String title, String body, boolean draft) {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    ObjectNode request = target.request();
    request.put("head", head);
    request.put("base", base);
    request.put("title", title);
    request.put("body", body);
    request.put("draft", draft);
    return steps.effect(
        "forge.ensure",
        target.repo() + " " + head,
        request,
        PULL_REQUEST,
        "pull-request " + target.repo() + " " + head,
        () -> alreadyEnsured(head, base, title, body),
        () ->
            client.call(
                "ensure",
                c -> client.forge().ensurePullRequest(c, head, base, title, body, draft)));
  }

  /**
   * The reconcile of a cut {@code ensure}: the open pull request of {@code head}, if it already
   * says what was asked. One that differs (the cut came before its update) is left to {@code
   * ensure} itself, which updates it in place: either way there is never a second one.
   */
  private Optional<?> alreadyEnsured(String head, String base, String title, String body) {
    List<PullRequest> open =
        client.call(
            "reconcile", c -> client.forge().listPullRequests(c, PullRequest.State.OPEN, head));
    return open.stream()
        .findFirst()
        .filter(
            pr -> pr.baseRef().equals(base) && pr.title().equals(title) && pr.body().equals(body));
  }

  @Override
  public long comment(long number, String body) {
    Objects.requireNonNull(body, "body");
    ObjectNode request = target.request();
    request.put("number", number);
    request.put("body", body);
    // At-least-once: the forge SPI has no cheap lookup of a comment, so a cut one is posted again.
    return steps.effect(
        "forge.comment",
        target.repo() + " #" + number,
        request,
        LONG,
        "comment " + target.repo() + " #" + number,
        Optional::empty,
        () -> client.call("comment", c -> client.forge().comment(c, number, body)));
  }

  @Override
  public void editComment(long number, long commentId, String body) {
    Objects.requireNonNull(body, "body");
    ObjectNode request = target.request();
    request.put("number", number);
    request.put("commentId", commentId);
    request.put("body", body);
    // Idempotent: the comment ends with this body however often the edit runs, so a cut edit is
    // reconciled by running it again (the empty reconcile).
    steps.effect(
        "forge.editComment",
        target.repo() + " #" + number + " comment " + commentId,
        request,
        VOID,
        "edit-comment " + target.repo() + " #" + number + " " + commentId,
        Optional::empty,
        () ->
            client.call(
                "editComment",
                c -> {
                  client.forge().editComment(c, number, commentId, body);
                  return null;
                }));
  }

  @Override
  public void reviewComments(long number, String headSha, List<ReviewComment> comments) {
    Objects.requireNonNull(headSha, "headSha");
    List<ReviewComment> copy = List.copyOf(comments);
    ObjectNode request = target.request();
    request.put("number", number);
    request.put("headSha", headSha);
    request.set("comments", Json.MAPPER.valueToTree(copy));
    // At-least-once, like comment.
    steps.effect(
        "forge.reviewComments",
        target.repo() + " #" + number,
        request,
        VOID,
        "review-comments " + target.repo() + " #" + number,
        Optional::empty,
        () ->
            client.call(
                "reviewComments",
                c -> {
                  client.forge().reviewComments(c, number, headSha, copy);
                  return null;
                }));
  }

  @Override
  public void submitReview(long number, String headSha, ReviewEvent event, String body) {
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(body, "body");
    ObjectNode request = target.request();
    request.put("number", number);
    request.put("headSha", headSha);
    request.put("event", event.name());
    request.put("body", body);
    // At-least-once, like comment: a cut review is submitted again (the same verdict twice).
    steps.effect(
        "forge.submitReview",
        target.repo() + " #" + number,
        request,
        VOID,
        "review " + target.repo() + " #" + number + " " + headSha,
        Optional::empty,
        () ->
            client.call(
                "submitReview",
                c -> {
                  client.forge().submitReview(c, number, headSha, event, body);
                  return null;
                }));
  }

  @Override
  public List<PullRequest> list(PullRequest.State state) {
    Objects.requireNonNull(state, "state");
    ObjectNode request = target.request();
    request.put("state", state.name());
    return steps.read(
        "forge.list",
        target.repo() + " " + state.name().toLowerCase(Locale.ROOT),
        request,
        PULL_REQUESTS,
        () -> client.call("list", c -> client.forge().listPullRequests(c, state)));
  }

  @Override
  public List<PullRequest> list(PullRequest.State state, String head) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(head, "head");
    ObjectNode request = target.request();
    request.put("state", state.name());
    request.put("head", head);
    return steps.read(
        "forge.list",
        target.repo() + " " + state.name().toLowerCase(Locale.ROOT) + " " + head,
        request,
        PULL_REQUESTS,
        () -> client.call("list", c -> client.forge().listPullRequests(c, state, head)));
  }

  @Override
  public PullRequest get(long number) {
    ObjectNode request = target.request();
    request.put("number", number);
    return steps.read(
        "forge.get",
        target.repo() + " #" + number,
        request,
        PULL_REQUEST,
        () -> client.call("get", c -> client.forge().getPullRequest(c, number)));
  }

  @Override
  public List<InlineComment> inlineComments(long number) {
    ObjectNode request = target.request();
    request.put("number", number);
    return steps.read(
        "forge.inlineComments",
        target.repo() + " #" + number,
        request,
        INLINE_COMMENTS,
        () -> client.call("inlineComments", c -> client.forge().listInlineComments(c, number)));
  }

  @Override
  public long reply(long number, long commentId, String body) {
    Objects.requireNonNull(body, "body");
    ObjectNode request = target.request();
    request.put("number", number);
    request.put("commentId", commentId);
    request.put("body", body);
    // At-least-once, like comment.
    return steps.effect(
        "forge.reply",
        target.repo() + " #" + number + " " + commentId,
        request,
        LONG,
        "reply " + target.repo() + " #" + number + " " + commentId,
        Optional::empty,
        () ->
            client.call(
                "reply", c -> client.forge().replyToInlineComment(c, number, commentId, body)));
  }
}
