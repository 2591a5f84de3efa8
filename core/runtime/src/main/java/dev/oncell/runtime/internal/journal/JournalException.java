package dev.oncell.runtime.internal.journal;

/** A journal cannot be written or read; the run cannot go on safely. Terminal for the run. */
public class JournalException extends RuntimeException {

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
