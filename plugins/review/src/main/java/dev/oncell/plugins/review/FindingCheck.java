package dev.oncell.plugins.review;

import dev.oncell.agent.forge.ReviewComment.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what happens to each finding of the model before anything is posted, because a forge
 * rejects (or worse, misplaces) a comment on a line outside the diff, and a model does get line
 * numbers and paths wrong:
 *
 * <ol>
 *   <li>a file the rules do not review, or a severity under the threshold: dropped;
 *   <li>a file that does not exist at head (and is not a deleted file commented on its old side):
 *       dropped, as invented;
 *   <li>a finding already posted on this pull request, by {@link Fingerprint}: dropped as a
 *       duplicate;
 *   <li>a line inside a hunk of the pull request's diff: an inline comment; otherwise it goes to
 *       the summary under "outside the diff";
 *   <li>a suggestion is kept only where it applies cleanly: on the new side of a line inside the
 *       diff, different from the line, without a code fence that would break the suggestion block.
 * </ol>
 *
 * @param diff the pull request's whole diff ({@code base...head}), whatever part was reviewed now:
 *     the forge anchors comments to it
 * @param filesAtHead every file of the repository at head
 */
record FindingCheck(
    UnifiedDiff diff, Set<String> filesAtHead, ReviewConfig config, Set<Fingerprint> posted) {

  /**
   * A finding to post, with its fingerprint and the text of its line in the diff (empty when the
   * diff does not show it): a later review marks it resolved once no line at head reads so.
   */
  record Checked(Finding finding, Fingerprint fingerprint, String lineText) {}

  /**
   * What the check made of the findings.
   *
   * @param inline findings anchored to a line of the diff
   * @param outsideDiff findings on real files, away from the diff: for the summary
   * @param duplicates how many were posted before
   * @param dropped how many were filtered by the rules or pointed at no file
   */
  record Outcome(List<Checked> inline, List<Checked> outsideDiff, int duplicates, int dropped) {}

  Outcome check(List<Finding> findings) {
    List<Checked> inline = new ArrayList<>();
    List<Checked> outside = new ArrayList<>();
    Set<Fingerprint> seen = new HashSet<>(posted);
    int duplicates = 0;
    int dropped = 0;
    for (Finding f : findings) {
      if (!config.reviews(f.file()) || !config.posts(f.severity()) || !exists(f)) {
        dropped++;
        continue;
      }
      Optional<String> lineText = diff.file(f.file()).flatMap(c -> c.line(f.side(), f.line()));
      Fingerprint print = Fingerprint.of(f, lineText.orElse(""));
      if (!seen.add(print)) {
        duplicates++;
        continue;
      }
      if (lineText.isPresent()) {
        inline.add(new Checked(suggestionChecked(f, lineText.get()), print, lineText.get()));
      } else {
        outside.add(new Checked(f.withoutSuggestion(), print, ""));
      }
    }
    return new Outcome(inline, outside, duplicates, dropped);
  }

  private boolean exists(Finding f) {
    if (f.side() == Side.LEFT) {
      return diff.file(f.file()).isPresent() || filesAtHead.contains(f.file());
    }
    return filesAtHead.contains(f.file());
  }

  private static Finding suggestionChecked(Finding f, String line) {
    boolean applies =
        f.suggestion()
            .map(s -> f.side() == Side.RIGHT && !s.equals(line) && !s.contains("```"))
            .orElse(false);
    return applies ? f : f.withoutSuggestion();
  }
}
