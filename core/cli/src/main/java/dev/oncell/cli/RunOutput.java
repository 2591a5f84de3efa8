package dev.oncell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.client.ApiError;
import dev.oncell.client.RunEvent;
import dev.oncell.client.RunResult;
import java.io.PrintWriter;

/**
 * How {@code run}, {@code stream} and {@code runs events} print run events and results. An event is
 * one line: a {@code shell} event its output line, a {@code step} event {@code step <name> <status>
 * [<progress>%]}, any other {@code [<type>] <data as compact JSON>}; with {@code --json} every
 * event, the last included, is one JSON line {@code {"id", "type", "data"}}.
 */
final class RunOutput {

  private RunOutput() {}

  /** The one-line text form of an event (not used for the last event, whose result is printed). */
  static String text(RunEvent event) {
    JsonNode data = event.data();
    return switch (event.type()) {
      case "shell" -> data.path("line").asText(Json.compact(data));
      case "step" -> step(data);
      default -> "[" + event.type() + "] " + Json.compact(data);
    };
  }

  private static String step(JsonNode data) {
    StringBuilder line =
        new StringBuilder("step ")
            .append(data.path("step").asText("?"))
            .append(' ')
            .append(data.path("status").asText("?"));
    JsonNode progress = data.path("progress");
    if (progress.isNumber()) {
      // The platform sends 0..1; a value above 1 is taken as already a percentage.
      double value = progress.asDouble();
      line.append(' ').append(Math.round(value <= 1 ? value * 100 : value)).append('%');
    }
    return line.toString();
  }

  /**
   * Prints one event as it arrives: as a JSON line with {@code jsonLines}, else as text unless it
   * is the run's last event.
   */
  static void event(PrintWriter out, RunEvent event, boolean jsonLines) {
    if (jsonLines) {
      out.println(Json.compact(event.toJson()));
    } else if (!event.last()) {
      out.println(text(event));
    }
    out.flush();
  }

  /**
   * Prints a run's result value (indented JSON; {@code null} when there is none) unless the run
   * failed without one, then, if it did not succeed, the one error line. Returns the exit code: 0
   * when it succeeded, 1 otherwise.
   */
  static int result(PrintWriter out, PrintWriter err, RunResult result) {
    if (result.succeeded() || result.result().isPresent()) {
      Json.print(out, result.result().orElse(NullNode.getInstance()));
    }
    return failure(err, result);
  }

  /** Prints the error line if the run did not succeed; returns the exit code. */
  static int failure(PrintWriter err, RunResult result) {
    if (result.succeeded()) {
      return 0;
    }
    String status = result.status().replace('_', ' ');
    String message =
        "run "
            + result.runId()
            + " "
            + status
            + result.error().map(e -> ": " + e.message()).orElse("");
    ErrorHandler.printError(
        err, message, result.error().map(ApiError::code).orElse(result.status()));
    return exitCode(result);
  }

  static int exitCode(RunResult result) {
    return result.succeeded() ? 0 : ErrorHandler.API_ERROR;
  }
}
