package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.agent.forge.InlineComment;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitHub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubForgeTest extends ForgeContract {

  @Override
  FakeForge startFake() {
    return FakeGitHub.start();
  }

  @Override
  Forge forge(RetryPolicy policy) {
    return Forges.github(policy);
  }

  @Override
  ReviewComment anchorOf(JsonNode sent) {
    assertThat(sent.path("commit_id").asText()).isEqualTo(FakeForge.sha("feature"));
    return new ReviewComment(
        sent.path("path").asText(),
        sent.path("line").asInt(),
        ReviewComment.Side.valueOf(sent.path("side").asText()),
        sent.path("body").asText());
  }

  @Test
  void requestsCarryABearerTokenAndGitHubsMediaType() {
    forge.listPullRequests(conn(), PullRequest.State.OPEN, "feature");
    FakeForge.Call call = fake.calls().getFirst();
    assertThat(call.header("Authorization")).hasValue("Bearer " + token);
    assertThat(call.header("Accept")).hasValue("application/vnd.github+json");
    assertThat(call.header("X-GitHub-Api-Version")).isPresent();
    assertThat(call.param("head")).as("GitHub filters by owner:branch").hasValue("acme:feature");
  }

  @Test
  void theDuplicateAnswerIsGitHubs422() {
    fake.beforeNextCreate(() -> fake.openPullRequest(repoPath(), "feature", "main", "Theirs"));
    forge.ensurePullRequest(conn(), "feature", "main", "Ours", "", false);
    List<FakeForge.Call> creates = fake.calls("POST", "/pulls");
    assertThat(creates).hasSize(1);
    assertThat(fake.calls("PATCH", "/pulls/1")).hasSize(1);
  }

  @Test
  void aReviewCommentOnACommitOutsideThePullRequestIsForgeInvalid() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    ForgeException e =
        failure(
            () ->
                forge.reviewComments(
                    conn(),
                    pr.number(),
                    FakeForge.sha("elsewhere"),
                    List.of(new ReviewComment("a.txt", 1, ReviewComment.Side.RIGHT, "x"))));
    assertThat(e.code()).isEqualTo(ForgeException.INVALID);
    assertThat(e.getMessage()).contains("commit_id");
  }

  @Test
  void inlineCommentsAreListedWithTheirThreadsAndAThreadIsAnsweredInPlace() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    FakeGitHub github = (FakeGitHub) fake;
    long first = github.inlineComment(repoPath(), pr.number(), "a.txt", 3, "alice", "Rename it");
    fake.pageSize(1); // the listing follows GitHub's pages

    long reply = forge.replyToInlineComment(conn(), pr.number(), first, "Renamed");
    List<InlineComment> listed = forge.listInlineComments(conn(), pr.number());

    assertThat(listed)
        .containsExactly(
            new InlineComment(first, "a.txt", 3, "alice", "Rename it", 0),
            new InlineComment(reply, "a.txt", 3, "oncell-bot", "Renamed", first));
    assertThat(listed.getFirst().startsThread()).isTrue();
    assertThat(failure(() -> forge.replyToInlineComment(conn(), pr.number(), 999, "x")).code())
        .isEqualTo(ForgeException.NOT_FOUND);
    assertThat(failure(() -> forge.replyToInlineComment(conn(), pr.number(), first, " ")).code())
        .as("refused before anything is sent")
        .isEqualTo(ForgeException.INVALID);
    assertThat(forge.listInlineComments(conn(), pr.number())).hasSize(2);
  }

  @Test
  void aForgeWithoutInlineCommentListingSaysSo() {
    Forge gitlab = Forges.gitlab(RetryPolicy.defaults());
    assertThat(failure(() -> gitlab.listInlineComments(conn(), 1)).code())
        .isEqualTo(ForgeException.UNSUPPORTED);
  }

  @Test
  void aPrimaryRateLimit403IsRetriedUntilTheReset() {
    java.time.Instant now = java.time.Instant.parse("2026-12-07T10:00:00Z");
    Forge timed =
        forge(
            RetryPolicy.defaults()
                .withSleeper(slept::add)
                .withClock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));
    PullRequest pr = timed.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    fake.failNextWith(
        403,
        Map.of(
            "x-ratelimit-remaining",
            "0",
            "x-ratelimit-reset",
            String.valueOf(now.getEpochSecond() + 5)));
    assertThat(timed.getPullRequest(conn(), pr.number()).number()).isEqualTo(pr.number());
    assertThat(slept).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void aPlain403IsForbiddenAndNotRetried() {
    fake.failNextWith(403, Map.of("x-ratelimit-remaining", "4999"));
    assertThat(failure(() -> forge.getPullRequest(conn(), 1)).code())
        .isEqualTo(ForgeException.FORBIDDEN);
    assertThat(slept).isEmpty();
  }

  @Test
  void gitHubEnterpriseServesTheApiBelowApiV3() {
    try (FakeGitHub ghe = FakeGitHub.enterprise()) {
      ghe.repo("acme/widgets").token(token, true);
      URI base = Forges.defaultApiBase("github", ghe.repoUrl("acme/widgets"));
      assertThat(base.toString()).isEqualTo(ghe.apiBase());
      ForgeConnection c =
          ForgeConnection.builder(base, ForgeRepo.parse(ghe.repoUrl("acme/widgets")), token)
              .build();
      PullRequest pr = forge.ensurePullRequest(c, "feature", "main", "T", "B", false);
      assertThat(ghe.calls("POST", "/api/v3/repos/acme/widgets/pulls")).hasSize(1);
      assertThat(pr.number()).isEqualTo(1);
    }
  }
}
