package dev.oncell.runtime.internal.git;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.FetchResult;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.git.PushOptions;
import dev.oncell.agent.git.PushResult;
import dev.oncell.agent.git.RefUpdate;
import dev.oncell.git.GitException;
import dev.oncell.git.GitProgress;
import dev.oncell.git.RepoUrl;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.mirror.CellRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clone, fetch and push through the cell's repository on the host ({@link CellRepository}): the
 * host moves objects between the upstream and its mirror with the customer's credential, and the
 * cell's own {@code git} moves them between the mirror and {@code /work} through the relay, whose
 * URL ({@link CellRepository#RELAY_URL}) is the cell's {@code origin}. So nothing in the cell
 * carries a credential, and {@code git fetch} or {@code git push} typed in the cell's shell take
 * the same path.
 */
public final class HostRemoteGit implements RemoteGit {

  private static final Pattern PULL =
      Pattern.compile("(?:refs/)?(pull|merge-requests)/([0-9]{1,9})/head");
  private static final Pattern PORCELAIN =
      Pattern.compile("^([ +\\-*=!])\\t([^:\\t]+):([^\\t]+)\\t(.*)$", Pattern.MULTILINE);

  @Override
  public CloneResult clone(
      LiveCell cell, String folder, String url, CloneOptions options, Progress progress) {
    RepoUrl upstream = parse(url);
    cell.repository(repo -> repo.adoptUpstream(upstream, progress(progress)));
    String target = folder.isEmpty() ? "." : folder;
    List<String> args = new ArrayList<>(List.of("clone", "--quiet", "--no-checkout"));
    options.branch().ifPresent(b -> args.addAll(List.of("--branch", b)));
    if (options.depth().isPresent()) {
      args.addAll(List.of("--depth", String.valueOf(options.depth().getAsInt())));
    }
    args.addAll(List.of(CellRepository.RELAY_URL, target));
    GitScript script =
        GitScript.outsideRepository()
            .raw(
                "[ ! -e "
                    + ShellQuote.quote(target)
                    + " ] || [ -z \"$(ls -A "
                    + ShellQuote.quote(target)
                    + ")\" ] || exit "
                    + GitScript.NOT_EMPTY)
            .git(args)
            .raw("cd " + ShellQuote.quote(target) + " || exit 1")
            .git(List.of("checkout", "--quiet"))
            .git(List.of("rev-parse", "HEAD"))
            .gitOrNothing(List.of("symbolic-ref", "--short", "-q", "HEAD"));
    ShellResult r = cell.repository(repo -> repo.withoutRelayRefresh(() -> run(cell, "", script)));
    if (r.exitCode() == GitScript.NOT_EMPTY) {
      throw new CellException(
          ErrorKind.CONFLICT,
          "git_destination_not_empty",
          "cannot clone into '" + (folder.isEmpty() ? "/work" : folder) + "': it is not empty");
    }
    failOn(cell, "clone", folder, r);
    String[] lines = r.stdout().strip().split("\n");
    String head = lines[0].strip();
    String branch = lines.length > 1 ? lines[1].strip() : "";
    return new CloneResult(folder, branch, head);
  }

  @Override
  public FetchResult fetch(
      LiveCell cell, String folder, String remote, List<String> refspecs, Progress progress) {
    List<String> mirrorSpecs = new ArrayList<>();
    for (String spec : refspecs) {
      mirrorSpecs.add(mirrorSpec(spec));
    }
    cell.repository(
        repo ->
            repo.upstream().isPresent()
                ? repo.fetchUpstream(mirrorSpecs, progress(progress))
                : null);
    List<String> args = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags", remote));
    args.addAll(refspecs);
    List<String> refs = List.of("for-each-ref", "--format=%(refname) %(objectname)");
    GitScript script = new GitScript().git(refs).separator().git(args).separator().git(refs);
    ShellResult r =
        cell.repository(repo -> repo.withoutRelayRefresh(() -> run(cell, folder, script)));
    failOn(cell, "fetch", folder, r);
    String[] parts = r.stdout().split(String.valueOf(GitScript.SEPARATOR), -1);
    if (parts.length != 3) {
      throw GitFailures.malformed("fetch", "its ref listing");
    }
    Map<String, String> before = refMap(parts[0]);
    List<RefUpdate> updated = new ArrayList<>();
    refMap(parts[2])
        .forEach(
            (ref, id) -> {
              if (!id.equals(before.get(ref))) {
                updated.add(new RefUpdate(ref, Optional.ofNullable(before.get(ref)), id));
              }
            });
    return new FetchResult(remote, updated);
  }

  @Override
  public PushResult push(
      LiveCell cell, String folder, String remote, String branch, PushOptions options) {
    String ref = "refs/heads/" + branch;
    String commit = localCommit(cell, folder, branch);
    List<String> args = new ArrayList<>(List.of("push", "--porcelain"));
    options
        .forceWithLease()
        .ifPresent(lease -> args.add("--force-with-lease=" + ref + ":" + lease));
    args.addAll(List.of(remote, ref + ":" + ref));
    cell.repository(repo -> repo.takeRelayFailure()); // forget an earlier exchange's failure
    ShellResult r = run(cell, folder, new GitScript().requireRemote(remote).gitOrNothing(args));
    if (r.exitCode() == GitScript.UNKNOWN_REMOTE) {
      throw unknownRemote(remote);
    }
    Optional<CellException> relayed = cell.repository(CellRepository::takeRelayFailure);
    Matcher m = PORCELAIN.matcher(r.stdout());
    String flag = "";
    String summary = "";
    while (m.find()) {
      if (m.group(3).equals(ref)) {
        flag = m.group(1);
        summary = m.group(4);
      }
    }
    if (relayed.isPresent()) {
      throw relayed.get();
    }
    return switch (flag) {
      case "*" -> new PushResult(remote, branch, commit, PushResult.Status.CREATED);
      case " " -> new PushResult(remote, branch, commit, PushResult.Status.FAST_FORWARD);
      case "+" -> new PushResult(remote, branch, commit, PushResult.Status.FORCED);
      case "=" -> new PushResult(remote, branch, commit, PushResult.Status.UP_TO_DATE);
      case "!" -> throw rejected(cell, branch, summary);
      default -> throw GitFailures.of("push", folder, r);
    };
  }

  @Override
  public Optional<PushResult> alreadyPushed(
      LiveCell cell, String folder, String remote, String branch) {
    String commit = localCommit(cell, folder, branch);
    String ref = "refs/heads/" + branch;
    Optional<String> there =
        cell.repository(
            repo ->
                repo.upstream().isPresent()
                    ? Optional.ofNullable(repo.lsUpstream().get(ref))
                    : repo.mirror().resolve(ref));
    return there
        .filter(commit::equals)
        .map(c -> new PushResult(remote, branch, c, PushResult.Status.UP_TO_DATE));
  }

  /** {@code refname objectname} lines as a map sorted by ref name. */
  private static Map<String, String> refMap(String listing) {
    Map<String, String> refs = new TreeMap<>();
    for (String line : listing.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space > 0) {
        refs.put(line.substring(0, space), line.substring(space + 1).strip());
      }
    }
    return refs;
  }

  private static String localCommit(LiveCell cell, String folder, String branch) {
    String ref = "refs/heads/" + branch;
    ShellResult r =
        run(
            cell,
            folder,
            new GitScript().requireCommit(ref).git(List.of("rev-parse", ref + "^{commit}")));
    if (r.exitCode() == GitScript.UNKNOWN_REF) {
      throw GitFailures.unknownRef(branch);
    }
    failOn(cell, "push", folder, r);
    return r.stdout().strip();
  }

  private static CellException rejected(LiveCell cell, String branch, String summary) {
    Optional<String> head = cell.repository(repo -> repo.mirror().resolve("refs/heads/" + branch));
    boolean stale = summary.contains("stale info");
    return new CellException(
        ErrorKind.CONFLICT,
        stale ? "git_push_stale" : "git_push_rejected",
        "the remote refused the push of "
            + branch
            + " ("
            + summary.strip()
            + ")"
            + head.map(h -> "; its head is " + h).orElse("")
            + (stale ? "" : "; fetch, rebase or merge, and push again"));
  }

  /** The mirror's refspec for what the agent fetches: the upstream's ref under its own name. */
  static String mirrorSpec(String spec) {
    String src = spec.startsWith("+") ? spec.substring(1) : spec;
    int colon = src.indexOf(':');
    if (colon >= 0) {
      src = src.substring(0, colon);
    }
    Matcher pull = PULL.matcher(src);
    String ref;
    if (pull.matches()) {
      ref = "refs/" + pull.group(1) + "/" + pull.group(2) + "/head";
    } else if (src.startsWith("refs/")) {
      ref = src;
    } else {
      ref = "refs/heads/" + src;
    }
    if (GitNames.refProblem(ref) != null) {
      throw new CellException(
          ErrorKind.INVALID, GitCodes.INVALID_REF, "not a refspec git can fetch: '" + spec + "'");
    }
    return "+" + ref + ":" + ref;
  }

  private static RepoUrl parse(String url) {
    try {
      return RepoUrl.parse(url);
    } catch (GitException e) {
      throw new CellException(ErrorKind.INVALID, e.code(), e.getMessage(), e);
    }
  }

  private static GitProgress progress(Progress progress) {
    return (task, done, total) ->
        progress.update(task, total > 0 ? (int) Math.min(100, done * 100L / total) : -1);
  }

  private static ShellResult run(LiveCell cell, String folder, GitScript script) {
    ShellOptions options =
        ShellOptions.defaults().withEnv(GitScript.environment(folder)).withCwd(folder);
    return cell.shell(script.text(), options);
  }

  /**
   * A failed transfer: the relay's own failure (the upstream's answer, with its code) when there
   * was one, else git's.
   */
  private static void failOn(LiveCell cell, String op, String folder, ShellResult r) {
    Optional<CellException> relayed = cell.repository(CellRepository::takeRelayFailure);
    if (!r.failed()) {
      return;
    }
    if (relayed.isPresent()) {
      throw relayed.get();
    }
    String err = r.stderr().toLowerCase(Locale.ROOT);
    if (r.exitCode() == GitScript.NOT_A_REPOSITORY) {
      throw GitFailures.notARepository(folder);
    }
    if (r.exitCode() == GitScript.UNKNOWN_REMOTE) {
      throw unknownRemote("origin");
    }
    if (err.contains("not found in upstream") || err.contains("couldn't find remote ref")) {
      throw new CellException(
          ErrorKind.NOT_FOUND,
          GitCodes.UNKNOWN_REF,
          "the remote has no such branch or ref: " + firstLine(r.stderr()));
    }
    if (err.contains("no space left on device") || err.contains("disk quota exceeded")) {
      throw new CellException(
          ErrorKind.STORAGE_FULL,
          "disk_full",
          "the " + op + " does not fit in the cell's disk: " + firstLine(r.stderr()));
    }
    throw GitFailures.of(op, folder, r);
  }

  private static CellException unknownRemote(String remote) {
    return new CellException(
        ErrorKind.NOT_FOUND,
        "git_unknown_remote",
        "this repository has no remote '"
            + remote
            + "': clone one with ctx.git().clone(url), whose origin is the cell's repository");
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
