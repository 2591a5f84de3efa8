package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.agent.ErrorKind;
import dev.oncell.llm.LlmException;
import dev.oncell.search.SearchException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link CellException#from}: the one translation of another module's failure. */
class CellExceptionTest {

  @Test
  void anLlmFailureKeepsItsCodeAndMessage_retryableIsUnavailable() {
    CellException e =
        CellException.from(new LlmException(LlmException.RATE_LIMITED, "slow down", true));

    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e.code()).isEqualTo("llm_rate_limited");
    assertThat(e.getMessage()).isEqualTo("slow down");
    assertThat(e.retryable()).isTrue();
    assertThat(e.kind().httpStatus()).isEqualTo(503);
  }

  @Test
  void aTerminalLlmFailureIsInvalid() {
    CellException e =
        CellException.from(LlmException.terminal(LlmException.UNKNOWN_MODEL, "no model 'x'"));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
    assertThat(e.code()).isEqualTo("llm_unknown_model");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void searchFailures_invalidStoppedAndFaulty() {
    assertThat(CellException.from(SearchException.invalid("invalid_regex", "bad")))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.code()).isEqualTo("invalid_regex");
            });
    assertThat(CellException.from(SearchException.timeout("too slow")))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.code()).isEqualTo("search_timeout");
            });
    assertThat(CellException.from(new SearchException("index broke", false)))
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.code())
                  .as("a host fault is 'internal' on the wire")
                  .isEqualTo("internal");
            });
  }

  @Test
  void aFaultCausedByAFullDiskIsDiskFull() {
    SearchException fault =
        new SearchException("cannot write", false, new IOException("No space left on device"));

    CellException e = CellException.from(fault);

    assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE_FULL);
    assertThat(e.code()).isEqualTo("disk_full");
    assertThat(e.kind().httpStatus()).isEqualTo(507);
  }

  @Test
  void aCellExceptionIsItself() {
    CellException original = CellException.conflict("exists", "already there");

    assertThat(CellException.from(original)).isSameAs(original);
  }
}
