package dev.oncell.git.internal;

import dev.oncell.git.FetchResult;
import dev.oncell.git.GitCredential;
import dev.oncell.git.GitException;
import dev.oncell.git.GitException.Kind;
import dev.oncell.git.GitProgress;
import dev.oncell.git.HostMirror;
import dev.oncell.git.PushResult;
import dev.oncell.git.Refspecs;
import dev.oncell.git.RepoUrl;
import java.io.IOException;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.util.FS;

/** The JGit bare repository behind {@link HostMirror}. */
public final class DefaultHostMirror implements HostMirror {

  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");

  static {
    // JGit probes a file system's timestamp resolution once, in the folder it first touches. In
    // the background (JGit's default here would block) the probe files keep appearing after the
    // call returns, and a cell folder deleted meanwhile fails with "directory not empty". So the
    // probe runs in the foreground, once per file system per JVM; the mirror's first open pays it.
    FS.FileStoreAttributes.setBackground(false);
  }

  private final Path folder;
  private final Repository repo;

  /** One fetch at a time moves the mirror's refs (the relay's refresh and the runtime's own). */
  private final ReentrantLock fetching = new ReentrantLock();

  private DefaultHostMirror(Path folder, Repository repo) {
    this.folder = folder;
    this.repo = repo;
  }

  /** See {@link HostMirror#open}. */
  public static HostMirror open(Path folder) {
    Objects.requireNonNull(folder, "folder");
    Path dir = folder.toAbsolutePath().normalize();
    try {
      boolean fresh = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || isEmptyDir(dir);
      if (!fresh && !Files.isRegularFile(dir.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)) {
        throw new GitException(
            Kind.INVALID, "git_mirror_invalid", dir + " is not empty and not a bare repository");
      }
      Files.createDirectories(dir);
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (fresh) {
        repo.create(true);
        StoredConfig config = repo.getConfig();
        config.setBoolean("core", null, "logAllRefUpdates", false);
        config.setInt("gc", null, "auto", 0);
        config.save();
      }
      return new DefaultHostMirror(dir, repo);
    } catch (IOException e) {
      throw new GitException(
          Kind.INTERNAL, "git_failed", "cannot open the mirror at " + dir + ": " + e, e);
    }
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** The JGit repository, for {@code GitRelay} and tests in this module. */
  public Repository repository() {
    return repo;
  }

  @Override
  public Path folder() {
    return folder;
  }

  @Override
  public FetchResult fetch(
      RepoUrl url,
      List<String> refspecs,
      Optional<GitCredential> credential,
      Proxy proxy,
      GitProgress progress) {
    List<RefSpec> specs = Refspecs.expand(refspecs).stream().map(RefSpec::new).toList();
    Objects.requireNonNull(progress, "progress");
    RemoteSession session = new RemoteSession(url, credential, proxy);
    fetching.lock();
    try (Transport transport = Transport.open(repo, session.uriish())) {
      session.configure(transport);
      org.eclipse.jgit.transport.FetchResult result =
          transport.fetch(new ProgressAdapter(progress), specs);
      Map<String, String> updated = new LinkedHashMap<>();
      for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
        updated.put(
            u.getLocalName(),
            u.getNewObjectId().equals(ObjectId.zeroId()) ? "" : u.getNewObjectId().name());
      }
      followHead(result.getAdvertisedRef("HEAD"));
      return new FetchResult(updated, ids(result.getAdvertisedRefs()));
    } catch (Exception e) {
      throw Failures.map("fetch from", session, e);
    } finally {
      fetching.unlock();
    }
  }

  @Override
  public PushResult push(
      RepoUrl url,
      String localRef,
      String remoteBranch,
      Optional<String> forceWithLease,
      Optional<GitCredential> credential,
      Proxy proxy) {
    if (remoteBranch.startsWith("refs/") && !remoteBranch.startsWith("refs/heads/")) {
      throw invalidRef(
          "'" + printable(remoteBranch) + "' is not a branch: only refs/heads/... can be pushed");
    }
    String dst =
        remoteBranch.startsWith("refs/heads/") ? remoteBranch : "refs/heads/" + remoteBranch;
    String shortName = dst.substring("refs/heads/".length());
    if (!Repository.isValidRefName(dst) || shortName.startsWith("-") || shortName.equals("HEAD")) {
      throw invalidRef("'" + printable(remoteBranch) + "' is not a valid branch name");
    }
    ObjectId src = localCommit(localRef);
    ObjectId expected = null;
    if (forceWithLease.isPresent()) {
      if (!OBJECT_ID.matcher(forceWithLease.get()).matches()) {
        throw invalidRef(
            "a force-with-lease needs the full commit id the branch is expected at, not '"
                + printable(forceWithLease.get())
                + "'");
      }
      expected = ObjectId.fromString(forceWithLease.get());
    }
    RemoteSession session = new RemoteSession(url, credential, proxy);
    try (Transport transport = Transport.open(repo, session.uriish())) {
      session.configure(transport);
      RemoteRefUpdate update =
          new RemoteRefUpdate(repo, src.name(), dst, forceWithLease.isPresent(), null, expected);
      org.eclipse.jgit.transport.PushResult result =
          transport.push(NullProgressMonitor.INSTANCE, List.of(update));
      RemoteRefUpdate answer = result.getRemoteUpdate(dst);
      Ref advertised = result.getAdvertisedRef(dst);
      Optional<String> remoteHead =
          Optional.ofNullable(advertised).map(Ref::getObjectId).map(ObjectId::name);
      String message = answer.getMessage() == null ? "" : answer.getMessage();
      return switch (answer.getStatus()) {
        case OK -> new PushResult(PushResult.Status.OK, dst, Optional.of(src.name()), message);
        case UP_TO_DATE ->
            new PushResult(PushResult.Status.UP_TO_DATE, dst, Optional.of(src.name()), message);
        case REJECTED_NONFASTFORWARD ->
            new PushResult(
                PushResult.Status.REJECTED,
                dst,
                remoteHead,
                message.isEmpty() ? "not a fast-forward of the remote's branch" : message);
        case REJECTED_REMOTE_CHANGED ->
            new PushResult(
                PushResult.Status.STALE,
                dst,
                remoteHead,
                message.isEmpty() ? "the remote's branch is not at the expected commit" : message);
        case REJECTED_NODELETE, REJECTED_OTHER_REASON, NON_EXISTING ->
            new PushResult(
                PushResult.Status.REFUSED, dst, remoteHead, Failures.scrub(session, message));
        default ->
            throw new GitException(
                Kind.INTERNAL,
                "git_failed",
                "push to "
                    + url
                    + " ended as "
                    + answer.getStatus()
                    + ": "
                    + Failures.scrub(session, message));
      };
    } catch (Exception e) {
      throw Failures.map("push to", session, e);
    }
  }

