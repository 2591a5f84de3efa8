package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.forge.testing.FakeGitLab;
import org.junit.jupiter.api.Test;

class GitLabForgeTest extends ForgeContract {

  @Override
  FakeForge startFake() {
    return FakeGitLab.start();
  }

  @Override
  Forge forge(RetryPolicy policy) {
    return Forges.gitlab(policy);
  }

  /** A project in nested groups, as GitLab allows. */
  @Override
  String repoPath() {
    return "acme/platform/widgets";
  }

  @Override
  ReviewComment anchorOf(JsonNode sent) {
    JsonNode pos = sent.path("position");
    assertThat(pos.path("head_sha").asText()).isEqualTo(FakeForge.sha("feature"));
    boolean right = pos.has("new_line");
    return new ReviewComment(
        pos.path("new_path").asText(),
        pos.path(right ? "new_line" : "old_line").asInt(),
        right ? ReviewComment.Side.RIGHT : ReviewComment.Side.LEFT,
        sent.path("body").asText());
  }

  @Test
  void requestsCarryAPrivateTokenAndTheEncodedProjectPath() {
    forge.listPullRequests(conn(), PullRequest.State.OPEN, "feature");
    FakeForge.Call call = fake.calls().getFirst();
    assertThat(call.header("PRIVATE-TOKEN")).hasValue(token);
    assertThat(call.header("Authorization")).isEmpty();
    assertThat(call.path()).isEqualTo("/api/v4/projects/acme%2Fplatform%2Fwidgets/merge_requests");
    assertThat(call.param("source_branch")).hasValue("feature");
    assertThat(call.param("state")).hasValue("opened");
  }

  @Test
  void pagesFollowXNextPageWithoutALinkHeader() {
    fake.pageSize(2).withoutLinkHeaders();
    for (int i = 1; i <= 5; i++) {
      fake.openPullRequest(repoPath(), "b" + i, "main", "PR " + i);
    }
    assertThat(forge.listPullRequests(conn(), PullRequest.State.ALL)).hasSize(5);
    assertThat(fake.calls("GET", "/merge_requests")).hasSize(3);
    assertThat(fake.calls().get(2).param("page")).hasValue("3");
  }

  @Test
  void aDraftIsADraftTitlePrefix() {
    forge.ensurePullRequest(conn(), "wip", "main", "Half done", "", true);
    assertThat(fake.calls("POST", "/merge_requests").getFirst().json().path("title").asText())
        .isEqualTo("Draft: Half done");
  }

  @Test
  void theDuplicateAnswerIsGitLabs409() {
    fake.beforeNextCreate(() -> fake.openPullRequest(repoPath(), "feature", "main", "Theirs"));
    forge.ensurePullRequest(conn(), "feature", "main", "Ours", "", false);
    assertThat(fake.calls("POST", "/merge_requests")).hasSize(1);
    assertThat(fake.calls("PUT", "/merge_requests/1")).hasSize(1);
  }
}
