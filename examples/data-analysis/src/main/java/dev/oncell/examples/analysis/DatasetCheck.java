package dev.oncell.examples.analysis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a dataset file as a customer may have edited it since {@code setup}: each line that the
 * shell commands of {@link Analysis} would miscount becomes a {@link Finding}. Findings have the
 * shape editors understand ({@code file}, 1-based {@code line}, {@code severity}, {@code title},
 * {@code body}) and, where the fix is certain, a {@code suggestion}: the whole corrected line.
 */
final class DatasetCheck {

  /** At most this many findings are reported; a file of bad lines gets a summary finding. */
  static final int MAX_FINDINGS = 200;

  private static final String HEADER = String.join(",", DataAnalysisAgent.COLUMNS);

  /**
   * One problem on one line.
   *
   * @param suggestion the corrected line, when the correction is certain
   */
  record Finding(
      String file,
      int line,
      String severity,
      String category,
      String title,
      String body,
      Optional<String> suggestion) {}

  private DatasetCheck() {}

  static List<Finding> check(String file, String text) {
    List<Finding> findings = new ArrayList<>();
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.getFirst().strip().equalsIgnoreCase(HEADER)) {
      findings.add(
          new Finding(
              file,
              1,
              "error",
              "header",
              "The first line must be the header",
              "Expected '" + HEADER + "'.",
              Optional.of(HEADER)));
    }
    for (int i = 1; i < lines.size() && findings.size() < MAX_FINDINGS; i++) {
      row(file, i + 1, lines.get(i)).ifPresent(findings::add);
    }
    if (findings.size() >= MAX_FINDINGS) {
      findings.add(
          new Finding(
              file,
              1,
              "info",
              "limit",
              "Only the first " + MAX_FINDINGS + " problems are shown",
              "Fix these and check again.",
              Optional.empty()));
    }
    return List.copyOf(findings);
  }

  private static Optional<Finding> row(String file, int number, String line) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    String[] fields = line.split(",", -1);
    if (fields.length != DataAnalysisAgent.COLUMNS.size()) {
      return Optional.of(
          error(file, number, "fields", "This row has " + fields.length + " fields, not 5", line));
    }
    String trimmed = Arrays.stream(fields).map(String::strip).collect(Collectors.joining(","));
    String[] values = trimmed.split(",", -1);
    try {
      LocalDate.parse(values[0]);
    } catch (DateTimeParseException e) {
      return Optional.of(error(file, number, "date", "Not a date: '" + values[0] + "'", line));
    }
    try {
      Integer.parseInt(values[3]);
      new BigDecimal(values[4]);
    } catch (NumberFormatException e) {
      return Optional.of(error(file, number, "number", "Units or revenue is not a number", line));
    }
    if (!trimmed.equals(line)) {
      return Optional.of(
          new Finding(
              file,
              number,
              "warning",
              "spaces",
              "Spaces around a field",
              "The analysis compares fields as written: ' north' is not 'north'.",
              Optional.of(trimmed)));
    }
    return Optional.empty();
  }

  private static Finding error(
      String file, int number, String category, String title, String line) {
    return new Finding(
        file,
        number,
        "error",
        category,
        title,
        "The analysis would miscount: " + line,
        Optional.empty());
  }
}
