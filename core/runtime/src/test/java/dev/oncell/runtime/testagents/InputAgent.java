package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** Reports the input each kind of parameter receives. Its agent name is {@code input}. */
@Extension
public class InputAgent extends Agent {

  public record Query(String text, int limit) {}

  public String record(Context ctx, Query query) {
    return query == null ? "null" : "query " + query.text() + " " + query.limit();
  }

  public String json(Context ctx, JsonNode input) {
    return input == null ? "null" : input.getNodeType() + " " + input;
  }

  public String maybe(Context ctx, Optional<Query> query) {
    return query == null ? "null" : query.map(q -> "query " + q.text()).orElse("empty");
  }

  public String text(Context ctx, String text) {
    return text == null ? "null" : "text " + text;
  }

  public String list(Context ctx, List<String> items) {
    return items == null ? "null" : "items " + items;
  }

  public String none(Context ctx) {
    return "no input";
  }
}
