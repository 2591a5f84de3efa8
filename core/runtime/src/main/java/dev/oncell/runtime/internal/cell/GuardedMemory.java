package dev.oncell.runtime.internal.cell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Memory;
import java.util.List;
import java.util.Optional;

/** The cell's memory as callers see it: each call wakes the cell and holds off a pause. */
public record GuardedMemory(LiveCell cell) implements Memory {

  @Override
  public void set(String key, JsonNode value) {
    CellMemory.checkKey(key);
    cell.use(
        h -> {
          h.memory().set(key, value);
          return null;
        });
  }

  @Override
  public Optional<JsonNode> get(String key) {
    CellMemory.checkKey(key);
    return cell.use(h -> h.memory().get(key));
  }

  @Override
  public List<String> keys() {
    return cell.use(h -> h.memory().keys());
  }

  @Override
  public boolean delete(String key) {
    CellMemory.checkKey(key);
    return cell.use(h -> h.memory().delete(key));
  }
}
