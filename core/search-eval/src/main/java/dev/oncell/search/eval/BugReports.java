package dev.oncell.search.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The hand-written bug reports of {@code bug-reports.tsv}: each names a file of the corpus and a
 * substring of the line that declares the function to fix, whose lines are found in the file.
 */
final class BugReports {

  /** A report as written, before its function is found in the corpus. */
  record Report(String id, String path, String declaration, String text) {}

  static final String RESOURCE = "/bug-reports.tsv";

  private BugReports() {}

  /** The reports of the checked-in file. */
  static List<Report> load() {
    try (InputStream in = BugReports.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses TSV lines {@code id path declaration report}; {@code #} lines and the header skipped.
   */
  static List<Report> parse(String tsv) {
    List<Report> reports = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 4) {
        throw new IllegalArgumentException(
            "a bug report needs 4 tab-separated columns, got " + columns.length + ": " + line);
      }
      reports.add(
          new Report(
              columns[0].strip(),
              columns[1].strip(),
              columns[2].strip(),
              columns[3].strip().replace("\\n", "\n")));
    }
    return reports;
  }

  /**
   * The queries of the reports whose file is in {@code files} (path to content) and whose
   * declaration is found in it; the others are listed in {@code missing}.
   */
  static List<Query> resolve(
      List<Report> reports, Map<String, String> files, List<String> missing) {
    List<Query> queries = new ArrayList<>();
    for (Report report : reports) {
      String text = files.get(report.path());
      if (text == null) {
        missing.add(report.id() + " (" + report.path() + ")");
        continue;
      }
      Optional<Query> query = find(report, text);
      if (query.isEmpty()) {
        missing.add(report.id() + " (no function declared as '" + report.declaration() + "')");
      }
      query.ifPresent(queries::add);
    }
    return queries;
  }

  /** The first declaration matching the report's that has a body (not an overload signature). */
  private static Optional<Query> find(Report report, String text) {
    SourceScanner scanner = new SourceScanner(text, report.path());
    SourceScanner.Lines lines = new SourceScanner.Lines(text);
    for (int at = text.indexOf(report.declaration());
        at >= 0;
        at = text.indexOf(report.declaration(), at + 1)) {
      int lineStart = text.lastIndexOf('\n', at) + 1;
      OptionalInt end = scanner.bodyEnd(lineStart);
      if (end.isPresent()) {
        return Optional.of(
            new Query(
                report.id(),
                Query.Kind.BUG,
                report.text(),
                report.path(),
                symbolOf(report),
                lines.lineOf(lineStart),
                lines.lineOf(end.getAsInt())));
      }
    }
    return Optional.empty();
  }

  private static String symbolOf(Report report) {
    return DocComments.functionName(report.declaration(), report.path().endsWith(".java"))
        .orElse(report.id());
  }
}
