package dev.oncell.runtime.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.WebhookForge;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures of each forge, and repository URLs that name the same repository. */
class ForgeSignaturesTest {

  private static final byte[] BODY =
      "{\"zen\":\"Design for failure.\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void githubWantsTheSha256PrefixAndAnyHexCase() {
    String hex = ForgeSignatures.hmacHex("s3cret", BODY);
    assertThat(
            ForgeSignatures.verify(
                WebhookForge.GITHUB, "s3cret", BODY, Optional.of("sha256=" + hex)))
        .isTrue();
    assertThat(
            ForgeSignatures.verify(
                WebhookForge.GITHUB, "s3cret", BODY, Optional.of("sha256=" + hex.toUpperCase())))
        .isTrue();
    assertThat(ForgeSignatures.verify(WebhookForge.GITHUB, "s3cret", BODY, Optional.of(hex)))
        .isFalse();
    assertThat(
            ForgeSignatures.verify(
                WebhookForge.GITHUB, "other", BODY, Optional.of("sha256=" + hex)))
        .isFalse();
    assertThat(ForgeSignatures.verify(WebhookForge.GITHUB, "s3cret", BODY, Optional.empty()))
        .isFalse();
    assertThat(
            ForgeSignatures.verify(WebhookForge.GITHUB, "s3cret", BODY, Optional.of("sha256=xyz")))
        .isFalse();
  }

  @Test
  void giteaSendsBareHexAndGitlabTheSecret() {
    String hex = ForgeSignatures.hmacHex("s3cret", BODY);
    assertThat(ForgeSignatures.verify(WebhookForge.GITEA, "s3cret", BODY, Optional.of(hex)))
        .isTrue();
    assertThat(
            ForgeSignatures.verify(WebhookForge.GITEA, "s3cret", "{}".getBytes(), Optional.of(hex)))
        .isFalse();
    assertThat(ForgeSignatures.verify(WebhookForge.GITLAB, "s3cret", BODY, Optional.of("s3cret")))
        .isTrue();
    assertThat(ForgeSignatures.verify(WebhookForge.GITLAB, "s3cret", BODY, Optional.of("s3cre")))
        .isFalse();
    assertThat(ForgeSignatures.verify(WebhookForge.GITLAB, "s3cret", BODY, Optional.of(hex)))
        .isFalse();
  }

  @Test
  void repoUrlsCompareWithoutSchemeUserInfoCaseOfHostAndSuffixes() {
    String expected = "github.com/acme/app";
    for (String url :
        new String[] {
          "https://github.com/acme/app",
          "https://GitHub.COM/acme/app.git",
          "http://user:token@github.com/acme/app/",
          "git@github.com:acme/app.git",
          "ssh://git@github.com/acme/app.git/",
        }) {
      assertThat(RepoUrls.normalise(url)).as(url).contains(expected);
    }
    assertThat(RepoUrls.normalise("https://github.com:8443/acme/app"))
        .contains("github.com:8443/acme/app");
    assertThat(RepoUrls.normalise("https://github.com/ACME/app")).contains("github.com/ACME/app");
    for (String bad :
        new String[] {"", "not a url", "https://github.com", "https://github.com/", "/tmp/x"}) {
      assertThat(RepoUrls.normalise(bad)).as(bad).isEmpty();
    }
  }
}
