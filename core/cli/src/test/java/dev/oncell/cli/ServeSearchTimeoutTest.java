package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --search-timeout} (env {@code ONCELL_SEARCH_TIMEOUT}): a bad value is a usage error.
 */
class ServeSearchTimeoutTest extends CliTestSupport {

  @Test
  void aBadSearchTimeoutIsAUsageErrorBeforeTheHostOpens() {
    Run zero = run("serve", "--home", home.resolve("h1").toString(), "--search-timeout", "0s");
    assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(2);
    assertThat(zero.err()).contains("search timeout must be positive");

    Map<String, String> env = serverEnv();
    env.put("ONCELL_SEARCH_TIMEOUT", "soon");
    Run words = run(env, "", "serve", "--home", home.resolve("h2").toString());
    assertThat(words.exitCode()).as(words.toString()).isEqualTo(2);
    assertThat(words.err()).contains("search timeout must look like 90s");
    assertThat(home.resolve("h1")).as("no ONCELL_HOME was created").doesNotExist();
  }
}
