package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.StepOptions;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.CommitInfo;
import dev.oncell.agent.git.CommitOptions;
import dev.oncell.agent.git.DiffRequest;
import dev.oncell.agent.git.FetchResult;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitDiff;
import dev.oncell.agent.git.GitStatus;
import dev.oncell.agent.git.Person;
import dev.oncell.agent.git.PushOptions;
import dev.oncell.agent.git.PushResult;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.git.CellGit;
import dev.oncell.runtime.internal.git.GitNames;
import dev.oncell.runtime.internal.git.RemoteGit;
import dev.oncell.runtime.internal.store.Json;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ctx.git()}: each call one journaled step of kind {@code git}, named after the operation,
 * whose request is its canonical arguments (with the folder); a replay returns the recorded result
 * and runs no git. Names and paths are checked before the step, so a bad one fails with its code,
 * journals nothing and changes nothing. A push is a side effect with a reconcile check.
 */
final class JournaledGit implements Git {

  private static final TypeReference<Optional<String>> OPTIONAL_STRING = new TypeReference<>() {};
  private static final TypeReference<List<CommitInfo>> COMMITS = new TypeReference<>() {};

  private final ChokePoint steps;
  private final LiveCell cell;
  private final RemoteGit remote;
  private final String folder;
  private final Supplier<String> runBranch;
  private final RemoteGit.Progress progress;

  JournaledGit(
      ChokePoint steps,
      LiveCell cell,
      RemoteGit remote,
      String folder,
      Supplier<String> runBranch,
      RemoteGit.Progress progress) {
    this.steps = steps;
    this.cell = cell;
    this.remote = remote;
    this.folder = folder;
    this.runBranch = runBranch;
    this.progress = progress;
  }

  /**
   * The run's branch: {@code oncell/<agent>/<first 8 characters of the run id after its r->}.
   * {@code invalid_ref} for an agent whose name cannot be part of a branch name.
   */
  static String runBranch(String agentName, String runId) {
    String id = runId.startsWith("r-") ? runId.substring(2) : runId;
    return GitNames.branch("oncell/" + agentName + "/" + id.substring(0, Math.min(8, id.length())));
  }

  private CellGit local() {
    return new CellGit(cell, folder);
  }

