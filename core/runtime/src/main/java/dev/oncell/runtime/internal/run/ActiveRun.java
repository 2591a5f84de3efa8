package dev.oncell.runtime.internal.run;

import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A run that is going: its context, journal and thread, and who learns how it ended. */
final class ActiveRun {

  /** What a run executes with its context. */
  interface Body {
    Object run(RunContext ctx) throws Exception;
  }

  final RunInfo info;
  final RunEventLog log;
  final AgentPlugin plugin;
  final Consumer<RunInfo> onFinish;
  final CompletableFuture<RunInfo> done = new CompletableFuture<>();
  final AtomicBoolean finished = new AtomicBoolean();
  volatile RunContext ctx;
  volatile RunJournal journal;
  volatile Thread thread;
  volatile boolean resumed;

  ActiveRun(RunInfo info, RunEventLog log, AgentPlugin plugin, Consumer<RunInfo> onFinish) {
    this.info = info;
    this.log = log;
    this.plugin = plugin;
    this.onFinish = onFinish;
  }

  /** Cancels the context and interrupts the thread: a shell command is killed with its tree. */
  void interrupt(String reason) {
    ctx.cancel(reason);
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
