package dev.oncell.runtime.internal.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.git.CommitInfo;
import dev.oncell.agent.git.CommitOptions;
import dev.oncell.agent.git.DiffRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.git.GitDiff;
import dev.oncell.agent.git.GitStatus;
import dev.oncell.agent.git.Person;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.cell.LiveCell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local git operations of one repository folder of a cell, each one {@code git} script run in
 * the cell's sandbox (never host-side JGit on the cell's files). Callers check names and paths with
 * {@link GitNames} first; this class journals nothing ({@code JournaledGit} does).
 */
public final class CellGit {

  private static final String TRUNCATED = "\n[oncell: output truncated at ";
  private static final int MAX_LOG = 1000;

  private final LiveCell cell;
  private final String folder;

  /**
   * @param folder the repository's folder relative to {@code /work}, checked by {@link
   *     GitNames#folder}
   */
  public CellGit(LiveCell cell, String folder) {
    this.cell = cell;
    this.folder = folder;
  }

  public GitStatus status() {
    ShellResult r =
        run(
            "status",
            new GitScript()
                .git(
                    List.of(
                        "status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all")));
    if (r.truncated()) {
      throw GitFailures.tooLarge("status");
    }
    try {
      return GitOutput.status(r.stdout());
    } catch (GitOutput.MalformedOutputException e) {
      throw GitFailures.malformed("status", e.getMessage());
    }
  }

  public GitDiff diff(DiffRequest request) {
    GitScript script = new GitScript();
    List<String> sides = new ArrayList<>();
    switch (request.mode()) {
      case WORKING_TREE -> {}
      case STAGED -> sides.add("--cached");
      case UNCOMMITTED -> {
        script.requireCommit("HEAD");
        sides.add("HEAD");
      }
      case REFS -> {
        script
            .requireCommit(request.from().orElseThrow())
            .requireCommit(request.to().orElseThrow());
        sides.add(request.from().orElseThrow());
        sides.add(request.to().orElseThrow());
      }
      case MERGE_BASE -> {
        script
            .requireCommit(request.from().orElseThrow())
            .requireCommit(request.to().orElseThrow());
        sides.add(request.from().orElseThrow() + "..." + request.to().orElseThrow());
      }
    }
    List<String> tail = new ArrayList<>(sides);
    tail.add("--");
    tail.addAll(request.paths());
    script
        .git(diffArgs(List.of("--numstat", "-z"), tail))
        .separator()
        .git(diffArgs(List.of(), tail));
    ShellResult r = run("diff", script);
    String out = r.stdout();
    if (r.truncated()) {
      int cut = out.lastIndexOf(TRUNCATED);
      out = cut < 0 ? out : out.substring(0, cut);
    }
    int[] end = new int[1];
    try {
      List<GitDiff.FileDiff> files = GitOutput.numstat(out, end, r.truncated());
      if (end[0] < out.length() && out.charAt(end[0]) == GitScript.SEPARATOR) {
        return new GitDiff(files, out.substring(end[0] + 1), r.truncated());
      }
      if (!r.truncated()) {
        throw new GitOutput.MalformedOutputException("a diff without its patch");
      }
      return new GitDiff(files, "", true);
    } catch (GitOutput.MalformedOutputException e) {
      throw GitFailures.malformed("diff", e.getMessage());
    }
  }

  private static List<String> diffArgs(List<String> format, List<String> tail) {
    List<String> args =
        new ArrayList<>(List.of("diff", "--no-ext-diff", "--no-textconv", "--no-color", "-M"));
    args.addAll(format);
    args.addAll(tail);
    return args;
  }

  public void add(List<String> paths) {
    List<String> args = new ArrayList<>(List.of("add", "--"));
    args.addAll(paths);
    run("add", new GitScript().git(args));
  }

  public void addAll() {
    run("add", new GitScript().git(List.of("add", "-A")));
  }

