package dev.oncell.cli;

import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.RunEvent;
import dev.oncell.git.testing.LoopbackGitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** What the shipped agents' SIGKILL tests read back from the cell, the events and the remote. */
final class CrashTestSupport {

  private CrashTestSupport() {}

  /** Whether {@code path} exists in customer {@code acme}'s cell. */
  static boolean exists(OncellClient client, String path) {
    try {
      client.files("acme").read(path);
      return true;
    } catch (OncellApiException e) {
      return false;
    }
  }

  /** The messages of the {@code progress} events, in order. */
  static List<String> progress(List<RunEvent> events) {
    return events.stream()
        .filter(e -> e.type().equals("progress"))
        .map(e -> e.data().path("message").asText())
        .toList();
  }

  /** The branches of repository {@code repo} on {@code upstream}, sorted. */
  static List<String> branches(LoopbackGitServer upstream, String repo) throws IOException {
    try (Repository r = upstream.open(repo)) {
      return r.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
          .map(Ref::getName)
          .sorted()
          .toList();
    }
  }

  /** The text of {@code path} at {@code commit}. */
  static String fileAt(Repository repo, String commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree =
            TreeWalk.forPath(repo, path, walk.parseCommit(ObjectId.fromString(commit)).getTree())) {
      return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }

  /** How many pushes {@code upstream} received. */
  static long pushesReceived(LoopbackGitServer upstream) {
    return upstream.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/git-receive-pack"))
        .count();
  }
}
