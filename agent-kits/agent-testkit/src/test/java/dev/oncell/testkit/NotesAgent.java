package dev.oncell.testkit;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.pf4j.Extension;

/** The agent the testkit's own tests run; its agent name is {@code notes}. */
@Extension
public class NotesAgent extends Agent {

  public record Note(String title, String text) {}

  public record Saved(String path, int notes) {}

  @Override
  public void setup(Context ctx) {
    if (ctx.config().path("refuse").asBoolean()) {
      throw new IllegalStateException("this customer is refused by its config");
    }
    ctx.store().write("notes/README.md", bytes("notes of " + ctx.customerId()));
    ctx.memory().set("tier", TextNode.valueOf(ctx.config().path("tier").asText("free")));
    ctx.stream("progress", Map.of("setup", 1.0));
  }

  public Saved add(Context ctx, Note note) {
    String path = "notes/" + note.title() + ".txt";
    ctx.store().write(path, bytes(note.text()));
    ctx.stream("saved", Map.of("path", path));
    int count = Integer.parseInt(ctx.shell("ls notes | wc -l").stdout().strip());
    return new Saved(path, count);
  }

  public String fail(Context ctx) {
    throw new IllegalStateException("no note today");
  }

  /** The class loader that loaded this agent: PF4J's, not the test's. */
  public String loader(Context ctx) {
    return getClass().getClassLoader().getClass().getName();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
