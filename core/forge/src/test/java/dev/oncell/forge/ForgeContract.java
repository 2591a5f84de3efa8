package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.forge.testing.FakeForge;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every built-in forge must do, against its stand-in on loopback. Each forge's test subclasses
 * it with its stand-in, its forge and how its wire format anchors an inline comment.
 */
abstract class ForgeContract {

  static final long SEED = new Random().nextLong();

  /** A token that may write; random so a leak into a message is unmistakable. */
  final String token = "tok" + Long.toHexString(new Random(SEED).nextLong()) + "Zq";

  final String reader = "read-only-" + Long.toHexString(SEED);
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  FakeForge fake;
  Forge forge;

  abstract FakeForge startFake();

  abstract Forge forge(RetryPolicy policy);

  /** The inline comment {@code sent} (one item of the forge's wire format) stands for. */
  abstract ReviewComment anchorOf(JsonNode sent);

  String repoPath() {
    return "acme/widgets";
  }

  @BeforeEach
  void start() {
    fake = startFake().repo(repoPath()).token(token, true).token(reader, false);
    forge = forge(RetryPolicy.defaults().withSleeper(slept::add));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  ForgeConnection conn(String token) {
    return ForgeConnection.builder(
            URI.create(fake.apiBase()), ForgeRepo.parse(fake.repoUrl(repoPath())), token)
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  ForgeConnection conn() {
    return conn(token);
  }

  List<FakeForge.Call> writes() {
    return fake.calls().stream().filter(c -> !c.method().equals("GET")).toList();
  }

  ForgeException failure(Runnable r) {
    ForgeException e = catchThrowableOfType(ForgeException.class, r::run);
    assertThat(e).as("a ForgeException (seed %s)", SEED).isNotNull();
    assertThat(e.getMessage()).as("the message never holds the token").doesNotContain(token);
    return e;
  }

  @Test
  void ensureCreatesOnceThenUpdatesTheSamePullRequest() {
    PullRequest first =
        forge.ensurePullRequest(conn(), "oncell/fix/ab12", "main", "Fix it", "First try", false);
    assertThat(first.number()).isPositive();
    assertThat(first.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(first.title()).isEqualTo("Fix it");

    // a second call (a retried task, or the runtime after a restart with a fresh forge)
    PullRequest again =
        forge(RetryPolicy.defaults().withSleeper(slept::add))
            .ensurePullRequest(
                conn(), "oncell/fix/ab12", "main", "Fix it (v2)", "Second try", false);

    assertThat(again.number()).as("the same pull request is updated").isEqualTo(first.number());
    assertThat(fake.pulls(repoPath())).as("one pull request, never a second").hasSize(1);
    FakeForge.Pr pr = fake.pulls(repoPath()).getFirst();
    assertThat(pr.title).endsWith("Fix it (v2)");
    assertThat(pr.body).isEqualTo("Second try");
    assertThat(again.title()).isEqualTo("Fix it (v2)");
    assertThat(writes()).as("one creation then one update: %s", writes()).hasSize(2);
  }

  @Test
  void ensureWithTheSameArgumentsWritesNothingTheSecondTime() {
    PullRequest first = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    PullRequest second = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    assertThat(second).isEqualTo(first);
    assertThat(writes()).as("only the creation wrote: %s", writes()).hasSize(1);
  }

  @Test
  void ensureAfterALostCreationAnswerFindsThePullRequestItMade() {
    fake.loseNextCreateAnswer();
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    assertThat(fake.pulls(repoPath())).as("the retried creation made no second one").hasSize(1);
    assertThat(pr.number()).isEqualTo(fake.pulls(repoPath()).getFirst().number);
    assertThat(pr.title()).isEqualTo("T");
    assertThat(slept).as("the lost answer (502) was retried once").hasSize(1);
  }

  @Test
  void ensureTreatsTheForgesDuplicateAnswerAsExisting() {
    fake.beforeNextCreate(() -> fake.openPullRequest(repoPath(), "feature", "main", "Theirs"));
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "Ours", "Body", false);
    assertThat(fake.pulls(repoPath())).hasSize(1);
    assertThat(pr.number()).isEqualTo(fake.pulls(repoPath()).getFirst().number);
    assertThat(fake.pulls(repoPath()).getFirst().title).isEqualTo("Ours");
    assertThat(pr.title()).isEqualTo("Ours");
  }

  @Test
  void ensureOpensADraftAndKeepsItADraftOnUpdate() {
    PullRequest pr = forge.ensurePullRequest(conn(), "wip", "main", "Half done", "", true);
    assertThat(pr.draft()).isTrue();
    assertThat(pr.title()).isEqualTo("Half done");
    PullRequest updated = forge.ensurePullRequest(conn(), "wip", "main", "More done", "", false);
    assertThat(updated.number()).isEqualTo(pr.number());
    assertThat(updated.draft()).as("an existing pull request keeps its draft state").isTrue();
    assertThat(updated.title()).isEqualTo("More done");
  }

  @Test
  void ensureMovesAnExistingPullRequestToANewBase() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    PullRequest moved = forge.ensurePullRequest(conn(), "feature", "release", "T", "B", false);
    assertThat(moved.number()).isEqualTo(pr.number());
    assertThat(moved.baseRef()).isEqualTo("release");
    assertThat(fake.pulls(repoPath())).hasSize(1);
  }

  @Test
  void commentLandsOnThePullRequest() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    long id = forge.comment(conn(), pr.number(), "Looks good to me");
    assertThat(id).isPositive();
    List<JsonNode> comments = fake.pulls(repoPath()).getFirst().comments;
    assertThat(comments).hasSize(1);
    assertThat(comments.getFirst().path("body").asText()).isEqualTo("Looks good to me");
  }

