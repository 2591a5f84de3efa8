package dev.oncell.runtime;

import dev.oncell.llm.VariableResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a host runs.
 *
 * @param home where all state lives ({@code ONCELL_HOME})
 * @param sandbox the default sandbox backend of cells whose deployment names none: {@code auto}
 *     (default: the strongest backend that works here, gVisor then bubblewrap), {@code gvisor},
 *     {@code bubblewrap} or {@code none}
 * @param defaultShellTimeout timeout of a shell command that names none
 * @param maxShellTimeout the longest timeout a command may ask for
 * @param shellOutputLimitBytes cap on each of a command's stdout and stderr
 * @param maxFileReadBytes the largest file {@code FileStore.read} loads into memory
 * @param runTimeout how long a run may take when its method names no timeout
 * @param journalRetention how long the journal of a finished run is kept
 * @param embeddingModel the in-process model that embeds code for semantic search, or {@code none}
 *     for keyword-only indexes
 * @param configFile the server's config file ({@code ONCELL_HOME/oncell.yaml} by default); its
 *     {@code llm} section configures LLM providers
 * @param environment where {@code $VAR} references of the config file are looked up after the
 *     operator's secrets (the process environment by default)
 * @param cells idle timeout, idle checks and the limits an agent's {@code CellSpec} does not set
 * @param clock the time source (injected in tests)
 * @param search the time budget of a search or grep and the pools that run code search
 */
public record HostConfig(
    Path home,
    String sandbox,
    Duration defaultShellTimeout,
    Duration maxShellTimeout,
    int shellOutputLimitBytes,
    long maxFileReadBytes,
    Duration runTimeout,
    Duration journalRetention,
    String embeddingModel,
    Path configFile,
    VariableResolver environment,
    CellDefaults cells,
    Clock clock,
    SearchLimits search) {

  public HostConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(defaultShellTimeout, "defaultShellTimeout");
    Objects.requireNonNull(maxShellTimeout, "maxShellTimeout");
    Objects.requireNonNull(runTimeout, "runTimeout");
    Objects.requireNonNull(journalRetention, "journalRetention");
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(cells, "cells");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(search, "search");
    home = home.toAbsolutePath().normalize();
    configFile = home.resolve(configFile).toAbsolutePath().normalize();
  }

  /**
   * Sane defaults: the strongest sandbox that works here, 60 s commands (at most 10 min), 1 MiB
   * output per stream, 30 min runs.
   */
  public static HostConfig defaults(Path home) {
    return new HostConfig(
        home,
        "auto",
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        1 << 20,
        64L << 20,
        Duration.ofMinutes(30),
        Duration.ofDays(7),
        dev.oncell.search.Embedders.STANDARD,
        home.resolve("oncell.yaml"),
        name -> Optional.ofNullable(System.getenv(name)),
        CellDefaults.defaults(),
        Clock.systemUTC(),
        SearchLimits.defaults());
  }

  public HostConfig withSandbox(String value) {
    return toBuilder().sandbox(value).build();
  }

  public HostConfig withRunTimeout(Duration value) {
    return toBuilder().runTimeout(value).build();
  }

  public HostConfig withJournalRetention(Duration value) {
    return toBuilder().journalRetention(value).build();
  }

  public HostConfig withClock(Clock value) {
    return toBuilder().clock(value).build();
  }

  public HostConfig withEmbeddingModel(String value) {
    return toBuilder().embeddingModel(value).build();
  }

  public HostConfig withConfigFile(Path value) {
    return toBuilder().configFile(value).build();
  }

  public HostConfig withEnvironment(VariableResolver value) {
    return toBuilder().environment(value).build();
  }

  public HostConfig withCells(CellDefaults value) {
    return toBuilder().cells(value).build();
  }

  public HostConfig withSearch(SearchLimits value) {
    return toBuilder().search(value).build();
  }

  /** A builder that starts from this config, for changing several settings at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes settings of a config; {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private Path home;
    private String sandbox;
    private Duration defaultShellTimeout;
    private Duration maxShellTimeout;
    private int shellOutputLimitBytes;
    private long maxFileReadBytes;
    private Duration runTimeout;
    private Duration journalRetention;
    private String embeddingModel;
    private Path configFile;
    private VariableResolver environment;
    private CellDefaults cells;
    private Clock clock;
    private SearchLimits search;

    private Builder(HostConfig config) {
      this.home = config.home();
      this.sandbox = config.sandbox();
      this.defaultShellTimeout = config.defaultShellTimeout();
      this.maxShellTimeout = config.maxShellTimeout();
      this.shellOutputLimitBytes = config.shellOutputLimitBytes();
      this.maxFileReadBytes = config.maxFileReadBytes();
      this.runTimeout = config.runTimeout();
      this.journalRetention = config.journalRetention();
      this.embeddingModel = config.embeddingModel();
      this.configFile = config.configFile();
      this.environment = config.environment();
      this.cells = config.cells();
      this.clock = config.clock();
      this.search = config.search();
    }

    public Builder home(Path value) {
      this.home = value;
      return this;
    }

    public Builder sandbox(String value) {
      this.sandbox = value;
      return this;
    }

    public Builder defaultShellTimeout(Duration value) {
      this.defaultShellTimeout = value;
      return this;
    }

    public Builder maxShellTimeout(Duration value) {
      this.maxShellTimeout = value;
      return this;
    }

    public Builder shellOutputLimitBytes(int value) {
      this.shellOutputLimitBytes = value;
      return this;
    }

    public Builder maxFileReadBytes(long value) {
      this.maxFileReadBytes = value;
      return this;
    }

    public Builder runTimeout(Duration value) {
      this.runTimeout = value;
      return this;
    }

    public Builder journalRetention(Duration value) {
      this.journalRetention = value;
      return this;
    }

    public Builder embeddingModel(String value) {
      this.embeddingModel = value;
      return this;
    }

    public Builder configFile(Path value) {
      this.configFile = value;
      return this;
    }

    public Builder environment(VariableResolver value) {
      this.environment = value;
      return this;
    }

    public Builder cells(CellDefaults value) {
      this.cells = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder search(SearchLimits value) {
      this.search = value;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(
          home,
          sandbox,
          defaultShellTimeout,
          maxShellTimeout,
          shellOutputLimitBytes,
          maxFileReadBytes,
          runTimeout,
          journalRetention,
          embeddingModel,
          configFile,
          environment,
          cells,
          clock,
          search);
    }
  }
}
