package dev.oncell.plugins.security.deps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code go.sum}: {@code module version hash} and {@code module version/go.mod hash} lines, one
 * dependency per module and version (the first line that names it). {@code go.sum} also lists
 * modules whose {@code go.mod} only was needed to resolve versions, so a finding may name a module
 * the build does not compile; the report's evidence says which file and line named it.
 */
final class GoSumParser implements LockfileParser {

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("go.sum");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    List<Dependency> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = YarnLockParser.stripCr(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 3 || !fields[2].startsWith("h1:")) {
        throw new LockfileException("line " + (i + 1) + " is not 'module version hash'");
      }
      String version = fields[1];
      if (version.endsWith("/go.mod")) {
        version = version.substring(0, version.length() - 7);
      }
      if (SemverOrder.INSTANCE.isValid(version) && seen.add(fields[0] + "@" + version)) {
        out.add(new Dependency(Ecosystem.GO, fields[0], version, path, i + 1));
      }
    }
    return ParsedFile.of(out, List.of());
  }
}