  @Test
  void editCommentReplacesTheBodyInPlaceAndIsIdempotent() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    long summary = forge.comment(conn(), pr.number(), "Review 1: 2 findings");
    long other = forge.comment(conn(), pr.number(), "Someone else");
    forge.editComment(conn(), pr.number(), summary, "Review 2: 1 finding");
    forge.editComment(conn(), pr.number(), summary, "Review 2: 1 finding"); // as a replay would

    FakeForge.Pr held = fake.pulls(repoPath()).getFirst();
    assertThat(held.comments)
        .extracting(c -> c.path("body").asText())
        .as("edited in place; no new comment; the other one untouched")
        .containsExactly("Review 2: 1 finding", "Someone else");
    assertThat(held.editedComments).containsExactly(summary, summary);
    assertThat(held.commentIds).containsExactly(summary, other);

    assertThat(failure(() -> forge.editComment(conn(), pr.number(), 999_999, "x")).code())
        .as("a comment that does not exist")
        .isEqualTo(ForgeException.NOT_FOUND);
    assertThat(failure(() -> forge.editComment(conn(), pr.number(), summary, " ")).code())
        .as("an empty body is refused before anything is sent")
        .isEqualTo(ForgeException.INVALID);
    assertThat(failure(() -> forge.editComment(conn(), pr.number(), 0, "x")).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(failure(() -> forge.editComment(conn(reader), pr.number(), summary, "x")).code())
        .isEqualTo(ForgeException.FORBIDDEN);
    assertThat(held.comments.getFirst().path("body").asText())
        .as("a refused edit changes nothing")
        .isEqualTo("Review 2: 1 finding");
  }

  @Test
  void submitReviewRecordsTheVerdictAtTheHead() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    forge.submitReview(conn(), pr.number(), pr.headSha(), ReviewEvent.APPROVE, "Looks good.");
    forge.submitReview(
        conn(), pr.number(), pr.headSha(), ReviewEvent.REQUEST_CHANGES, "A critical finding.");
    FakeForge.Pr held = fake.pulls(repoPath()).getFirst();
    assertThat(held.verdicts).containsExactly("APPROVE", "REQUEST_CHANGES");

