package dev.oncell.plugins.security.deps;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version ordering, by Maven's own {@link ComparableVersion} (bundled in the plugin jar):
 * what OSV's Maven {@code ECOSYSTEM} ranges mean. Any string is a Maven version; only empty and
 * overlong ones are refused.
 */
final class MavenOrder implements VersionOrder {

  static final MavenOrder INSTANCE = new MavenOrder();

  private static final int MAX_LENGTH = 256;

  @Override
  public int compare(String a, String b) {
    return Integer.signum(parse(a).compareTo(parse(b)));
  }

  private static ComparableVersion parse(String version) {
    String v = version.strip();
    if (v.isEmpty() || v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("not a Maven version: '" + version + "'");
    }
    return new ComparableVersion(v);
  }
}
