package dev.oncell.search.internal.index;

import java.util.Locale;

/**
 * How much a file's chunks are worth before the query is read, from its path alone: source code 1;
 * tests slightly less so that they do not crowd out the code they test; docs and changelogs lower
 * but reachable; generated, minified, lock and vendored files far down. Multiplies the keyword and
 * vector scores.
 */
final class Priors {

  static final float SOURCE = 1.0f;
  static final float TEST = 0.8f;
  static final float CONFIG = 0.85f;
  static final float DOCS = 0.7f;
  static final float CHANGELOG = 0.45f;
  static final float GENERATED = 0.1f;

  private Priors() {}

  static float of(String path) {
    String p = "/" + path.toLowerCase(Locale.ROOT);
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (generated(p, name)) {
      return GENERATED;
    }
    if (name.startsWith("changelog")
        || name.startsWith("changes")
        || name.startsWith("history")
        || name.startsWith("news.")
        || name.startsWith("release-notes")
        || name.startsWith("release_notes")) {
      return CHANGELOG;
    }
    if (test(p, name)) {
      return TEST;
    }
    if (name.endsWith(".md")
        || name.endsWith(".rst")
        || name.endsWith(".txt")
        || name.endsWith(".adoc")
        || name.startsWith("license")
        || p.contains("/docs/")
        || p.contains("/doc/")) {
      return DOCS;
    }
    if (name.endsWith(".json")
        || name.endsWith(".yaml")
        || name.endsWith(".yml")
        || name.endsWith(".toml")
        || name.endsWith(".xml")
        || name.endsWith(".lock")
        || name.endsWith(".csv")
        || name.endsWith(".svg")) {
      return CONFIG;
    }
    return SOURCE;
  }

  private static boolean generated(String p, String name) {
    return p.contains("/dist/")
        || p.contains("/build/")
        || p.contains("/out/")
        || p.contains("/target/")
        || p.contains("/vendor/")
        || p.contains("/third_party/")
        || p.contains("/node_modules/")
        || p.contains("/__generated__/")
        || p.contains("/generated/")
        || name.contains(".min.")
        || name.endsWith(".map")
        || name.endsWith(".bundle.js")
        || name.endsWith(".pb.go")
        || name.endsWith("_pb2.py")
        || name.endsWith(".generated.ts")
        || name.endsWith(".g.dart")
        || name.equals("package-lock.json")
        || name.equals("yarn.lock")
        || name.equals("pnpm-lock.yaml")
        || name.equals("cargo.lock")
        || name.equals("poetry.lock")
        || name.equals("go.sum")
        || name.equals("composer.lock")
        || name.equals("gemfile.lock");
  }

  private static boolean test(String p, String name) {
    return p.contains("/test/")
        || p.contains("/tests/")
        || p.contains("/__tests__/")
        || p.contains("/spec/")
        || p.contains("/testdata/")
        || name.endsWith("_test.go")
        || name.endsWith("_test.py")
        || name.startsWith("test_")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.endsWith("test.java")
        || name.endsWith("tests.java")
        || name.endsWith("test.kt");
  }
}