  private ObjectNode request() {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("folder", folder);
    return request;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  @Override
  public String folder() {
    return folder;
  }

  @Override
  public Git at(String sub) {
    Objects.requireNonNull(sub, "folder");
    return new JournaledGit(steps, cell, remote, GitNames.folder(folder, sub), runBranch, progress);
  }

  @Override
  public CloneResult clone(String url, CloneOptions options) {
    Objects.requireNonNull(url, "url");
    options.branch().ifPresent(GitNames::branch);
    String into = GitNames.folder(folder, GitNames.path(options.into()));
    ObjectNode request = request();
    request.put("url", url);
    request.put("branch", options.branch().orElse(""));
    request.put("depth", options.depth().orElse(0));
    request.put("into", into);
    return steps.call(
        "git",
        "clone",
        request,
        CloneResult.class,
        () -> remote.clone(cell, into, url, options, progress));
  }

  @Override
  public FetchResult fetch(String remoteName, List<String> refspecs) {
    GitNames.remote(remoteName);
    List<String> specs = List.copyOf(refspecs);
    ObjectNode request = request();
    request.put("remote", remoteName);
    request.set("refspecs", strings(specs));
    return steps.call(
        "git",
        "fetch",
        request,
        FetchResult.class,
        () -> remote.fetch(cell, folder, remoteName, specs, progress));
  }

  @Override
  public PushResult push(String remoteName, String branch, PushOptions options) {
    GitNames.remote(remoteName);
    GitNames.branch(branch);
    options.forceWithLease().ifPresent(GitNames::revision);
    ObjectNode request = request();
    request.put("remote", remoteName);
    request.put("branch", branch);
    request.put("forceWithLease", options.forceWithLease().orElse(""));
    StepOptions side =
        StepOptions.defaults()
            .sideEffect("git.push:" + folder + ":" + remoteName + ":" + branch)
            .reconcile(() -> remote.alreadyPushed(cell, folder, remoteName, branch));
    return steps.call(
        "git",
        "push",
        request,
        steps.type(PushResult.class),
        side,
        () -> remote.push(cell, folder, remoteName, branch, options));
  }

  @Override
  public void checkout(String ref) {
    GitNames.revision(ref);
    ObjectNode request = request();
    request.put("ref", ref);
    steps.callVoid("git", "checkout", request, () -> local().checkout(ref));
  }

  @Override
  public void createBranch(String name, Optional<String> startPoint) {
    GitNames.branch(name);
    startPoint.ifPresent(GitNames::revision);
    ObjectNode request = request();
    request.put("name", name);
    request.put("startPoint", startPoint.orElse(""));
    steps.callVoid("git", "createBranch", request, () -> local().createBranch(name, startPoint));
  }

  @Override
  public Optional<String> currentBranch() {
    return steps.call(
        "git", "currentBranch", request(), OPTIONAL_STRING, () -> local().currentBranch());
  }

  @Override
  public String head() {
    return steps.call("git", "head", request(), String.class, () -> local().head());
  }

  @Override
  public GitStatus status() {
    return steps.call("git", "status", request(), GitStatus.class, () -> local().status());
  }

  @Override
  public GitDiff diff(DiffRequest diff) {
    diff.from().ifPresent(GitNames::revision);
    diff.to().ifPresent(GitNames::revision);
    List<String> paths = diff.paths().stream().map(GitNames::path).toList();
    DiffRequest checked = diff.withPaths(paths);
    ObjectNode request = request();
    request.put("mode", diff.mode().name());
    request.put("from", diff.from().orElse(""));
    request.put("to", diff.to().orElse(""));
    request.set("paths", strings(paths));
    return steps.call("git", "diff", request, GitDiff.class, () -> local().diff(checked));
  }

  @Override
  public void add(List<String> paths) {
    if (paths.isEmpty()) {
      throw CellException.invalid(
          "invalid_path", "add needs at least one path (addAll() stages everything)");
    }
    List<String> checked = paths.stream().map(GitNames::path).toList();
    ObjectNode request = request();
    request.set("paths", strings(checked));
    steps.callVoid("git", "add", request, () -> local().add(checked));
  }

  @Override
  public void addAll() {
    steps.callVoid("git", "addAll", request(), () -> local().addAll());
  }

  @Override
  public String commit(String message, CommitOptions options) {
    Objects.requireNonNull(message, "message");
    if (message.isBlank() || message.indexOf(0) >= 0) {
      throw CellException.invalid(
          "invalid_commit_message", "a commit message must have text and no NUL character");
    }
    options.author().ifPresent(p -> GitNames.person(p, "author"));
    options.committer().ifPresent(p -> GitNames.person(p, "committer"));
    options.coAuthors().forEach(p -> GitNames.person(p, "co-author"));
    ObjectNode request = request();
    request.put("message", message);
    request.set("options", Json.MAPPER.valueToTree(identities(options)));
    return steps.call(
        "git",
        "commit",
        request,
        String.class,
        () -> local().commit(message, options, cell.info().config()));
  }

  /** The options as plain JSON, independent of the agent's mapper. */
  private static List<String> identities(CommitOptions options) {
    return List.of(
        options.author().map(Person::ident).orElse(""),
        options.committer().map(Person::ident).orElse(""),
        String.join("\n", options.coAuthors().stream().map(Person::ident).toList()),
        Boolean.toString(options.allowEmpty()));
  }

  @Override
  public List<CommitInfo> log(String ref, int max) {
    GitNames.revision(ref);
    CellGit.checkMax(max);
    ObjectNode request = request();
    request.put("ref", ref);
    request.put("max", max);
    return steps.call("git", "log", request, COMMITS, () -> local().log(ref, max));
  }

  @Override
  public String runBranch() {
    return runBranch.get();
  }
}
