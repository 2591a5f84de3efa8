package dev.oncell.runtime.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.agent.git.CommitInfo;
import dev.oncell.agent.git.FileState;
import dev.oncell.agent.git.GitDiff;
import dev.oncell.agent.git.GitStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parsers of git's machine-readable output, on outputs as git 2.39 writes them. */
class GitOutputTest {

  private static final String OID = "5af3021986d2ed3cb57c433ff681bf6af9598c1b";
  private static final String H = "100644 100644 100644 " + OID + " " + OID + " ";

  @Test
  void statusReadsBranchHeadEntriesRenamesConflictsAndUntracked() {
    String out =
        "# branch.oid "
            + OID
            + "\0# branch.head feature/x\0# branch.upstream origin/x\0# branch.ab +1 -0\0"
            + "1 .M N... "
            + H
            + "name with spaces.txt\0"
            + "1 A. N... 000000 100644 100644 "
            + "0".repeat(40)
            + " "
            + OID
            + " new\nline.txt\0"
            + "2 R. N... "
            + H
            + "R100 to/b.txt\0from/a.txt\0"
            + "u UU N... 100644 100644 100644 100644 "
            + OID
            + " "
            + OID
            + " "
            + OID
            + " conflict.txt\0"
            + "? untracked é.txt\0! ignored.log\0";
    GitStatus status = GitOutput.status(out);
    assertThat(status.branch()).contains("feature/x");
    assertThat(status.head()).contains(OID);
    assertThat(status.entries())
        .containsExactly(
            new GitStatus.Entry(
                "name with spaces.txt", Optional.empty(), FileState.UNMODIFIED, FileState.MODIFIED),
            new GitStatus.Entry(
                "new\nline.txt", Optional.empty(), FileState.ADDED, FileState.UNMODIFIED),
            new GitStatus.Entry(
                "to/b.txt", Optional.of("from/a.txt"), FileState.RENAMED, FileState.UNMODIFIED),
            new GitStatus.Entry(
                "conflict.txt", Optional.empty(), FileState.UNMERGED, FileState.UNMERGED));
    assertThat(status.untracked()).containsExactly("untracked é.txt");
    assertThat(status.hasStaged()).isTrue();
    assertThat(status.entries().get(3).conflicted()).isTrue();
  }

  @Test
  void statusOfAFreshRepositoryAndADetachedHead() {
    GitStatus fresh = GitOutput.status("# branch.oid (initial)\0# branch.head main\0");
    assertThat(fresh.head()).isEmpty();
    assertThat(fresh.branch()).contains("main");
    assertThat(fresh.clean()).isTrue();
    GitStatus detached = GitOutput.status("# branch.oid " + OID + "\0# branch.head (detached)\0");
    assertThat(detached.branch()).isEmpty();
  }

  @Test
  void statusRefusesRecordsItDoesNotKnow() {
    assertThatThrownBy(() -> GitOutput.status("x what\0"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    assertThatThrownBy(() -> GitOutput.status("1 .M N...\0"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    assertThatThrownBy(() -> GitOutput.status("1 .Z N... " + H + "f\0"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    assertThatThrownBy(() -> GitOutput.status("2 R. N... " + H + "R100 only-new"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
  }

  @Test
  void numstatReadsCountsBinariesAndRenamesUpToTheSeparator() {
    String out =
        "3\t1\ta.txt\0-\t-\timage.png\0"
            + "0\t0\t\0old name.txt\0new\tname.txt\0"
            + GitScript.SEPARATOR
            + "diff --git a/a.txt b/a.txt\n";
    int[] end = new int[1];
    List<GitDiff.FileDiff> files = GitOutput.numstat(out, end, false);
    assertThat(files)
        .containsExactly(
            new GitDiff.FileDiff("a.txt", Optional.empty(), 3, 1, false),
            new GitDiff.FileDiff("image.png", Optional.empty(), 0, 0, true),
            new GitDiff.FileDiff("new\tname.txt", Optional.of("old name.txt"), 0, 0, false));
    assertThat(out.charAt(end[0])).isEqualTo(GitScript.SEPARATOR);
    assertThat(out.substring(end[0] + 1)).startsWith("diff --git");
  }

  @Test
  void numstatCutByTheOutputCapEndsTheListOnlyWhenLenient() {
    String cut = "3\t1\ta.txt\0" + "5\t2\tb.t";
    int[] end = new int[1];
    assertThat(GitOutput.numstat(cut, end, true)).hasSize(1);
    assertThat(end[0]).isEqualTo("3\t1\ta.txt\0".length());
    assertThatThrownBy(() -> GitOutput.numstat(cut, end, false))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    assertThatThrownBy(() -> GitOutput.numstat("x\t1\ta\0", end, false))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
  }

  @Test
  void logReadsTenFieldsPerCommit() {
    String out =
        String.join("\0", OID, "p1 p2", "Ada", "ada@x", "1700000000", "Bob", "bob@x", "1700000060")
            + "\0Merge things\0Body line\n\nCo-authored-by: C <c@x>\n\0"
            + String.join("\0", "c2", "", "A", "a@x", "1", "A", "a@x", "2", "Root", "")
            + "\0";
    List<CommitInfo> log = GitOutput.log(out);
    assertThat(log).hasSize(2);
    CommitInfo merge = log.getFirst();
    assertThat(merge.id()).isEqualTo(OID);
    assertThat(merge.parents()).containsExactly("p1", "p2");
    assertThat(merge.author().ident()).isEqualTo("Ada <ada@x>");
    assertThat(merge.authoredAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(merge.committedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_060L));
    assertThat(merge.subject()).isEqualTo("Merge things");
    assertThat(merge.body()).isEqualTo("Body line\n\nCo-authored-by: C <c@x>");
    assertThat(log.get(1).parents()).isEmpty();
    assertThat(log.get(1).body()).isEmpty();
    assertThat(GitOutput.log("")).isEmpty();
  }

  @Test
  void logRefusesAPartialCommit() {
    assertThatThrownBy(() -> GitOutput.log("a\0b\0"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    assertThatThrownBy(() -> GitOutput.log("a\0b"))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
    String badTime = String.join("\0", "c", "", "A", "a", "soon", "A", "a", "2", "s", "") + "\0";
    assertThatThrownBy(() -> GitOutput.log(badTime))
        .isInstanceOf(GitOutput.MalformedOutputException.class);
  }
}
