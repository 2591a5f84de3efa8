package dev.oncell.plugins.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.FileStore;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.tools.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Installs the repository's dependencies at setup, where the cell may reach a registry: the
 * customer's {@code installCommand}, else what the repository's files name. Never fatal: a project
 * whose tests need nothing installed works either way, and the outcome is remembered (memory key
 * {@link #MEMORY_KEY}) and said as progress, so a later failing test run can be read with it.
 *
 * <p>The command runs in the cell's sandbox with a time limit. Without egress (no {@code
 * HTTPS_PROXY} in the cell) it is skipped at once rather than left to time out.
 */
final class Dependencies {

  static final String MEMORY_KEY = "dependencies";

  /** Exit codes of the wrapper script, never used by the installers themselves. */
  private static final int NO_EGRESS = 86;

  private static final int NO_TOOL = 87;

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** What to run and why: the file it comes from, or {@code config}. */
  record Install(String command, String tool, String source) {}

  /** The files that name an installer, in order of precedence. */
  private static final List<Install> DETECTED =
      List.of(
          new Install("npm ci --no-audit --no-fund", "npm", "package-lock.json"),
          new Install("npm install --no-audit --no-fund", "npm", "package.json"),
          new Install(
              "python3 -m pip install --user -r requirements.txt", "python3", "requirements.txt"),
          new Install("go mod download", "go", "go.mod"));

  private Dependencies() {}

  /** The install of this repository, if it needs one. */
  static Optional<Install> detect(FileStore files, JsonNode config) {
    String configured = config.path("installCommand").asText("").strip();
    if (!configured.isEmpty()) {
      return Optional.of(new Install(configured, "sh", "config"));
    }
    return DETECTED.stream().filter(i -> files.exists(i.source())).findFirst();
  }

  /** Runs the install (if any) and remembers its outcome. */
  static void install(Context ctx, JsonNode config) {
    Optional<Install> found = detect(ctx.store(), config);
    if (found.isEmpty()) {
      remember(ctx, "none", "no dependencies to install");
      return;
    }
    Install install = found.get();
    String script =
        "[ -n \"$HTTPS_PROXY\" ] || exit "
            + NO_EGRESS
            + "\ncommand -v "
            + install.tool()
            + " >/dev/null 2>&1 || exit "
            + NO_TOOL
            + "\n"
            + install.command();
    Progress.say(ctx, "dependencies", "installing: " + install.command());
    ShellResult r = ctx.shell(script, ShellOptions.defaults().withTimeout(TIMEOUT));
    String outcome;
    String message;
    if (r.exitCode() == NO_EGRESS) {
      outcome = "skipped";
      message = "not installed: the cell has no network egress";
    } else if (r.exitCode() == NO_TOOL) {
      outcome = "skipped";
      message = "not installed: " + install.tool() + " is not in the cell";
    } else if (r.timedOut()) {
      outcome = "failed";
      message = install.command() + " took longer than " + TIMEOUT.toMinutes() + " minutes";
    } else if (r.exitCode() != 0) {
      outcome = "failed";
      message = install.command() + " failed (exit " + r.exitCode() + "): " + lastLine(r.stderr());
    } else {
      outcome = "installed";
      message = "installed with " + install.command() + " (from " + install.source() + ")";
    }
    remember(ctx, outcome, message);
  }

  private static void remember(Context ctx, String outcome, String message) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("outcome", outcome);
    node.put("message", message);
    ctx.memory().set(MEMORY_KEY, node);
    Progress.say(ctx, "dependencies", message);
  }

  private static String lastLine(String text) {
    String t = text.strip();
    int nl = t.lastIndexOf('\n');
    return nl < 0 ? t : t.substring(nl + 1);
  }
}
