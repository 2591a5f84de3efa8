package dev.oncell.examples.localforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local forge serves its demo repository and the pulls API behind its token, and says so. */
class LocalForgeTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDemoRepositoryIsServedOverGitWithTheTokenOnly() throws Exception {
    try (LocalForge forge = LocalForge.start(dir)) {
      String withToken = forge.repoUrl().replace("http://", "http://x:" + forge.token() + "@");
      Git ok = git("ls-remote", withToken);
      assertThat(ok.exit()).as(ok.output()).isZero();
      assertThat(ok.output()).contains("refs/heads/main").contains("HEAD");

      Git refused = git("ls-remote", forge.repoUrl());
      assertThat(refused.exit()).as("no token, no repository").isNotZero();

      Git cloned = git("clone", "-q", withToken, dir.resolve("clone").toString());
      assertThat(cloned.exit()).as(cloned.output()).isZero();
      assertThat(dir.resolve("clone/src/greeting.py")).exists();
    }
  }

  @Test
  void thePullsApiAnswersWithTheTokenAndRefusesWithout() throws Exception {
    try (LocalForge forge = LocalForge.start(dir)) {
      String pulls = forge.apiBase() + "/repos/" + LocalForge.DEMO_REPO + "/pulls";
      HttpResponse<String> listed = get(pulls, "Bearer " + forge.token());
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).isEqualTo("[]");
      assertThat(get(pulls, "Bearer wrong").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aRestartKeepsTheTokenAndTheRepositoryAndWritesTheEnvFile() throws Exception {
    String token;
    String head;
    try (LocalForge first = LocalForge.start(dir)) {
      token = first.token();
      head = first.branchHead("main").orElseThrow();
    }
    try (LocalForge second = LocalForge.start(dir)) {
      assertThat(second.token()).isEqualTo(token);
      assertThat(second.branchHead("main")).contains(head);
      assertThat(Files.readString(dir.resolve("env")))
          .contains("REPO_URL=" + second.repoUrl())
          .contains("API_BASE=" + second.apiBase())
          .contains("TOKEN=" + token);
      assertThat(Files.getPosixFilePermissions(dir.resolve("token")).toString())
          .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
  }

  @Test
  void itsBannerSaysItIsAStandInAndPrintsWhatAConfigNeeds() {
    try (LocalForge forge = LocalForge.start(dir)) {
      assertThat(LocalForgeMain.banner(forge))
          .contains("LOCAL STAND-IN")
          .contains("not a forge")
          .contains("REPO_URL=" + forge.repoUrl())
          .contains("API_BASE=" + forge.apiBase())
          .contains("TOKEN=" + forge.token());
    }
  }

  private HttpResponse<String> get(String url, String auth)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  record Git(int exit, String output) {}

  private Git git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Git(p.waitFor(), out);
  }
}
