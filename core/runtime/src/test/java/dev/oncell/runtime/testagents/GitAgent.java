package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.git.CommitInfo;
import dev.oncell.agent.git.CommitOptions;
import dev.oncell.agent.git.DiffRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitDiff;
import dev.oncell.agent.git.GitStatus;
import dev.oncell.agent.git.Person;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A test agent for {@code ctx.git()}: local work on a repository it makes. Its name is {@code git}.
 */
@Extension
public class GitAgent extends Agent {

  private static void write(Context ctx, String path, String text) {
    ctx.store().write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public record Started(
      GitStatus before, String commit, GitStatus after, List<CommitInfo> log, String head) {}

  /** Makes a repository in {@code /work} (or {@code folder}) with a first commit of two files. */
  public Started init(Context ctx, Folder folder) {
    String at = folder.folder().isEmpty() ? "" : folder.folder() + "/";
    ctx.shell("mkdir -p ./" + at + " && cd ./" + at + " && git init -q -b main .");
    write(ctx, at + "a.txt", "one\ntwo\nthree\n");
    write(ctx, at + "b file.txt", "bee\n");
    Git git = folder.folder().isEmpty() ? ctx.git() : ctx.git().at(folder.folder());
    GitStatus before = git.status();
    git.addAll();
    String commit = git.commit("First commit\n\nWith a body.", CommitOptions.defaults());
    return new Started(before, commit, git.status(), git.log("HEAD", 10), git.head());
  }

  public record Folder(String folder) {}

  public record Changed(
      GitStatus status,
      GitDiff unstaged,
      GitDiff staged,
      String commit,
      GitDiff between,
      List<CommitInfo> log) {}

  /** Changes a file, adds one, deletes one; stages part of it, commits, diffs. */
  public Changed change(Context ctx) {
    Git git = ctx.git();
    write(ctx, "a.txt", "one\nTWO\nthree\nfour\n");
    write(ctx, "new.txt", "fresh\n");
    ctx.store().delete("b file.txt", false);
    GitStatus status = git.status();
    GitDiff unstaged = git.diff();
    git.add(List.of("a.txt", "new.txt", "b file.txt"));
    GitDiff staged = git.diff(DiffRequest.staged());
    String commit =
        git.commit(
            "Second commit",
            CommitOptions.defaults()
                .withAuthor(new Person("Ada Lovelace", "ada@example.com"))
                .withCoAuthors(List.of(new Person("Grace Hopper", "grace@example.com"))));
    return new Changed(
        status,
        unstaged,
        staged,
        commit,
        git.diff(DiffRequest.between("HEAD~1", "HEAD")),
        git.log("HEAD", 10));
  }

  public record Branched(
      String runBranch,
      Optional<String> onBranch,
      String branchCommit,
      Optional<String> afterCheckout,
      GitDiff sinceBase,
      GitDiff between,
      Optional<String> detached) {}

  /** Works on the run's branch, goes back to main, compares. */
  public Branched branch(Context ctx) {
    Git git = ctx.git();
    String branch = git.runBranch();
    git.createBranch(branch, Optional.empty());
    Optional<String> onBranch = git.currentBranch();
    write(ctx, "feature.txt", "feature\n");
    git.add(List.of("feature.txt"));
    String commit = git.commit("Feature");
    git.checkout("main");
    Optional<String> afterCheckout = git.currentBranch();
    write(ctx, "main-only.txt", "main\n");
    git.add(List.of("main-only.txt"));
    git.commit("Main moves on");
    GitDiff sinceBase = git.diff(DiffRequest.sinceMergeBase("main", branch));
    GitDiff between = git.diff(DiffRequest.between("main", branch));
    git.checkout(commit);
    Optional<String> detached = git.currentBranch();
    git.checkout("main");
    return new Branched(branch, onBranch, commit, afterCheckout, sinceBase, between, detached);
  }

  /** One call with bad input: its code, or "ok". */
  public record Probe(String op, String arg) {}

  public record Outcome(String code, String message, GitStatus status, String head) {}

  public Outcome probe(Context ctx, Probe probe) {
    Git git = ctx.git();
    String code = "ok";
    String message = "";
    try {
      switch (probe.op()) {
        case "checkout" -> git.checkout(probe.arg());
        case "createBranch" -> git.createBranch(probe.arg());
        case "createBranchAt" -> git.createBranch("fresh", Optional.of(probe.arg()));
        case "log" -> git.log(probe.arg(), 5);
        case "logMax" -> git.log("HEAD", Integer.parseInt(probe.arg()));
        case "diff" -> git.diff(DiffRequest.between(probe.arg(), "HEAD"));
        case "diffPath" -> git.diff(DiffRequest.workingTree().withPaths(List.of(probe.arg())));
        case "add" -> git.add(List.of(probe.arg()));
        case "commit" -> git.commit(probe.arg());
        case "author" ->
            git.commit("x", CommitOptions.defaults().withAuthor(new Person(probe.arg(), "a@b")));
        case "at" -> git.at(probe.arg()).status();
        case "push" -> git.push("origin", probe.arg());
        case "pushRemote" -> git.push(probe.arg(), "main");
        case "cloneInto" ->
            git.clone(
                "https://example.com/x.git",
                dev.oncell.agent.git.CloneOptions.defaults().withInto(probe.arg()));
        case "write" -> write(ctx, probe.arg(), "changed\n");
        default -> throw new IllegalArgumentException("no op " + probe.op());
      }
    } catch (RuntimeException e) {
      code = e instanceof Failure f ? f.code() : e.getClass().getSimpleName();
      message = String.valueOf(e.getMessage());
    }
    return new Outcome(code, message, git.status(), git.head());
  }

  public record Hostile(
      GitStatus status,
      GitDiff diff,
      String commit,
      List<CommitInfo> log,
      String ranThroughCtxGit,
      String ranThroughPlainGit) {}

  /**
   * The cell's own repository config tries to run commands (hooks, fsmonitor, external diff, pager,
   * aliases) and to change output formats; ctx.git() calls must not run or heed them.
   */
  public Hostile hostile(Context ctx) {
    ShellResult trap =
        ctx.shell(
            "printf '#!/bin/sh\\ntouch /work/ran-$1\\nexit 1\\n' > evil.sh && chmod +x evil.sh"
                + " && mkdir -p hooks && for h in pre-commit commit-msg post-commit; do"
                + " printf '#!/bin/sh\\ntouch /work/ran-hook\\nexit 1\\n' > hooks/$h;"
                + " chmod +x hooks/$h; done"
                + " && git config core.hooksPath /work/hooks"
                + " && git config core.fsmonitor '/work/evil.sh fsmonitor'"
                + " && git config diff.external '/work/evil.sh external'"
                + " && git config core.pager '/work/evil.sh pager'"
                + " && git config core.quotePath true && git config diff.noprefix true"
                + " && git config log.showSignature true && git config commit.gpgSign true"
                + " && git config status.showUntrackedFiles no && git config color.ui always"
                + " && printf '* diff=evil\\n' > .gitattributes"
                + " && git config diff.evil.textconv '/work/evil.sh textconv'");
    if (trap.failed()) {
      throw new IllegalStateException("could not set the trap: " + trap.stderr());
    }
    write(ctx, "a.txt", "one\ntwo\nthree\nfour\n");
    write(ctx, "ünïcode.txt", "u\n");
    Git git = ctx.git();
    GitStatus status = git.status();
    GitDiff diff = git.diff();
    git.addAll();
    String commit = git.commit("Despite the config");
    List<CommitInfo> log = git.log("HEAD", 5);
    String ran = ctx.shell("ls /work | grep '^ran-' || true").stdout();
    // The control: plain git in the same cell does run what the config says.
    String control =
        ctx.shell(
                "echo x >> a.txt; git diff >/dev/null 2>&1; git -c user.name=x -c user.email=x@x commit -qam x >/dev/null 2>&1;"
                    + " ls /work | grep '^ran-' || true")
            .stdout();
    return new Hostile(status, diff, commit, log, ran, control);
  }

  public record Big(GitDiff diff, int files) {}

  /** A working-tree diff larger than the shell's output cap. */
  public Big big(Context ctx) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      text.append("line ").append(i).append(" of a long file\n");
    }
    write(ctx, "big.txt", "small\n");
    write(ctx, "other.txt", "small\n");
    ctx.git().addAll();
    ctx.git().commit("Small files");
    write(ctx, "big.txt", text.toString());
    write(ctx, "other.txt", "changed\n");
    GitDiff diff = ctx.git().diff();
    return new Big(diff, diff.files().size());
  }

  public record Hold(String counter, String gate) {}

  public record Replayed(String commit, GitStatus journaled, GitStatus live, int commits) {}

  /** Commits, then holds until the gate exists (a restart happens meanwhile), then looks again. */
  public Replayed replay(Context ctx, Hold hold) {
    Git git = ctx.git();
    write(ctx, "r.txt", "replayed\n");
    git.addAll();
    String commit = git.commit("Before the restart");
    GitStatus journaled = git.status();
    ctx.step(
        "hold",
        String.class,
        () -> {
          try {
            Files.writeString(Path.of(hold.counter()), "holding\n");
            while (!Files.exists(Path.of(hold.gate()))) {
              Thread.sleep(20);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return "passed";
        });
    return new Replayed(commit, journaled, git.status(), git.log("HEAD", 100).size());
  }
}
