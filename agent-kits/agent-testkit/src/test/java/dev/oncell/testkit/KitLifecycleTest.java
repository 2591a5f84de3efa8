package dev.oncell.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.runtime.HostConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** Drives the kit's callbacks by hand to check what it leaves behind. */
class KitLifecycleTest {

  @Test
  void theHostIsConfiguredAsAskedAndItsHomeRemovedAfterwards() throws Exception {
    OncellTestKit kit =
        OncellTestKit.forAgent(NotesAgent.class)
            .withHostConfig(c -> c.withRunTimeout(Duration.ofSeconds(42)));
    kit.beforeAll(null);
    Path home = kit.host().config().home();
    assertThat(kit.host().config().runTimeout()).isEqualTo(Duration.ofSeconds(42));
    kit.beforeEach(null);
    kit.customer("acme").call("add", new NotesAgent.Note("todo", "x"));
    kit.afterEach(null);
    assertThat(kit.host().cells().find("acme")).as("the test's customer").isEmpty();
    kit.afterAll(null);
    assertThat(home).as("the kit's ONCELL_HOME").doesNotExist();
    assertThatThrownBy(kit::host).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aKitInAnInstanceFieldIsRefusedWithAHint() {
    OncellTestKit kit = OncellTestKit.forAgent(NotesAgent.class);
    assertThatThrownBy(() -> kit.beforeEach(null))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("static field");
  }

  @Test
  void aHomeOutsideTheKitIsRefused(@TempDir Path elsewhere) {
    OncellTestKit kit =
        OncellTestKit.forAgent(NotesAgent.class)
            .withHostConfig(c -> HostConfig.defaults(elsewhere));
    assertThatThrownBy(() -> kit.beforeAll(null))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("temporary home");
  }
}
