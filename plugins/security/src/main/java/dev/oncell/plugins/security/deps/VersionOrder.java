package dev.oncell.plugins.security.deps;

/**
 * How one ecosystem orders its versions, as OSV's {@code ECOSYSTEM} and {@code SEMVER} ranges are
 * defined by. {@link #compare} throws {@link IllegalArgumentException} for a string that is not a
 * version of this ordering; the matcher then skips the range (an OSV event) or reports the package
 * (a lock file's version) instead of guessing.
 */
interface VersionOrder {

  /** Negative, zero or positive as {@code a} is before, the same as, or after {@code b}. */
  int compare(String a, String b);

  /** Whether {@code version} is a version of this ordering. */
  default boolean isValid(String version) {
    try {
      compare(version, version);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
