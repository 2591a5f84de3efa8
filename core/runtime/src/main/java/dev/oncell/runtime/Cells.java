package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The registry of cells, one per customer. */
public interface Cells {

  /**
   * Creates a cell with its folders and an empty database.
   *
   * @throws CellException {@code invalid_customer_id} (INVALID) for an id outside {@code
   *     [a-z0-9][a-z0-9-]{0,62}}, {@code customer_exists} (CONFLICT) for a duplicate
   */
  default CellInfo create(String id, JsonNode config) {
    return create(new NewCell(id, config, Optional.empty(), "production"));
  }

  /**
   * Creates a cell; with an agent, starts the agent's {@code setup} in it and returns with the cell
   * CREATING (ACTIVE once setup succeeds, FAILED with the error otherwise).
   *
   * @throws CellException also {@code unknown_agent} (INVALID) when no version of the agent is
   *     deployed to {@code env}, {@code invalid_env}
   */
  CellInfo create(NewCell request);

  /** What a new cell is made of. */
  record NewCell(String id, JsonNode config, Optional<String> agent, String env) {
    public NewCell {
      java.util.Objects.requireNonNull(id, "id");
      java.util.Objects.requireNonNull(config, "config");
      java.util.Objects.requireNonNull(agent, "agent");
      java.util.Objects.requireNonNull(env, "env");
    }
  }

  Optional<CellInfo> find(String id);

  /** All cells, sorted by id. */
  List<CellInfo> list();

  /**
   * A cell with what it runs with; walks its work folder to measure its disk use. Does not wake it.
   *
   * @throws CellException {@code not_found} for an unknown id
   */
  CellDetails inspect(String id);

  /** Every cell with what it runs with, sorted by id; disk use as last measured, not walked now. */
  List<CellDetails> inspectAll();

  /**
   * A handle to use the cell; calls on a paused cell wake it.
   *
   * @throws CellException {@code not_found} for an unknown id
   */
  Cell cell(String id);

  /** Closes the cell's handles; its files stay. A no-op on a paused cell. */
  CellInfo pause(String id);

  /** Opens the cell's handles again. A no-op on an active cell. */
  CellInfo resume(String id);

  /** Removes the cell and every byte of its data. */
  void delete(String id);
}
