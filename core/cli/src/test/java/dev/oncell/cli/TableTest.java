package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAreAlignedWithoutTrailingBlanks() {
    StringWriter text = new StringWriter();

    Table.of("ID", "STATE", "AGENT")
        .row("acme", "ACTIVE", "-")
        .row("a-much-longer-id", "PAUSED", "coder")
        .print(new PrintWriter(text));

    assertThat(text.toString().lines())
        .containsExactly(
            "ID                STATE   AGENT",
            "acme              ACTIVE  -",
            "a-much-longer-id  PAUSED  coder");
  }

  @Test
  void aRowWithTheWrongNumberOfCells_isRejected() {
    assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
