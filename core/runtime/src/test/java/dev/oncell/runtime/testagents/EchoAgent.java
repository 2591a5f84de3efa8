package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.Context;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.IndexResult;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** A test agent that exercises every wired Context call. Its agent name is {@code echo}. */
@Extension
public class EchoAgent extends Agent {

  public record Message(String text, int times) {}

  public record Reply(String text, String customer, String version) {}

  @Override
  public void setup(Context ctx) {
    ctx.store()
        .write("README.md", ("set up for " + ctx.customerId()).getBytes(StandardCharsets.UTF_8));
    ctx.memory().set("setup", TextNode.valueOf("done"));
    ctx.stream("progress", Map.of("setup", 1.0));
  }

  public record CodeQuery(String query, int topK, String regex) {}

  public record CodeAnswer(IndexResult index, List<SearchHit> hits, List<GrepMatch> grep) {}

  /** Indexes the whole work folder, then searches and greps it. */
  public CodeAnswer code(Context ctx, CodeQuery query) {
    IndexResult index = ctx.index("/work");
    return new CodeAnswer(
        index, ctx.search(query.query(), query.topK()), ctx.grep(query.regex(), Optional.empty()));
  }

  public Reply echo(Context ctx, Message message) {
    return new Reply(message.text().repeat(message.times()), ctx.customerId(), "1");
  }

  public ShellResult lines(Context ctx) {
    return ctx.shell("echo first; echo second >&2; cat README.md");
  }

  public List<Object> orchestrate(Context ctx) {
    return ctx.orchestrator("build").stream(
        Step.of("compile", () -> "compiled"),
        Step.of("test", () -> ctx.shell("echo tested").stdout().strip()),
        Step.of("package", () -> ctx.step("jar", String.class, () -> "app.jar")));
  }

  public Map<String, Object> database(Context ctx) {
    ctx.db().update("CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, text VARCHAR(100))");
    ctx.db().update("MERGE INTO notes KEY (id) VALUES (?, ?)", 1, "hello");
    return ctx.db().query("SELECT text FROM notes WHERE id = ?", 1).getFirst();
  }

  public String config(Context ctx) {
    return ctx.config().path("tier").asText("none");
  }

  public String fail(Context ctx) {
    throw new IllegalStateException("boom from the agent");
  }

  /** An agent's own failure with a code of its choosing, as agent-api's {@code Failure}. */
  public static final class EchoFailure extends RuntimeException
      implements dev.oncell.agent.Failure {
    EchoFailure() {
      super("the text to echo is missing");
    }

    @Override
    public String code() {
      return "echo_text_missing";
    }

    @Override
    public dev.oncell.agent.ErrorKind kind() {
      return dev.oncell.agent.ErrorKind.INVALID;
    }
  }

  public String failWithCode(Context ctx) {
    throw new EchoFailure();
  }

  public String unsupported(Context ctx) {
    return ctx.secret("token").toString();
  }

  @AgentMethod(timeout = "PT1S")
  public String hang(Context ctx) {
    ctx.shell("sleep 60");
    return "never";
  }

  @AgentMethod(timeout = "PT1S")
  public String spin(Context ctx) {
    // Ignores interrupts for a while, then tries one more call: it must be refused.
    long until = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    ctx.store().write("after-timeout.txt", new byte[] {1});
    return "too late";
  }

  public record Nap(int millis) {}

  @AgentMethod(name = "slow", timeout = "PT30S")
  public String slowly(Context ctx, Nap nap) {
    ctx.shell("sleep " + nap.millis() / 1000.0);
    return "slept";
  }
}
