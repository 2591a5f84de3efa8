package dev.oncell.runtime.internal.mirror;

import dev.oncell.agent.ErrorKind;
import dev.oncell.git.GitException;
import dev.oncell.runtime.CellException;

/** A {@link GitException} of the host's git engine as the runtime reports it: same code. */
final class GitErrors {

  private GitErrors() {}

  static CellException toCell(GitException e) {
    ErrorKind kind =
        switch (e.kind()) {
          case INVALID -> ErrorKind.INVALID;
          case REFUSED -> ErrorKind.FORBIDDEN;
          case NOT_FOUND -> ErrorKind.NOT_FOUND;
          case UNAVAILABLE -> ErrorKind.UNAVAILABLE;
          case INTERNAL -> ErrorKind.INTERNAL;
        };
    if (e.code().startsWith("git_push_")) {
      kind = ErrorKind.CONFLICT;
    }
    return new CellException(kind, e.code(), e.getMessage(), e);
  }
}
