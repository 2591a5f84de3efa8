package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitCredentialTest {

  @Test
  void toStringNeverShowsTheToken() {
    GitCredential c = new GitCredential("GitHub.com", Optional.of("bot"), "ghp_secret123");
    assertThat(c.toString()).doesNotContain("ghp_secret123").contains("github.com");
    assertThat(String.valueOf(Optional.of(c))).doesNotContain("ghp_secret123");
  }

  @Test
  void matchesOnlyItsOwnHost() {
    GitCredential c = GitCredential.of("github.com", "t");
    assertThat(c.matches("GITHUB.COM")).isTrue();
    assertThat(c.matches("api.github.com")).isFalse();
    assertThat(c.matches("github.com.evil.test")).isFalse();
    assertThat(c.matches(null)).isFalse();
    assertThat(c.effectiveUsername()).isEqualTo(GitCredential.DEFAULT_USERNAME);
  }

  @Test
  void needsAHostAndAToken() {
    assertThatThrownBy(() -> GitCredential.of(" ", "t"))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_credential"));
    assertThatThrownBy(() -> GitCredential.of("h", ""))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_credential"));
  }
}
