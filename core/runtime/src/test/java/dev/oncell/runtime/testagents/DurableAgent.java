package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.Context;
import dev.oncell.agent.StepOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A test agent for crash and replay tests. It records every execution of a step body in a counter
 * file outside the cell (agent code runs in the host), and can be held at a step until a gate file
 * appears, so that a test can stop the host in the middle of that step.
 *
 * <p>Config: {@code counter} (file), {@code gate} (file), {@code holdAt} (step number), {@code
 * mode} (file whose content changes one step's name: a non-deterministic agent), {@code llm} (a
 * stand-in model URL that counts requests).
 */
@Extension
public class DurableAgent extends Agent {

  public record Plan(List<String> edits) {}

  public record Outcome(int steps, String commit, String plan) {}

  /** The "add dark mode" run: search, llm, edits, tests, commit. */
  @AgentMethod(timeout = "PT5M")
  public Outcome darkMode(Context ctx) {
    JsonNode config = ctx.config();
    Gate gate = new Gate(config);
    String hits = ctx.step("search", String.class, () -> gate.pass(1, "src/theme.css"));
    String plan =
        ctx.step(
            "llm",
            String.class,
            () -> {
              gate.pass(2, "llm");
              return ask(config.path("llm").asText(), "add dark mode given " + hits);
            });
    for (int i = 3; i <= 6; i++) {
      int step = i;
      ctx.step(
          "edit-" + step,
          String.class,
          () -> {
            gate.pass(step, "edit");
            return ctx.shell("echo 'dark " + step + "' >> theme-" + step + ".css").stdout();
          });
    }
    String tests =
        ctx.step(
            "tests",
            String.class,
            () -> {
              gate.pass(7, "tests");
              return ctx.shell("cat theme-*.css | wc -l").stdout().strip();
            });
    String commit =
        ctx.step(
            "commit",
            String.class,
            StepOptions.defaults()
                .sideEffect("commit-" + ctx.runId())
                .reconcile(() -> gate.sideEffectHappened("commit")),
            () -> gate.sideEffect(8, "commit"));
    return new Outcome(Integer.parseInt(tests), commit, plan);
  }

  /** A long run for the crash loop: {@code n} steps, every fifth one a side effect. */
  @AgentMethod(timeout = "PT10M")
  public int longRun(Context ctx, int n) {
    Gate gate = new Gate(ctx.config());
    int done = 0;
    for (int i = 1; i <= n; i++) {
      int step = i;
      if (step % 5 == 0) {
        ctx.step(
            "effect-" + step,
            String.class,
            StepOptions.defaults()
                .sideEffect("effect-" + step)
                .reconcile(() -> gate.sideEffectHappened("effect-" + step)),
            () -> gate.sideEffect(step, "effect-" + step));
      } else {
        ctx.step(
            "work-" + step,
            Integer.class,
            () -> {
              gate.pass(step, "work");
              return step;
            });
      }
      done++;
    }
    return done;
  }

  /** Its step 3 is named after the content of the mode file: changing it breaks determinism. */
  public String moody(Context ctx) {
    Gate gate = new Gate(ctx.config());
    ctx.step("one", String.class, () -> gate.pass(1, "one"));
    ctx.step("two", String.class, () -> gate.pass(2, "two"));
    ctx.step("three-" + gate.mode(), String.class, () -> gate.pass(3, "three"));
    ctx.step("four", String.class, () -> gate.pass(4, "four"));
    return "moody done";
  }

  /** A side effect without a reconcile check. */
  public String unreconciled(Context ctx) {
    Gate gate = new Gate(ctx.config());
    return ctx.step(
        "pay",
        String.class,
        StepOptions.defaults().sideEffect("pay-1"),
        () -> gate.sideEffect(1, "pay"));
  }

  /** Fails twice, then succeeds, within its retry policy. */
  public String flaky(Context ctx) {
    Gate gate = new Gate(ctx.config());
    return ctx.step(
        "flaky",
        String.class,
        StepOptions.defaults().retry(3, Duration.ofMillis(10)),
        () -> {
          gate.pass(1, "flaky");
          if (gate.count("flaky") < 3) {
            throw new IllegalStateException("not yet");
          }
          return "finally";
        });
  }

  /** A slow shell step to cancel; the duration makes its process easy to find. */
  public String sleeper(Context ctx, String seconds) {
    return ctx.shell("sleep " + seconds).stdout();
  }

  private static String ask(String url, String prompt) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .POST(HttpRequest.BodyPublishers.ofString(prompt))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The counter file, the gate and the mode, outside the cell. */
  record Gate(Path counter, Path gate, int holdAt, Optional<Path> modeFile, int stepMillis) {

    Gate(JsonNode config) {
      this(
          Path.of(config.path("counter").asText()),
          Path.of(config.path("gate").asText("/nonexistent-gate")),
          config.path("holdAt").asInt(-1),
          Optional.ofNullable(config.get("mode")).map(m -> Path.of(m.asText())),
          config.path("stepMillis").asInt(0));
    }

    /** Makes each step take a while, so that a crash can land in the middle of one. */
    private void pause() {
      if (stepMillis > 0) {
        try {
          Thread.sleep(stepMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
      }
    }

    /** Records an execution of step {@code step}; holds there until the gate file exists. */
    String pass(int step, String what) {
      append(what + "\n");
      pause();
      if (step == holdAt) {
        append("holding " + step + "\n");
        while (!Files.exists(gate)) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held at step " + step);
          }
        }
      }
      return what + "-done";
    }

    /** An effect outside the cell, recorded once per execution; then maybe held. */
    String sideEffect(int step, String name) {
      pause();
      append("effect " + name + "\n");
      pass(step, "after " + name);
      return "receipt-" + name;
    }

    Optional<?> sideEffectHappened(String name) {
      return count("effect " + name) > 0 ? Optional.of("receipt-" + name) : Optional.empty();
    }

    long count(String line) {
      try {
        return Files.exists(counter)
            ? Files.readAllLines(counter).stream().filter(line::equals).count()
            : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String mode() {
      try {
        return modeFile.isPresent() ? Files.readString(modeFile.get()).strip() : "a";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void append(String text) {
      try {
        Files.writeString(
            counter,
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.SYNC);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