  /**
   * Commits what is staged with the identities of {@code options}, else the customer's config
   * {@code git.author}, else {@link Git#DEFAULT_IDENTITY}; returns the new commit's id.
   */
  public String commit(String message, CommitOptions options, JsonNode config) {
    Person fallback = configuredIdentity(config);
    Person author = options.author().orElse(fallback);
    Person committer = options.committer().orElse(fallback);
    GitScript script = new GitScript();
    if (!options.allowEmpty()) {
      script.failIf(GitScript.NOTHING_TO_COMMIT, "diff", "--cached", "--quiet");
    }
    List<String> args =
        new ArrayList<>(List.of("commit", "-q", "--no-verify", "--cleanup=strip", "-F", "-"));
    if (options.allowEmpty()) {
      args.add("--allow-empty");
    }
    for (Person co : options.coAuthors()) {
      args.add("--trailer");
      args.add("Co-authored-by: " + co.ident());
    }
    script.git(args).git(List.of("rev-parse", "HEAD"));
    Map<String, String> env = GitScript.environment(folder);
    env.put("GIT_AUTHOR_NAME", author.name());
    env.put("GIT_AUTHOR_EMAIL", author.email());
    env.put("GIT_COMMITTER_NAME", committer.name());
    env.put("GIT_COMMITTER_EMAIL", committer.email());
    ShellResult r =
        run("commit", script, env, Optional.of(message.getBytes(StandardCharsets.UTF_8)));
    return r.stdout().strip();
  }

  /** The customer's config {@code git.author} if it is a valid person, else the default. */
  static Person configuredIdentity(JsonNode config) {
    JsonNode author = config.path("git").path("author");
    if (author.path("name").isTextual() && author.path("email").isTextual()) {
      Person person = new Person(author.path("name").asText(), author.path("email").asText());
      try {
        return GitNames.person(person, "config's git.author");
      } catch (CellException e) {
        return Git.DEFAULT_IDENTITY;
      }
    }
    return Git.DEFAULT_IDENTITY;
  }

  /** {@code invalid_limit} unless {@code max} is 1 to 1,000. */
  public static void checkMax(int max) {
    if (max < 1 || max > MAX_LOG) {
      throw CellException.invalid(
          "invalid_limit", "max must be between 1 and " + MAX_LOG + ", not " + max);
    }
  }

  public List<CommitInfo> log(String ref, int max) {
    checkMax(max);
    ShellResult r =
        run(
            "log",
            new GitScript()
                .requireCommit(ref)
                .git(
                    List.of(
                        "log",
                        "-z",
                        "--format=" + GitOutput.LOG_FORMAT,
                        "-n",
                        Integer.toString(max),
                        ref,
                        "--")));
    if (r.truncated()) {
      throw GitFailures.tooLarge("log");
    }
    try {
      return GitOutput.log(r.stdout());
    } catch (GitOutput.MalformedOutputException e) {
      throw GitFailures.malformed("log", e.getMessage());
    }
  }

  public void checkout(String ref) {
    try {
      run("checkout", new GitScript().git(List.of("checkout", "-q", ref, "--")));
    } catch (CellException e) {
      if (e.code().equals(GitCodes.UNKNOWN_PATH)
          || (e.code().equals(GitCodes.FAILED) && e.getMessage().contains("invalid reference"))) {
        throw GitFailures.unknownRef(ref);
      }
      throw e;
    }
  }

  public void createBranch(String name, Optional<String> startPoint) {
    GitScript script = new GitScript();
    startPoint.ifPresent(script::requireCommit);
    script.failIf(GitScript.BRANCH_EXISTS, "show-ref", "--verify", "-q", "refs/heads/" + name);
    List<String> args = new ArrayList<>(List.of("switch", "-q", "--no-track", "-c", name));
    startPoint.ifPresent(args::add);
    script.git(args);
    try {
      run("createBranch", script);
    } catch (CellException e) {
      if (e.code().equals(GitCodes.BRANCH_EXISTS)) {
        throw CellException.conflict(
            GitCodes.BRANCH_EXISTS, "a branch named '" + name + "' already exists");
      }
      throw e;
    }
  }

  public Optional<String> currentBranch() {
    ShellResult r =
        run(
            "currentBranch",
            new GitScript().gitOrNothing(List.of("symbolic-ref", "-q", "--short", "HEAD")));
    String name = r.stdout().strip();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  public String head() {
    ShellResult r =
        run(
            "head",
            new GitScript().requireCommit("HEAD").git(List.of("rev-parse", "HEAD^{commit}")));
    return r.stdout().strip();
  }

  private ShellResult run(String op, GitScript script) {
    return run(op, script, GitScript.environment(folder), Optional.empty());
  }

  private ShellResult run(
      String op, GitScript script, Map<String, String> env, Optional<byte[]> stdin) {
    ShellOptions options = ShellOptions.defaults().withEnv(env).withCwd(folder);
    if (stdin.isPresent()) {
      options = options.withStdin(stdin.get());
    }
    ShellResult r;
    try {
      r = cell.shell(script.text(), options);
    } catch (CellException e) {
      if (e.code().equals("invalid_cwd")) {
        throw GitFailures.notARepository(folder);
      }
      throw e;
    }
    if (r.failed()) {
      throw GitFailures.of(op, folder, r);
    }
    return r;
  }
}
