package dev.oncell.runtime.internal.forge;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.runtime.CellException;

/**
 * A forge's failure as the run reports it: the forge's code kept as is, so a run fails with {@code
 * forge_auth_failed} and not some wrapper of it. The kinds follow {@code llm_*}'s: a refused token
 * is the customer's configuration ({@link ErrorKind#INVALID}, not the API's own 401, which would
 * tell an API client that its oncell key is wrong).
 */
final class ForgeFailures {

  private ForgeFailures() {}

  static CellException toCell(ForgeException e) {
    ErrorKind kind =
        switch (e.code()) {
          case ForgeException.FORBIDDEN -> ErrorKind.FORBIDDEN;
          case ForgeException.NOT_FOUND -> ErrorKind.NOT_FOUND;
          case ForgeException.RATE_LIMITED, ForgeException.UNAVAILABLE -> ErrorKind.UNAVAILABLE;
          default -> ErrorKind.INVALID;
        };
    // The forge's messages never hold the token (ForgeException's contract).
    return new CellException(kind, e.code(), e.getMessage(), e);
  }

  static CellException unknownForge(String message) {
    return CellException.invalid("forge_unknown", message);
  }

  static CellException badConfig(String message) {
    return CellException.invalid("forge_config_invalid", message);
  }
}
