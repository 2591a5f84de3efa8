package dev.oncell.lsp;

import com.google.gson.JsonObject;
import dev.oncell.client.OncellApiException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Turns failures into JSON-RPC errors whose {@code data} carries the oncell code, so that an editor
 * can tell a version conflict from a missing file without parsing messages.
 */
final class Failures {

  private Failures() {}

  /** A request's parameter is missing or wrong. */
  static ResponseErrorException invalidParams(String code, String message) {
    return error(ResponseErrorCode.InvalidParams.getValue(), code, 400, message);
  }

  /** A request after {@code shutdown}. */
  static ResponseErrorException shutDown() {
    return error(
        ResponseErrorCode.InvalidRequest.getValue(),
        "shut_down",
        0,
        "the language server is shutting down; only exit is accepted");
  }

  /** Too many requests of one editor at once: it must wait for some to answer. */
  static ResponseErrorException busy(int limit) {
    return error(
        ResponseErrorCode.RequestFailed.getValue(),
        "busy",
        503,
        "at most " + limit + " requests of one editor run at once; retry when some have answered");
  }

  /** Whatever a handler threw, as the error the client gets. */
  static ResponseErrorException toResponseError(Throwable thrown) {
    Throwable e = thrown;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return switch (e) {
      case ResponseErrorException r -> r;
      case CancellationException c ->
          error(ResponseErrorCode.RequestCancelled.getValue(), "cancelled", 0, "cancelled");
      case OncellApiException api ->
          error(
              ResponseErrorCode.RequestFailed.getValue(),
              api.code(),
              api.status(),
              api.getMessage());
      default ->
          error(
              ResponseErrorCode.InternalError.getValue(),
              "internal",
              500,
              e.getClass().getSimpleName() + ": " + e.getMessage());
    };
  }

  private static ResponseErrorException error(
      int rpcCode, String code, int status, String message) {
    JsonObject data = new JsonObject();
    data.addProperty("code", code);
    data.addProperty("status", status);
    return new ResponseErrorException(new ResponseError(rpcCode, message, data));
  }
}
