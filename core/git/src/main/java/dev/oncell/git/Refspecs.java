package dev.oncell.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The refspecs a {@link HostMirror} fetches, and the short forms callers may use instead.
 *
 * <ul>
 *   <li>{@code pull/7/head} (GitHub, Gitea): {@code +refs/pull/7/head:refs/remotes/origin/pr/7}
 *   <li>{@code merge-requests/3/head} (GitLab): {@code
 *       +refs/merge-requests/3/head:refs/remotes/origin/mr/3}
 *   <li>a branch name {@code main}: {@code +refs/heads/main:refs/heads/main}
 *   <li>a full refspec {@code [+]src:dst}: as given, if both sides are valid ref names under {@code
 *       refs/}
 * </ul>
 */
public final class Refspecs {

  /** What an empty list of refspecs means: every branch and tag, as the mirror's own. */
  public static final List<String> MIRROR =
      List.of("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");

  private static final Pattern PULL = Pattern.compile("(?:refs/)?pull/([0-9]{1,9})/head");
  private static final Pattern MERGE_REQUEST =
      Pattern.compile("(?:refs/)?merge-requests/([0-9]{1,9})/head");

  private Refspecs() {}

  /** The refspec for GitHub's or Gitea's pull request {@code number}. */
  public static String pullRequest(int number) {
    return "+refs/pull/" + number + "/head:refs/remotes/origin/pr/" + number;
  }

  /** The refspec for GitLab's merge request {@code number}. */
  public static String mergeRequest(int number) {
    return "+refs/merge-requests/" + number + "/head:refs/remotes/origin/mr/" + number;
  }

  /**
   * Expands short forms and checks every refspec.
   *
   * @throws GitException {@code invalid_refspec} (INVALID) for one that is not valid
   */
  public static List<String> expand(List<String> refspecs) {
    if (refspecs.isEmpty()) {
      return MIRROR;
    }
    List<String> out = new ArrayList<>();
    for (String spec : refspecs) {
      out.add(expandOne(spec));
    }
    return List.copyOf(out);
  }

  private static String expandOne(String spec) {
    Matcher pull = PULL.matcher(spec);
    if (pull.matches()) {
      return pullRequest(Integer.parseInt(pull.group(1)));
    }
    Matcher mr = MERGE_REQUEST.matcher(spec);
    if (mr.matches()) {
      return mergeRequest(Integer.parseInt(mr.group(1)));
    }
    if (!spec.contains(":")) {
      String ref = spec.startsWith("refs/") ? spec : "refs/heads/" + spec;
      if (!Repository.isValidRefName(ref)) {
        throw invalid(spec);
      }
      return "+" + ref + ":" + ref;
    }
    RefSpec parsed;
    try {
      parsed = new RefSpec(spec);
    } catch (IllegalArgumentException e) {
      throw invalid(spec);
    }
    String src = parsed.getSource();
    String dst = parsed.getDestination();
    if (src == null || dst == null || !validSide(src) || !validSide(dst)) {
      throw invalid(spec);
    }
    return parsed.toString();
  }

  private static boolean validSide(String side) {
    return side.startsWith("refs/") && Repository.isValidRefName(side.replace("*", "x"));
  }

  private static GitException invalid(String spec) {
    return GitException.invalid(
        "invalid_refspec",
        "'"
            + spec.replaceAll("\\p{Cntrl}", "?")
            + "' is not a refspec: give a branch name, pull/N/head, merge-requests/N/head or"
            + " refs/...:refs/...");
  }
}
