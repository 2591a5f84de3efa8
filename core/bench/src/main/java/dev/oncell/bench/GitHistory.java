package dev.oncell.bench;

import dev.oncell.bench.SyntheticRepo.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The repository {@code bench git} clones: a bare repository whose {@code main} has {@code files}
 * generated source files ({@link SyntheticRepo}) and {@code commits} commits (one that adds every
 * file, then edits of one to five files each), packed with deltas as a forge would serve it.
 * Deterministic for a seed: same seed and sizes, same commit ids (fixed dates, fixed author).
 *
 * <p>Trees are written incrementally (only the directories an edit touches get a new tree), so two
 * thousand commits of a five-thousand-file tree take seconds, not minutes.
 */
final class GitHistory {

  private static final long EPOCH_MS = 1_700_000_000_000L;

  /** What was generated: the head of {@code main}, its files' texts, and their total size. */
  record Generated(String head, Map<String, String> texts, long bytes) {

    /** The paths {@code round} changes: {@code count} of them, spread over the tree. */
    List<String> changedPaths(int round, int count) {
      List<String> paths = new ArrayList<>(texts.keySet());
      List<String> out = new ArrayList<>(count);
      for (int k = 0; k < Math.min(count, paths.size()); k++) {
        out.add(paths.get((int) (((long) round * count + k) * 7919L % paths.size())));
      }
      return out.stream().distinct().sorted().toList();
    }

    /** A path's text with round {@code round}'s line appended. */
    String changed(String path, int round) {
      return texts.get(path) + "// bench round " + round + "\n";
    }
  }

  private GitHistory() {}

  /** Generates the repository into {@code bare} (created). */
  static Generated generate(Path bare, long seed, int files, int commits) {
    Random random = new Random(seed);
    List<GeneratedFile> generated = new SyntheticRepo(seed, 10).files(files);
    Map<String, String> texts = new TreeMap<>();
    generated.forEach(f -> texts.put(f.path(), f.text()));
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        ObjectInserter inserter = repo.newObjectInserter()) {
      repo.create(true);
      Dir root = new Dir();
      for (Map.Entry<String, String> file : texts.entrySet()) {
        root.put(file.getKey(), blob(inserter, file.getValue()));
      }
      ObjectId head = commit(inserter, root, null, "Import " + files + " files", 0);
      List<String> paths = new ArrayList<>(texts.keySet());
      for (int c = 1; c < commits; c++) {
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
          String path = paths.get(random.nextInt(paths.size()));
          String text = insertLine(texts.get(path), random, c);
          texts.put(path, text);
          root.put(path, blob(inserter, text));
        }
        head = commit(inserter, root, head, "Change " + c + " (" + edits + " files)", c);
      }
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + "main");
      update.setNewObjectId(head);
      update.update();
      repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
      try (Git git = Git.wrap(repo)) {
        git.gc().call();
      }
      long bytes = texts.values().stream().mapToLong(String::length).sum();
      return new Generated(head.name(), texts, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot pack the generated repository", e);
    }
  }

  private static String insertLine(String text, Random random, int commit) {
    String[] lines = text.split("\n", -1);
    int at = random.nextInt(lines.length);
    StringBuilder out = new StringBuilder(text.length() + 40);
    for (int i = 0; i < lines.length; i++) {
      if (i == at) {
        out.append("// change ").append(commit).append('\n');
      }
      out.append(lines[i]);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static ObjectId blob(ObjectInserter inserter, String text) throws IOException {
    return inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectId commit(
      ObjectInserter inserter, Dir root, ObjectId parent, String message, int n)
      throws IOException {
    PersonIdent who =
        new PersonIdent("Bench Author", "bench@oncell.invalid", EPOCH_MS + n * 60_000L, 0);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(root.write(inserter));
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage(message + "\n");
    if (parent != null) {
      commit.setParentId(parent);
    }
    return inserter.insert(commit);
  }

  /** A directory of the tree being built; its id is kept until something below it changes. */
  private static final class Dir {
    private final Map<String, Object> entries = new TreeMap<>();
    private ObjectId id;

    void put(String path, ObjectId blob) {
      id = null;
      int slash = path.indexOf('/');
      if (slash < 0) {
        entries.put(path, blob);
        return;
      }
      Dir sub = (Dir) entries.computeIfAbsent(path.substring(0, slash), name -> new Dir());
      sub.put(path.substring(slash + 1), blob);
    }

    ObjectId write(ObjectInserter inserter) throws IOException {
      if (id != null) {
        return id;
      }
      // Git orders a tree's entries by name, a directory's name as if it ended in '/'.
      List<Map.Entry<String, Object>> sorted = new ArrayList<>(entries.entrySet());
      sorted.sort(Comparator.comparing(e -> e.getKey() + (e.getValue() instanceof Dir ? "/" : "")));
      TreeFormatter tree = new TreeFormatter();
      for (Map.Entry<String, Object> e : sorted) {
        if (e.getValue() instanceof Dir sub) {
          tree.append(e.getKey(), FileMode.TREE, sub.write(inserter));
        } else {
          tree.append(e.getKey(), FileMode.REGULAR_FILE, (ObjectId) e.getValue());
        }
      }
      id = inserter.insert(tree);
      return id;
    }
  }
}