    String otherSha = "0".repeat(40);
    assertThat(
            failure(
                    () ->
                        forge.submitReview(
                            conn(), pr.number(), otherSha, ReviewEvent.APPROVE, "Looks good."))
                .code())
        .as("a commit that is not the head")
        .isIn(ForgeException.INVALID);
    assertThat(
            failure(
                    () ->
                        forge.submitReview(
                            conn(), pr.number(), "main", ReviewEvent.APPROVE, "Looks good."))
                .code())
        .as("not a SHA: refused before anything is sent")
        .isEqualTo(ForgeException.INVALID);
    assertThat(
            failure(
                    () ->
                        forge.submitReview(
                            conn(), pr.number(), pr.headSha(), ReviewEvent.APPROVE, " "))
                .code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(
            failure(
                    () ->
                        forge.submitReview(
                            conn(reader), pr.number(), pr.headSha(), ReviewEvent.APPROVE, "ok"))
                .code())
        .isEqualTo(ForgeException.FORBIDDEN);
    assertThat(held.verdicts).as("refused reviews record nothing").hasSize(2);
  }

  @Test
  void reviewCommentsLandOnFileLineAndSide() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    List<ReviewComment> comments =
        List.of(
            new ReviewComment("src/Main.java", 12, ReviewComment.Side.RIGHT, "Null check?"),
            new ReviewComment("docs/old.md", 3, ReviewComment.Side.LEFT, "Why remove this?"));
    forge.reviewComments(conn(), pr.number(), pr.headSha(), comments);
    List<ReviewComment> landed =
        fake.pulls(repoPath()).getFirst().reviewComments.stream().map(this::anchorOf).toList();
    assertThat(landed).isEqualTo(comments);
  }

  @Test
  void listFollowsPagesNewestFirstAndFiltersByStateAndHead() {
    fake.pageSize(2);
    for (int i = 1; i <= 5; i++) {
      fake.openPullRequest(repoPath(), "b" + i, "main", "PR " + i);
    }
    FakeForge.Pr closed = fake.pulls(repoPath()).get(1);
    closed.state = "closed";
    FakeForge.Pr merged = fake.pulls(repoPath()).get(2);
    merged.state = "closed";
    merged.merged = true;

    assertThat(forge.listPullRequests(conn(), PullRequest.State.ALL))
        .extracting(PullRequest::headRef)
        .containsExactly("b5", "b4", "b3", "b2", "b1");
    assertThat(fake.calls("GET", "").size()).as("three pages of two").isGreaterThanOrEqualTo(3);
    assertThat(forge.listPullRequests(conn(), PullRequest.State.OPEN))
        .extracting(PullRequest::headRef)
        .containsExactly("b5", "b4", "b1");
    assertThat(forge.listPullRequests(conn(), PullRequest.State.CLOSED))
        .extracting(PullRequest::headRef)
        .containsExactly("b3", "b2");
    assertThat(forge.listPullRequests(conn(), PullRequest.State.MERGED))
        .extracting(PullRequest::state)
        .containsExactly(PullRequest.State.MERGED);
    assertThat(forge.listPullRequests(conn(), PullRequest.State.OPEN, "b4"))
        .extracting(PullRequest::number)
        .containsExactly(fake.pulls(repoPath()).get(3).number);
    assertThat(forge.listPullRequests(conn(), PullRequest.State.OPEN, "nope")).isEmpty();
  }

  @Test
  void getReturnsRefsShasStateAndUrl() {
    PullRequest made = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    PullRequest got = forge.getPullRequest(conn(), made.number());
    assertThat(got.headRef()).isEqualTo("feature");
    assertThat(got.baseRef()).isEqualTo("main");
    assertThat(got.headSha()).isEqualTo(FakeForge.sha("feature"));
    assertThat(got.baseSha()).isEqualTo(FakeForge.sha("main"));
    assertThat(got.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(got.url()).startsWith(fake.url()).contains(String.valueOf(made.number()));
    assertThat(got.draft()).isFalse();
  }

  @Test
  void serverErrorsAreRetriedWithBackoffThenSucceed() {
    PullRequest made = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    fake.failNext(2, 503);
    assertThat(forge.getPullRequest(conn(), made.number()).number()).isEqualTo(made.number());
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void tooManyRequestsWaitsWhatRetryAfterSays() {
    fake.failNextWith(429, Map.of("Retry-After", "7"));
    forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
    assertThat(fake.pulls(repoPath())).hasSize(1);
  }

  @Test
  void persistentServerErrorsEndAsForgeUnavailable() {
    fake.failNext(20, 502);
    ForgeException e =
        failure(() -> forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false));
    assertThat(e.code()).isEqualTo(ForgeException.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).hasValue(502);
    assertThat(fake.calls()).as("bounded: the policy's four attempts").hasSize(4);
    assertThat(fake.pulls(repoPath())).isEmpty();
  }

  @Test
  void persistentRateLimitEndsAsForgeRateLimited() {
    fake.failNext(20, 429);
    ForgeException e = failure(() -> forge.listPullRequests(conn(), PullRequest.State.OPEN));
    assertThat(e.code()).isEqualTo(ForgeException.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(fake.calls()).hasSize(4);
  }

  @Test
  void aRetryAfterLongerThanThePolicyAllowsFailsAtOnce() {
    fake.failNextWith(429, Map.of("Retry-After", "3600"));
    ForgeException e = failure(() -> forge.listPullRequests(conn(), PullRequest.State.OPEN));
    assertThat(e.code()).isEqualTo(ForgeException.RATE_LIMITED);
    assertThat(slept).isEmpty();
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void aRetryAfterDateIsReadAgainstThePolicysClock() {
    java.time.Instant now = java.time.Instant.parse("2026-12-07T10:00:00Z");
    Forge timed =
        forge(
            RetryPolicy.defaults()
                .withSleeper(slept::add)
                .withClock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));
    fake.failNextWith(503, Map.of("Retry-After", "Mon, 07 Dec 2026 10:00:09 GMT"));
    timed.listPullRequests(conn(), PullRequest.State.OPEN);
    assertThat(slept).containsExactly(Duration.ofSeconds(9));
  }

  @Test
  void requestsGoThroughTheProxyTheHostGives() {
    java.net.InetSocketAddress proxy =
        new java.net.InetSocketAddress("127.0.0.1", URI.create(fake.url()).getPort());
    String host = "forge.invalid";
    ForgeConnection viaProxy =
        ForgeConnection.builder(
                URI.create(fake.apiBase().replace("127.0.0.1:" + proxy.getPort(), host)),
                ForgeRepo.parse("http://" + host + "/" + repoPath()),
                token)
            .proxy(java.net.ProxySelector.of(proxy))
            .build();
    fake.openPullRequest(repoPath(), "feature", "main", "T");
    assertThat(forge.getPullRequest(viaProxy, 1).headRef()).isEqualTo("feature");
    assertThat(fake.calls()).as("the request reached the forge through the proxy").hasSize(1);
  }

  @Test
  void aForgeDownForLongerThanThePolicyWaitsFailsAtOnce() {
    fake.failNextWith(503, Map.of("Retry-After", "900"));
    ForgeException e = failure(() -> forge.getPullRequest(conn(), 1));
    assertThat(e.code()).isEqualTo(ForgeException.UNAVAILABLE);
    assertThat(slept).isEmpty();
    assertThat(fake.calls()).hasSize(1);
  }

  @Test
  void aForgeThatNeverAnswersTimesOutAsUnavailable() {
    fake.stallNext(2);
    ForgeConnection quick =
        ForgeConnection.builder(
                URI.create(fake.apiBase()), ForgeRepo.parse(fake.repoUrl(repoPath())), token)
            .requestTimeout(Duration.ofMillis(300))
            .build();
    ForgeException e =
        failure(
            () ->
                forge(RetryPolicy.defaults().withSleeper(slept::add).withMaxAttempts(2))
                    .getPullRequest(quick, 1));
    assertThat(e.code()).isEqualTo(ForgeException.UNAVAILABLE);
    assertThat(fake.calls()).hasSize(2);
  }

  @Test
  void aWrongTokenIsForgeAuthFailed() {
    String wrong = "wrong" + token;
    ForgeException e =
        failure(() -> forge.ensurePullRequest(conn(wrong), "feature", "main", "T", "B", false));
    assertThat(e.code()).isEqualTo(ForgeException.AUTH_FAILED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain(wrong);
    assertThat(fake.pulls(repoPath())).isEmpty();
  }

  @Test
  void aTokenWithoutWritePermissionIsForgeForbiddenAndChangesNothing() {
    ForgeException e =
        failure(() -> forge.ensurePullRequest(conn(reader), "feature", "main", "T", "B", false));
    assertThat(e.code()).isEqualTo(ForgeException.FORBIDDEN);
    assertThat(e.getMessage()).doesNotContain(reader);
    assertThat(fake.pulls(repoPath())).isEmpty();
    fake.openPullRequest(repoPath(), "feature", "main", "T");
    assertThat(failure(() -> forge.comment(conn(reader), 1, "hi")).code())
        .isEqualTo(ForgeException.FORBIDDEN);
    assertThat(fake.pulls(repoPath()).getFirst().comments).isEmpty();
  }

  @Test
  void anUnknownRepositoryOrPullRequestIsForgeNotFound() {
    ForgeConnection elsewhere =
        ForgeConnection.builder(
                URI.create(fake.apiBase()), ForgeRepo.parse(fake.repoUrl("acme/nothing")), token)
            .build();
    assertThat(failure(() -> forge.listPullRequests(elsewhere, PullRequest.State.OPEN)).code())
        .isEqualTo(ForgeException.NOT_FOUND);
    assertThat(failure(() -> forge.getPullRequest(conn(), 99)).code())
        .isEqualTo(ForgeException.NOT_FOUND);
    assertThat(failure(() -> forge.comment(conn(), 99, "hi")).code())
        .isEqualTo(ForgeException.NOT_FOUND);
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsSent() {
    for (String branch :
        List.of("a..b", "-x", "refs/heads/x", "a b", "owner:x", "", "x.lock", "a~1")) {
      assertThat(
              failure(() -> forge.ensurePullRequest(conn(), branch, "main", "T", "", false)).code())
          .as("head %s", branch)
          .isEqualTo(ForgeException.INVALID);
    }
    assertThat(failure(() -> forge.ensurePullRequest(conn(), "x", "main", " ", "", false)).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(
            failure(() -> forge.ensurePullRequest(conn(), "main", "main", "T", "", false)).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(failure(() -> forge.comment(conn(), 1, " ")).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(failure(() -> forge.getPullRequest(conn(), 0)).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(failure(() -> forge.reviewComments(conn(), 1, "HEAD", List.of())).code())
        .isEqualTo(ForgeException.INVALID);
    assertThat(fake.calls()).as("nothing reached the forge").isEmpty();
  }

  @Test
  void aBadApiBaseIsRefused() {
    ForgeRepo repo = ForgeRepo.parse(fake.repoUrl(repoPath()));
    for (String base :
        List.of(
            "file:///etc",
            "ftp://127.0.0.1/api",
            "http://user:pw@127.0.0.1/api",
            "https:relative",
            fake.apiBase() + "?x=1")) {
      ForgeException e =
          catchThrowableOfType(
              ForgeException.class,
              () -> ForgeConnection.builder(URI.create(base), repo, token).build());
      assertThat(e).as("base %s", base).isNotNull();
      assertThat(e.code()).isEqualTo(ForgeException.INVALID);
      assertThat(e.getMessage()).doesNotContain("pw");
    }
    assertThatThrownBy(
            () -> ForgeConnection.builder(URI.create(fake.apiBase()), repo, "two\nlines").build())
        .isInstanceOf(ForgeException.class);
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void aNextPageLinkOutsideTheApiBaseIsNotFollowed() {
    try (FakeForge elsewhere = startFake()) {
      fake.pageSize(1).linksTo(elsewhere.url());
      fake.openPullRequest(repoPath(), "b1", "main", "one");
      fake.openPullRequest(repoPath(), "b2", "main", "two");
      ForgeException e = failure(() -> forge.listPullRequests(conn(), PullRequest.State.ALL));
      assertThat(e.code()).isEqualTo(ForgeException.INVALID);
      assertThat(elsewhere.calls()).as("the token never went elsewhere").isEmpty();
    }
  }

  @Test
  void aRedirectingHttpClientIsRefused() {
    java.net.http.HttpClient redirecting =
        java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
            .build();
    ForgeException e =
        catchThrowableOfType(
            ForgeException.class,
            () ->
                ForgeConnection.builder(
                        URI.create(fake.apiBase()),
                        ForgeRepo.parse(fake.repoUrl(repoPath())),
                        token)
                    .httpClient(redirecting));
    assertThat(e.code()).isEqualTo(ForgeException.INVALID);
  }

  @Test
  void theConnectionNeverShowsItsToken() {
    assertThat(conn().toString()).doesNotContain(token).contains("***");
  }
}
