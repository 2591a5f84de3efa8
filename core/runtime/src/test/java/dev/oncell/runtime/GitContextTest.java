package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.GitAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx.git()}'s local operations against the real {@code git} in a real sandbox (the host's
 * strongest), through runs of a test agent: status, diff, add, commit, log, branches, checkout,
 * every bad input with its code and nothing changed, and a replay after a restart that runs no git
 * for the journaled steps.
 */
class GitContextTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] GIT = PluginJars.plugin("git-plugin", "1.0.0", GitAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create();
  @TempDir Path tmp;
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
    host.deployments().deploy(GIT, "production");
  }

  private void customer(String id, String config) throws Exception {
    CellInfo info =
        host.cells()
            .create(new Cells.NewCell(id, JSON.readTree(config), Optional.of("git"), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
  }

  private JsonNode call(String customer, String method, String input) throws Exception {
    RunInfo run = run(customer, method, input);
    assertThat(run.status()).as("%s: %s", method, run.error()).isEqualTo(RunStatus.SUCCEEDED);
    return run.result().orElseThrow();
  }

  private RunInfo run(String customer, String method, String input) throws Exception {
    RunInfo started = host.runs().start(customer, method, JSON.readTree(input), Optional.empty());
    return host.runs().await(started.id());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field.isEmpty() ? n.asText() : n.path(field).asText()));
    return out;
  }

  @Test
  void statusAddCommitAndLogOnARepositoryMadeInTheCell() throws Exception {
    customer(
        "acme", "{\"git\": {\"author\": {\"name\": \"Acme Bot\", \"email\": \"bot@acme.test\"}}}");
    JsonNode started = call("acme", "init", "{\"folder\": \"\"}");

    JsonNode before = started.get("before");
    assertThat(before.get("branch").asText()).isEqualTo("main");
    assertThat(before.get("head").isNull()).as("no commit yet: %s", before).isTrue();
    assertThat(texts(before.get("untracked"), "")).containsExactly("a.txt", "b file.txt");
    assertThat(started.get("after").get("entries")).isEmpty();
    assertThat(started.get("after").get("untracked")).isEmpty();

    String commit = started.get("commit").asText();
    assertThat(commit).matches("[0-9a-f]{40}");
    assertThat(started.get("head").asText()).isEqualTo(commit);
    JsonNode first = started.get("log").get(0);
    assertThat(first.get("id").asText()).isEqualTo(commit);
    assertThat(first.get("parents")).isEmpty();
    assertThat(first.get("subject").asText()).isEqualTo("First commit");
    assertThat(first.get("body").asText()).isEqualTo("With a body.");
    assertThat(first.get("author").get("name").asText())
        .as("the customer's config git.author")
        .isEqualTo("Acme Bot");
    assertThat(first.get("committer").get("email").asText()).isEqualTo("bot@acme.test");

    JsonNode changed = call("acme", "change", "null");
    JsonNode entries = changed.get("status").get("entries");
    assertThat(texts(entries, "path")).containsExactly("a.txt", "b file.txt");
    assertThat(texts(entries, "worktree")).containsExactly("MODIFIED", "DELETED");
    assertThat(texts(entries, "index")).containsExactly("UNMODIFIED", "UNMODIFIED");
    assertThat(texts(changed.get("status").get("untracked"), "")).containsExactly("new.txt");

    JsonNode unstaged = changed.get("unstaged");
    assertThat(texts(unstaged.get("files"), "path")).containsExactly("a.txt", "b file.txt");
    assertThat(unstaged.get("files").get(0).get("added").asInt()).isEqualTo(2);
    assertThat(unstaged.get("files").get(0).get("deleted").asInt()).isEqualTo(1);
    assertThat(unstaged.get("patch").asText()).contains("-two\n+TWO\n", "+four\n");
    assertThat(texts(changed.get("staged").get("files"), "path"))
        .containsExactly("a.txt", "b file.txt", "new.txt");

    JsonNode second = changed.get("log").get(0);
    assertThat(second.get("id").asText()).isEqualTo(changed.get("commit").asText());
    assertThat(texts(second.get("parents"), "")).containsExactly(commit);
    assertThat(second.get("author").get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(second.get("committer").get("name").asText())
        .as("the committer stays the configured one")
        .isEqualTo("Acme Bot");
    assertThat(second.get("body").asText())
        .isEqualTo("Co-authored-by: Grace Hopper <grace@example.com>");
    assertThat(changed.get("between").get("patch").asText())
        .isEqualTo(changed.get("staged").get("patch").asText());
  }

  @Test
  void branchesCheckoutAndMergeBaseDiffs() throws Exception {
    customer("acme", "{}");
    JsonNode started = call("acme", "init", "{\"folder\": \"\"}");
    assertThat(started.get("log").get(0).get("author").get("email").asText())
        .as("the documented default identity")
        .isEqualTo("agent@oncell.invalid");

    RunInfo run = run("acme", "branch", "null");
    assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode branched = run.result().orElseThrow();
    String expected = "oncell/git/" + run.id().substring(2, 10);
    assertThat(branched.get("runBranch").asText()).isEqualTo(expected);
    assertThat(branched.get("onBranch").asText()).isEqualTo(expected);
    assertThat(branched.get("afterCheckout").asText()).isEqualTo("main");
    assertThat(texts(branched.get("sinceBase").get("files"), "path"))
        .as("base...head shows only what the branch changed")
        .containsExactly("feature.txt");
    assertThat(texts(branched.get("between").get("files"), "path"))
        .as("base head also shows what main changed since")
        .containsExactly("feature.txt", "main-only.txt");
    assertThat(branched.get("detached").isNull()).as("a commit id detaches HEAD").isTrue();
    assertThat(host.runs().journal(run.id()))
        .filteredOn(s -> s.kind().equals("git"))
        .extracting(RunStep::name)
        .contains("createBranch", "currentBranch", "commit", "checkout", "diff");
  }

  @Test
  void aRepositoryInASubFolder() throws Exception {
    customer("acme", "{}");
    JsonNode started = call("acme", "init", "{\"folder\": \"svc/api\"}");
    assertThat(started.get("commit").asText()).matches("[0-9a-f]{40}");
    assertThat(oncell.home().resolve("cells/acme/work/svc/api/.git")).isDirectory();
    assertThat(oncell.home().resolve("cells/acme/work/.git")).doesNotExist();
  }

  private JsonNode probe(String op, String arg) throws Exception {
    return call("acme", "probe", JSON.createObjectNode().put("op", op).put("arg", arg).toString());
  }

  @Test
  void everyBadInputHasItsCodeAndChangesNothing() throws Exception {
    customer("acme", "{}");
    String commit = call("acme", "init", "{\"folder\": \"\"}").get("commit").asText();
    String[][] cases = {
      {"checkout", "no-such-branch", "git_unknown_ref"},
      {"checkout", "-b evil", "invalid_ref"},
      {"checkout", "main..other", "invalid_ref"},
      {"createBranch", "bad name", "invalid_ref"},
      {"createBranch", "ends.lock", "invalid_ref"},
      {"createBranch", "$(touch pwned)", "invalid_ref"},
      {"createBranch", "main", "git_branch_exists"},
      {"createBranchAt", "nowhere", "git_unknown_ref"},
      {"log", "nowhere", "git_unknown_ref"},
      {"log", "--all", "invalid_ref"},
      {"logMax", "0", "invalid_limit"},
      {"diff", "deadbeef", "git_unknown_ref"},
      {"diffPath", "../outside", "invalid_path"},
      {"diffPath", "/etc/passwd", "invalid_path"},
      {"add", "missing.txt", "git_unknown_path"},
      {"add", "a/../../x", "invalid_path"},
      {"commit", "nothing staged", "git_nothing_to_commit"},
      {"commit", "  ", "invalid_commit_message"},
      {"author", "Evil <x@y>\nInjected", "invalid_identity"},
      {"at", "not-a-repo", "git_not_a_repository"},
      {"at", "../..", "invalid_path"},
      {"push", "bad name", "invalid_ref"},
      {"pushRemote", "../origin", "invalid_ref"},
      {"cloneInto", "../elsewhere", "invalid_path"},
    };
    for (String[] c : cases) {
      JsonNode outcome = probe(c[0], c[1]);
      assertThat(outcome.get("code").asText()).as("%s %s: %s", c[0], c[1], outcome).isEqualTo(c[2]);
      assertThat(outcome.get("status").get("entries"))
          .as("%s %s changed nothing", c[0], c[1])
          .isEmpty();
      assertThat(outcome.get("status").get("untracked")).as("%s %s", c[0], c[1]).isEmpty();
      assertThat(outcome.get("status").get("branch").asText()).isEqualTo("main");
      assertThat(outcome.get("head").asText()).isEqualTo(commit);
      assertThat(outcome.get("message").asText()).doesNotContain(oncell.home().toString());
    }
    assertThat(oncell.home().resolve("cells/acme/work/pwned")).doesNotExist();
  }

  @Test
  void aCheckoutThatWouldOverwriteLocalChangesIsAConflict() throws Exception {
    customer("acme", "{}");
    call("acme", "init", "{\"folder\": \"\"}");
    call("acme", "change", "null"); // a.txt differs between HEAD~1 and HEAD
    JsonNode dirty = probe("write", "a.txt");
    assertThat(dirty.get("code").asText()).isEqualTo("ok");
    JsonNode outcome = probe("checkout", "HEAD~1");
    assertThat(outcome.get("code").asText()).as("%s", outcome).isEqualTo("git_conflict");
    assertThat(outcome.get("head").asText()).isEqualTo(dirty.get("head").asText());
    assertThat(outcome.get("status")).isEqualTo(dirty.get("status"));
    assertThat(oncell.home().resolve("cells/acme/work/a.txt")).hasContent("changed\n");
  }

  @Test
  void aRepositoryConfigThatTriesToRunCommandsIsNotHeeded() throws Exception {
    customer("acme", "{}");
    call("acme", "init", "{\"folder\": \"\"}");
    JsonNode hostile = call("acme", "hostile", "null");
    assertThat(hostile.get("ranThroughCtxGit").asText())
        .as("no hook, fsmonitor, external diff, textconv or pager ran")
        .isEmpty();
    assertThat(hostile.get("ranThroughPlainGit").asText())
        .as("the control: the traps are live for plain git in the cell")
        .contains("ran-external", "ran-hook");
    assertThat(texts(hostile.get("status").get("untracked"), ""))
        .as("untracked files listed and paths unquoted despite the config")
        .contains("ünïcode.txt", "evil.sh", ".gitattributes");
    assertThat(hostile.get("diff").get("patch").asText())
        .startsWith("diff --git a/a.txt b/a.txt")
        .contains("+four")
        .doesNotContain("\u001b[");
    assertThat(hostile.get("commit").asText()).matches("[0-9a-f]{40}");
    assertThat(hostile.get("log").get(0).get("subject").asText()).isEqualTo("Despite the config");
  }

  @Test
  void aDiffLargerThanTheOutputCapIsCutButListsEveryFile() throws Exception {
    customer("acme", "{}");
    call("acme", "init", "{\"folder\": \"\"}");
    JsonNode big = call("acme", "big", "null");
    assertThat(big.get("diff").get("truncated").asBoolean()).isTrue();
    assertThat(big.get("files").asInt()).isEqualTo(2);
    assertThat(big.get("diff").get("files").get(0).get("added").asInt()).isEqualTo(40_000);
    assertThat(big.get("diff").get("patch").asText())
        .startsWith("diff --git a/big.txt b/big.txt")
        .doesNotContain("[oncell: output truncated");
  }

  @Test
  void aRestartedRunReplaysGitStepsFromTheJournal() throws Exception {
    customer("acme", "{}");
    call("acme", "init", "{\"folder\": \"\"}");
    Path counter = tmp.resolve("counter");
    Path gate = tmp.resolve("gate");
    RunInfo run =
        host.runs()
            .start(
                "acme",
                "replay",
                JSON.createObjectNode()
                    .put("counter", counter.toString())
                    .put("gate", gate.toString()),
                Optional.empty());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(counter)) {
      assertThat(System.nanoTime()).as("the run never reached its hold").isLessThan(deadline);
      Thread.sleep(20);
    }
    oncell.stop();
    // While the host is down the working tree changes: a replayed status must not see it.
    Files.writeString(oncell.home().resolve("cells/acme/work/later.txt"), "later\n");
    Files.createFile(gate);
    host = oncell.open();
    RunInfo done = host.runs().await(run.id());

    assertThat(done.status()).as("%s", done.error()).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode result = done.result().orElseThrow();
    assertThat(result.get("journaled").get("untracked")).as("the recorded status").isEmpty();
    assertThat(texts(result.get("live").get("untracked"), ""))
        .as("the first step after the journal runs for real")
        .containsExactly("later.txt");
    assertThat(result.get("commits").asInt()).as("the commit was not made twice").isEqualTo(2);
    assertThat(result.get("commit").asText()).matches("[0-9a-f]{40}");
  }
}
