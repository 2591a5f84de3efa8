package dev.oncell.git.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Makes repositories with commits for tests, without a working tree: {@link #bare} creates one,
 * {@link #commit} writes files (over the branch's current tree) as a new commit and moves the
 * branch, whatever its history ({@link #commitOn} starts from another commit, for a branch that is
 * rewritten behind someone's back).
 */
public final class Repos {

  private static final PersonIdent AUTHOR =
      new PersonIdent("Test Author", "author@example.test", 1_700_000_000_000L, 0);

  private Repos() {}

  /** A new bare repository at {@code dir} (created). */
  public static Repository bare(Path dir) {
    try {
      Files.createDirectories(dir);
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (!Files.exists(dir.resolve("HEAD"))) {
        repo.create(true);
      }
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits {@code files} (path to text) on {@code branch}, over its current tree; its id. */
  public static String commit(
      Repository repo, String branch, Map<String, String> files, String message) {
    Optional<String> parent = head(repo, branch);
    return commitOn(repo, branch, parent, files, message);
  }

  /**
   * Commits {@code files} over {@code parent}'s tree (or an empty tree) and force-moves {@code
   * branch} to the new commit.
   */
  public static String commitOn(
      Repository repo,
      String branch,
      Optional<String> parent,
      Map<String, String> files,
      String message) {
    String ref = branch.startsWith("refs/") ? branch : Constants.R_HEADS + branch;
    try (ObjectInserter ins = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      Map<String, ObjectId> tree = new TreeMap<>();
      if (parent.isPresent()) {
        RevCommit p = walk.parseCommit(ObjectId.fromString(parent.get()));
        try (TreeWalk tw = new TreeWalk(repo)) {
          tw.addTree(p.getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            tree.put(tw.getPathString(), tw.getObjectId(0));
          }
        }
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        tree.put(
            f.getKey(),
            ins.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8)));
      }
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Map.Entry<String, ObjectId> e : tree.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(e.getValue());
        builder.add(entry);
      }
      builder.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(ins));
      commit.setAuthor(AUTHOR);
      commit.setCommitter(AUTHOR);
      commit.setMessage(message);
      parent.ifPresent(p -> commit.setParentId(ObjectId.fromString(p)));
      ObjectId id = ins.insert(commit);
      ins.flush();
      RefUpdate update = repo.updateRef(ref);
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW
          && result != RefUpdate.Result.FORCED
          && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IllegalStateException("cannot move " + ref + ": " + result);
      }
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit {@code branch} (or a full ref) points at, if it exists. */
  public static Optional<String> head(Repository repo, String branch) {
    String ref = branch.startsWith("refs/") ? branch : Constants.R_HEADS + branch;
    try {
      Ref r = repo.exactRef(ref);
      return r == null || r.getObjectId() == null
          ? Optional.empty()
          : Optional.of(r.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
