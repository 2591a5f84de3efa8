package dev.oncell.lsp.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.Context;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * A test agent whose runs look like the review agent's: progress events, then findings in its
 * result. Its agent name is {@code findings}.
 */
@Extension
public class FindingsAgent extends Agent {

  @Override
  public String name() {
    return "findings";
  }

  /** Two steps of progress, then two findings on one file and one on another. */
  public Map<String, Object> review(Context ctx) {
    ctx.stream("progress", Map.of("step", "reading", "progress", 0.25));
    ctx.stream("progress", Map.of("step", "thinking", "progress", 0.75));
    return Map.of(
        "verdict",
        "changes_requested",
        "findings",
        List.of(
            Map.of(
                "file", "src/app.py",
                "line", 2,
                "severity", "major",
                "category", "bug",
                "title", "Off by one",
                "body", "The loop stops one short.",
                "suggestion", "for i in range(n + 1):"),
            Map.of(
                "file", "src/app.py",
                "line", 5,
                "severity", "minor",
                "category", "style",
                "title", "Long line",
                "body", ""),
            Map.of(
                "finding",
                Map.of(
                    "file", "config.yml",
                    "line", 1,
                    "severity", "high",
                    "rule", "hardcoded-secret",
                    "category", "secrets",
                    "evidence", "a token in plain text"))));
  }

  /**
   * Proposes edits instead of making them (an {@code edits} event): one of two lines, and three a
   * hostile or careless agent could send (outside the cell, a range that ends before it starts, no
   * replacement), which the editor never sees.
   */
  public String propose(Context ctx) {
    ctx.stream(
        "edits",
        Map.of(
            "title",
            "Use a constant",
            "edits",
            List.of(
                Map.of(
                    "file",
                    "src/app.py",
                    "line",
                    1,
                    "endLine",
                    2,
                    "replacement",
                    "LIMIT = 10\nfor i in range(LIMIT):"),
                Map.of(
                    "file", "../../etc/passwd", "line", 1, "replacement", "root::0:0::/:/bin/sh"),
                Map.of("file", "src/app.py", "line", 3, "endLine", 2, "replacement", "x"),
                Map.of("file", "src/app.py", "line", 4))));
    return "proposed";
  }

  /** Rewrites one file and deletes another, as an agent's edit does. */
  public String edit(Context ctx) {
    ctx.store()
        .write("src/app.py", "print('edited')\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ctx.store().delete("notes.txt", false);
    return "edited";
  }

  /** Runs until cancelled. */
  @AgentMethod(timeout = "PT60S")
  public String slow(Context ctx) {
    ctx.stream("progress", Map.of("step", "sleeping"));
    ctx.shell("sleep 50");
    return "slept";
  }
}
