package dev.oncell.plugins.review;

/** What kind of problem a finding is about. */
public enum Category {
  BUG,
  SECURITY,
  PERFORMANCE,
  STYLE,
  TESTS
}
