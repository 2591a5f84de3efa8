package dev.oncell.plugins.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line coverage, in percent, from the report a project's test command writes: coverage.py's JSON
 * ({@code coverage json}: {@code totals.percent_covered}), JaCoCo's XML (the report's own {@code
 * LINE} counter, its last), Cobertura's XML ({@code line-rate}) or lcov ({@code LF}/{@code LH}). A
 * report that is none of these, or too large, gives no figure, and the gate says so.
 */
final class Coverage {

  /** Where test commands usually write their report, looked for when none is configured. */
  static final List<String> USUAL_REPORTS =
      List.of(
          "coverage.json",
          "coverage.xml",
          "target/site/jacoco/jacoco.xml",
          "build/reports/jacoco/test/jacocoTestReport.xml",
          "coverage/lcov.info");

  /** Larger reports are not read. */
  static final int MAX_BYTES = 16 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JACOCO_LINE =
      Pattern.compile("<counter type=\"LINE\" missed=\"(\\d+)\" covered=\"(\\d+)\"/>");
  private static final Pattern COBERTURA =
      Pattern.compile("<coverage\\b[^>]{0,2000}?\\bline-rate=\"([0-9.]+)\"");
  private static final Pattern LCOV = Pattern.compile("(?m)^(LF|LH):(\\d+)$");

  private Coverage() {}

  static OptionalDouble percent(String path, byte[] report) {
    if (report.length > MAX_BYTES) {
      return OptionalDouble.empty();
    }
    String text = new String(report, StandardCharsets.UTF_8);
    if (path.endsWith(".json")) {
      try {
        JsonNode pct = JSON.readTree(text).path("totals").path("percent_covered");
        return pct.isNumber() ? OptionalDouble.of(pct.asDouble()) : OptionalDouble.empty();
      } catch (IOException e) {
        return OptionalDouble.empty();
      }
    }
    if (path.endsWith(".info")) {
      long found = 0;
      long hit = 0;
      Matcher m = LCOV.matcher(text);
      while (m.find()) {
        if (m.group(1).equals("LF")) {
          found += Long.parseLong(m.group(2));
        } else {
          hit += Long.parseLong(m.group(2));
        }
      }
      return found == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * hit / found);
    }
    Matcher jacoco = JACOCO_LINE.matcher(text);
    long missed = -1;
    long covered = 0;
    while (jacoco.find()) {
      missed = Long.parseLong(jacoco.group(1));
      covered = Long.parseLong(jacoco.group(2));
    }
    if (missed >= 0) {
      return missed + covered == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(100.0 * covered / (missed + covered));
    }
    Matcher cobertura = COBERTURA.matcher(text);
    if (cobertura.find()) {
      return OptionalDouble.of(100.0 * Double.parseDouble(cobertura.group(1)));
    }
    return OptionalDouble.empty();
  }
}
