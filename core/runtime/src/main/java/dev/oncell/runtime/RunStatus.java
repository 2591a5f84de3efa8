package dev.oncell.runtime;

/** Where a run is. Every status but RUNNING is final. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELLED;

  public boolean finished() {
    return this != RUNNING;
  }

  /** The lower-case form the API uses. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