  /**
   * Points the mirror's HEAD (what a clone from the relay checks out) at the remote's default
   * branch when the remote said which, else keeps it if it exists, else {@code main}, {@code
   * master} or the first branch.
   */
  private void followHead(Ref remoteHead) throws IOException {
    String target = null;
    if (remoteHead != null
        && remoteHead.isSymbolic()
        && repo.exactRef(remoteHead.getTarget().getName()) != null) {
      target = remoteHead.getTarget().getName();
    } else {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head != null && head.getObjectId() != null) {
        return;
      }
      for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
        if (repo.exactRef(candidate) != null) {
          target = candidate;
          break;
        }
      }
      if (target == null) {
        List<Ref> branches = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
        if (branches.isEmpty()) {
          return;
        }
        target = branches.get(0).getName();
      }
    }
    Ref current = repo.exactRef(Constants.HEAD);
    if (current != null && current.isSymbolic() && current.getTarget().getName().equals(target)) {
      return;
    }
    org.eclipse.jgit.lib.RefUpdate link = repo.updateRef(Constants.HEAD);
    link.disableRefLog();
    link.link(target);
  }

  private ObjectId localCommit(String localRef) {
    try {
      if (OBJECT_ID.matcher(localRef).matches()) {
        ObjectId id = ObjectId.fromString(localRef);
        if (repo.getObjectDatabase().has(id)) {
          return id;
        }
      } else if (Repository.isValidRefName(localRef)
          || Repository.isValidRefName("refs/heads/" + localRef)) {
        Ref ref = repo.findRef(localRef);
        if (ref != null && ref.getObjectId() != null) {
          return ref.getObjectId();
        }
      } else {
        throw invalidRef("'" + printable(localRef) + "' is not a valid ref name");
      }
    } catch (IOException e) {
      throw new GitException(Kind.INTERNAL, "git_failed", "cannot read the mirror: " + e, e);
    }
    throw invalidRef("the mirror has no '" + printable(localRef) + "'");
  }

  @Override
  public Map<String, String> lsRemote(
      RepoUrl url, Optional<GitCredential> credential, Proxy proxy) {
    RemoteSession session = new RemoteSession(url, credential, proxy);
    try (Transport transport = Transport.open(repo, session.uriish())) {
      session.configure(transport);
      try (FetchConnection connection = transport.openFetch()) {
        return ids(connection.getRefs());
      }
    } catch (Exception e) {
      throw Failures.map("list the refs of", session, e);
    }
  }

  @Override
  public Optional<String> resolve(String ref) {
    if (!OBJECT_ID.matcher(ref).matches()
        && !Repository.isValidRefName(ref)
        && !Repository.isValidRefName("refs/heads/" + ref)
        && !ref.equals("HEAD")) {
      throw invalidRef("'" + printable(ref) + "' is not a valid ref name");
    }
    try {
      Ref found = OBJECT_ID.matcher(ref).matches() ? null : repo.findRef(ref);
      if (found != null) {
        return Optional.ofNullable(found.getObjectId()).map(ObjectId::name);
      }
      if (OBJECT_ID.matcher(ref).matches()
          && repo.getObjectDatabase().has(ObjectId.fromString(ref))) {
        return Optional.of(ref);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new GitException(Kind.INTERNAL, "git_failed", "cannot read the mirror: " + e, e);
    }
  }

  private static Map<String, String> ids(java.util.Collection<Ref> refs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Ref r : refs) {
      if (r.getObjectId() != null) {
        out.put(r.getName(), r.getObjectId().name());
      }
    }
    return out;
  }

  static GitException invalidRef(String message) {
    return new GitException(Kind.INVALID, "invalid_ref", message);
  }

  static String printable(String s) {
    String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public void close() {
    repo.close();
  }
}
