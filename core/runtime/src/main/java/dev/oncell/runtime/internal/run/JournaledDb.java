package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.oncell.agent.Db;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code ctx.db()}: the cell's database, each statement a journaled step. */
final class JournaledDb implements Db {

  private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};

  private final ChokePoint steps;
  private final Db db;

  JournaledDb(ChokePoint steps, Db db) {
    this.steps = steps;
    this.db = db;
  }

  @Override
  public int update(String sql, Object... params) {
    return steps.call(
        "db.update", sql, Arrays.asList(params), Integer.class, () -> db.update(sql, params));
  }

  @Override
  public List<Map<String, Object>> query(String sql, Object... params) {
    return steps.call("db.query", sql, Arrays.asList(params), ROWS, () -> db.query(sql, params));
  }
}
