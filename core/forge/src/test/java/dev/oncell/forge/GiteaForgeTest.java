package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitea;
import org.junit.jupiter.api.Test;

class GiteaForgeTest extends ForgeContract {

  @Override
  FakeForge startFake() {
    return FakeGitea.start();
  }

  @Override
  Forge forge(RetryPolicy policy) {
    return Forges.gitea(policy);
  }

  @Override
  ReviewComment anchorOf(JsonNode sent) {
    boolean right = sent.path("new_position").asInt() > 0;
    return new ReviewComment(
        sent.path("path").asText(),
        sent.path(right ? "new_position" : "old_position").asInt(),
        right ? ReviewComment.Side.RIGHT : ReviewComment.Side.LEFT,
        sent.path("body").asText());
  }

  @Test
  void requestsCarryGiteasTokenHeader() {
    forge.listPullRequests(conn(), PullRequest.State.OPEN);
    assertThat(fake.calls().getFirst().header("Authorization")).hasValue("token " + token);
  }

  @Test
  void reviewCommentsGoInOneReviewOnTheHeadCommit() {
    PullRequest pr = forge.ensurePullRequest(conn(), "feature", "main", "T", "B", false);
    forge.reviewComments(
        conn(),
        pr.number(),
        pr.headSha(),
        java.util.List.of(new ReviewComment("a.txt", 2, ReviewComment.Side.RIGHT, "x")));
    JsonNode review = fake.calls("POST", "/pulls/1/reviews").getFirst().json();
    assertThat(review.path("event").asText()).isEqualTo("COMMENT");
    assertThat(review.path("commit_id").asText()).isEqualTo(FakeForge.sha("feature"));
  }

  @Test
  void theDuplicateAnswerIsGiteas409() {
    fake.beforeNextCreate(() -> fake.openPullRequest(repoPath(), "feature", "main", "Theirs"));
    forge.ensurePullRequest(conn(), "feature", "main", "Ours", "", false);
    assertThat(fake.calls("POST", "/pulls")).hasSize(1);
    assertThat(fake.calls("PATCH", "/pulls/1")).hasSize(1);
  }
}
