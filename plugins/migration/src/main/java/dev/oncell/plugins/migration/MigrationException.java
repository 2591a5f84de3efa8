package dev.oncell.plugins.migration;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import java.util.Objects;

/**
 * A migration that cannot start, with a stable code the caller can act on: the run fails with this
 * code and message, and nothing in the cell or on the remote has changed.
 */
final class MigrationException extends RuntimeException implements Failure {

  /** {@code from} and {@code to} are missing, blank or the same. */
  static final String INVALID_MIGRATION = "invalid_migration";

  /** {@code recipe} names no recipe of the catalogue. */
  static final String UNKNOWN_RECIPE = "unknown_recipe";

  /** {@code scope} is blank, absolute, leaves the repository or names no file. */
  static final String INVALID_SCOPE = "invalid_scope";

  /** Nothing in scope uses what is migrated from. */
  static final String NOTHING_TO_MIGRATE = "nothing_to_migrate";

  /** The repository has no tests to gate the steps with: no step could be called green. */
  static final String NO_TESTS = "no_tests";

  /** The tests fail before any change: a failing step could not be told from a failing start. */
  static final String TESTS_FAIL_BEFORE = "tests_fail_before";

  /** The customer's setup did not run (no clone, no toolchain). */
  static final String NOT_SET_UP = "not_set_up";

  private final String code;
  private final ErrorKind kind;

  MigrationException(String code, ErrorKind kind, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  static MigrationException invalid(String code, String message) {
    return new MigrationException(code, ErrorKind.INVALID, message);
  }

  static MigrationException conflict(String code, String message) {
    return new MigrationException(code, ErrorKind.CONFLICT, message);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
