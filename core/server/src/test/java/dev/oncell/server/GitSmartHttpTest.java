package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.LoopbackAgent;
import dev.oncell.server.RunningServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cell's repository over the server's smart HTTP: the cell's own git (in its real sandbox)
 * pushes a branch to its relay, and a git client on the host clones it from {@code
 * /v1/customers/:id/git/} with an API key as the password; read-only unless the customer's config
 * accepts pushes, and only with a key that reaches that customer.
 */
class GitSmartHttpTest {

  private static final byte[] LOOPBACK =
      PluginJars.plugin("loopback-plugin", "1.0.0", LoopbackAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  @TempDir Path tmp;
  private RunningServer api;
  private String acmeKey;
  private String globexKey;
  private String head;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    assertThat(
            api.call("POST", "/v1/deployments?env=production", LOOPBACK, RunningServer.KEY)
                .status())
        .isEqualTo(201);
    customer("acme", "{}");
    customer("globex", "{\"git\":{\"acceptPush\":true}}");
    acmeKey = key("acme");
    globexKey = key("globex");
    head = pushFromTheCell("acme");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void customer(String id, String config) {
    Reply made =
        api.post(
            "/v1/customers?wait=true",
            "{\"id\":\"" + id + "\",\"agent\":\"loopback\",\"config\":" + config + "}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
  }

  private String key(String customer) {
    Reply key = api.post("/v1/keys", "{\"scope\":\"customer\",\"customer\":\"" + customer + "\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    return key.json().path("key").asText();
  }

  /** The cell's own git commits and pushes {@code agent-work} to the relay; the commit id. */
  private String pushFromTheCell(String customer) {
    Reply shell =
        api.shell(
            customer,
            "git init -q -b main repo && cd repo && git config user.email a@example.test"
                + " && git config user.name Agent && echo fixed > fix.txt && git add fix.txt"
                + " && git commit -q -m fix && git checkout -q -b agent-work"
                + " && git push -q http://git.oncell.internal/repo.git main agent-work"
                + " && git rev-parse HEAD");
    assertThat(shell.json().path("exitCode").asInt()).as(shell.body()).isZero();
    return shell.json().path("stdout").asText().strip();
  }

  private String url(String customer, String key) {
    String base = api.server.url().replace("http://", "");
    return "http://agent:" + key + "@" + base + "/v1/customers/" + customer + "/git/";
  }

  record GitRun(int exit, String output) {}

  private GitRun git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", tmp.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.put("GIT_AUTHOR_NAME", "Editor");
    env.put("GIT_AUTHOR_EMAIL", "editor@example.test");
    env.put("GIT_COMMITTER_NAME", "Editor");
    env.put("GIT_COMMITTER_EMAIL", "editor@example.test");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new GitRun(p.waitFor(), out);
  }

  @Test
  void anEditorClonesTheAgentsBranchesWithTheCustomersKey() throws Exception {
    GitRun clone = git(tmp, "clone", "-q", "-b", "agent-work", url("acme", acmeKey), "acme");
    assertThat(clone.exit()).as(clone.output()).isZero();
    assertThat(tmp.resolve("acme/fix.txt")).hasContent("fixed");
    assertThat(git(tmp.resolve("acme"), "rev-parse", "HEAD").output().strip()).isEqualTo(head);
    GitRun operator = git(tmp, "clone", "-q", "-b", "main", url("acme", RunningServer.KEY), "op");
    assertThat(operator.exit()).as(operator.output()).isZero();
  }

  @Test
  void withoutAKeyOrWithAnotherCustomersKeyNothingIsServed() throws Exception {
    Reply anonymous =
        api.call("GET", "/v1/customers/acme/git/info/refs?service=git-upload-pack", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"oncell\"");
    GitRun wrong = git(tmp, "clone", "-q", url("acme", globexKey), "stolen");
    assertThat(wrong.exit()).isNotZero();
    assertThat(wrong.output()).contains("403");
    GitRun bad = git(tmp, "clone", "-q", url("acme", "not-a-key"), "bad");
    assertThat(bad.exit()).isNotZero();
    assertThat(tmp.resolve("stolen/fix.txt")).doesNotExist();
  }

  @Test
  void aPushIsRefusedUnlessTheCustomerAcceptsThem() throws Exception {
    git(tmp, "clone", "-q", "-b", "agent-work", url("acme", acmeKey), "acme");
    Path acme = tmp.resolve("acme");
    Files.writeString(acme.resolve("editor.txt"), "from the editor\n");
    git(acme, "add", "editor.txt");
    git(acme, "commit", "-q", "-m", "editor");
    GitRun refused = git(acme, "push", "origin", "agent-work");
    assertThat(refused.exit()).as(refused.output()).isNotZero();
    Reply cellHead =
        api.shell("acme", "git -C repo ls-remote http://git.oncell.internal/repo.git agent-work");
    assertThat(cellHead.json().path("stdout").asText()).startsWith(head);

    String globexHead = pushFromTheCell("globex");
    git(tmp, "clone", "-q", "-b", "agent-work", url("globex", globexKey), "globex");
    Path globex = tmp.resolve("globex");
    Files.writeString(globex.resolve("editor.txt"), "from the editor\n");
    git(globex, "add", "editor.txt");
    git(globex, "commit", "-q", "-m", "editor");
    GitRun accepted = git(globex, "push", "origin", "agent-work");
    assertThat(accepted.exit()).as(accepted.output()).isZero();
    String pushed = git(globex, "rev-parse", "HEAD").output().strip();
    assertThat(pushed).isNotEqualTo(globexHead);
    Reply seen =
        api.shell(
            "globex",
            "git -C repo fetch -q origin 2>/dev/null; git ls-remote http://git.oncell.internal/repo.git agent-work");
    assertThat(seen.json().path("stdout").asText()).startsWith(pushed);
  }
}
