package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code serve}'s connection timeouts and cap and the language server's allowed origins: bad values
 * are usage errors before anything starts.
 */
class ServeConnectionOptionsTest extends CliTestSupport {

  @Test
  void badConnectionSettingsAreUsageErrors() {
    String[][] bad = {
      {"--header-timeout", "soon"},
      {"--header-timeout", "0s"},
      {"--body-timeout", "-5s"},
      {"--keep-alive-timeout", "PT0S"},
      {"--max-connections", "-1"},
      {"--lsp-origin", "ide.example.com"},
      {"--lsp-origin", "https://ide.example.com/app"},
    };
    for (String[] option : bad) {
      Run run = run("serve", "--no-examples", "--port", "0", option[0], option[1]);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).as(run.toString()).contains("invalid_option");
    }
    Map<String, String> env = serverEnv();
    env.put("ONCELL_MAX_CONNECTIONS", "many");
    Run run = run(env, "", "serve", "--no-examples", "--port", "0");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("ONCELL_MAX_CONNECTIONS");
    assertThat(home.resolve("oncell-home/control")).as("nothing started").doesNotExist();
  }
}
