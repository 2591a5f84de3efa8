package dev.oncell.agent;

import java.util.List;
import java.util.Map;

/**
 * The cell's own SQL database (H2), for agents that want tables. Each call is one journaled step;
 * parameters bind to {@code ?} in order. The table {@code memory} is the platform's.
 */
public interface Db {

  /** Runs DDL or DML; returns the update count. */
  int update(String sql, Object... params);

  /** Runs a query; each row maps column labels (upper case, as H2 reports them) to values. */
  List<Map<String, Object>> query(String sql, Object... params);
}
