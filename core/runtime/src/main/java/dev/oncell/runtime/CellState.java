package dev.oncell.runtime;

/**
 * Where a cell is in its lifecycle: {@code CREATING -> ACTIVE -> PAUSING -> PAUSED -> WAKING ->
 * ACTIVE}, with {@code DELETING} and {@code FAILED} aside. Only {@code ACTIVE} holds open handles.
 */
public enum CellState {
  CREATING,
  ACTIVE,
  PAUSING,
  PAUSED,
  WAKING,
  DELETING,
  FAILED
}
