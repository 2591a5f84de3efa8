package dev.oncell.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsEveryFormOfTheOneGrammar() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("90"))
        .as("a bare number is seconds")
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 30M ")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("P2D")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void anythingElseIsOneClearMessage() {
    for (String bad :
        new String[] {"", "soon", "10 minutes", "-5s", "1.5h", "10y", "9".repeat(20)}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("duration must look like " + Durations.FORMS + ", not '" + bad + "'");
    }
    assertThat(Durations.message("search timeout", "x"))
        .isEqualTo(
            "search timeout must look like 90s, 30m, 2h, 7d, 500ms or an ISO-8601 duration such as PT30M, not 'x'");
  }
}
