package dev.oncell.examples.analysis;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed sales CSV: the header {@code date,region,product,units,revenue} and one row per line.
 * Parsing checks every row, so that the shell commands of {@link Analysis} can trust the file.
 */
record Dataset(List<Object[]> rows) {

  private static final String HEADER = String.join(",", DataAnalysisAgent.COLUMNS);

  static Dataset parse(String csv) {
    List<String> lines = csv.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty() || !lines.getFirst().equalsIgnoreCase(HEADER)) {
      throw new IllegalArgumentException("the dataset's first line must be " + HEADER);
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      rows.add(row(lines.get(i), i + 1));
    }
    return new Dataset(List.copyOf(rows));
  }

  private static Object[] row(String line, int number) {
    String[] fields = line.split(",", -1);
    if (fields.length != DataAnalysisAgent.COLUMNS.size()) {
      throw new IllegalArgumentException(
          "line " + number + " of the dataset has " + fields.length + " fields, not 5: " + line);
    }
    try {
      return new Object[] {
        LocalDate.parse(fields[0]),
        fields[1],
        fields[2],
        Integer.parseInt(fields[3]),
        new BigDecimal(fields[4])
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("line " + number + " of the dataset: " + e.getMessage());
    }
  }

  /** The dataset as the agent stores it: the header, then one line per row, each ending in \n. */
  byte[] csv() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i == 0 ? "" : ",").append(row[i]);
      }
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  List<List<Object[]>> chunks(int size) {
    List<List<Object[]>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += size) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + size)));
    }
    return chunks;
  }
}
