package dev.oncell.plugins.review;

import dev.oncell.agent.forge.ReviewComment.Side;
import dev.oncell.agent.tools.SecretDetector;
import dev.oncell.agent.tools.SecretFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings for the lines a pull request adds that look like credentials, from the detector the
 * coding agent also uses to refuse committing them ({@link SecretDetector}), so both agents agree
 * on what a secret is. Why not leave it to the model: a model misses tokens and must never be the
 * only guard; the detector is cheap, deterministic and tested.
 *
 * <p>Only added lines are scanned: a secret that was already on the base branch is not this pull
 * request's doing. The finding names the rule and shows the value redacted (its first four
 * characters), never the value itself. It goes through {@link FindingCheck} like any other finding,
 * so it is deduplicated across reviews.
 */
final class SecretFindings {

  private final SecretDetector detector;

  SecretFindings(SecretDetector detector) {
    this.detector = detector;
  }

  /** A critical security finding for every added line of {@code diff} that holds a secret. */
  List<Finding> in(UnifiedDiff diff) {
    List<Finding> out = new ArrayList<>();
    for (UnifiedDiff.FileChange file : diff.files()) {
      for (UnifiedDiff.Hunk hunk : file.hunks()) {
        for (UnifiedDiff.Line line : hunk.lines()) {
          if (line.added()) {
            for (SecretFinding s : detector.scan(file.path(), line.text())) {
              out.add(finding(file.path(), line.newNumber(), s));
            }
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static Finding finding(String path, int line, SecretFinding secret) {
    return new Finding(
        path,
        line,
        Side.RIGHT,
        Severity.CRITICAL,
        Category.SECURITY,
        "Possible secret committed (" + secret.rule() + ")",
        "This line adds what looks like a credential (`"
            + secret.redacted()
            + "`, rule `"
            + secret.rule()
            + "`). Anything pushed stays in the repository's history: revoke the credential,"
            + " remove it from the commits, and read it from the environment or a secret store"
            + " instead.",
        Optional.empty());
  }
}
