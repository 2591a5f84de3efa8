package dev.oncell.examples.localforge;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./oncell local-forge [--dir DIR] [--port N]}: starts the {@link LocalForge} stand-in in
 * the foreground and prints what a customer's config needs. Ctrl-C stops it.
 */
public final class LocalForgeMain {

  private LocalForgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(System.getProperty("user.home"), ".oncell-local-forge");
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> {
          if (i + 1 == args.length) {
            usage(System.err);
            System.exit(2);
          }
          dir = Path.of(args[++i]);
        }
        case "--port" -> {
          if (i + 1 == args.length || !args[i + 1].matches("\\d{1,5}")) {
            usage(System.err);
            System.exit(2);
          }
          port = Integer.parseInt(args[++i]);
        }
        case "-h", "--help" -> {
          usage(System.out);
          return;
        }
        default -> {
          System.err.println("local-forge: unknown argument " + args[i]);
          usage(System.err);
          System.exit(2);
        }
      }
    }
    LocalForge forge = LocalForge.start(dir.toAbsolutePath(), port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("local-forge-stop")
                .unstarted(
                    () -> {
                      forge.close();
                      stopped.countDown();
                    }));
    System.out.print(banner(forge));
    System.out.flush();
    stopped.await();
  }

  /** What the stand-in prints at start: what it is, its URLs and token, how to use them. */
  static String banner(LocalForge forge) {
    return """
        oncell local forge: a LOCAL STAND-IN for trying git and pull requests on this machine.
        It is not a forge: git over HTTP and GitHub's pulls API on 127.0.0.1 only, one token,
        pull requests kept in memory (gone when it stops), no users, web pages or webhooks.

        %s
        demo repository %s (branch %s) in %s
        The three lines above are also in %s: `. %s` sets them in a shell.
        Ctrl-C stops it.
        """
        .formatted(
            forge.envLines().strip(),
            LocalForge.DEMO_REPO,
            LocalForge.DEMO_BRANCH,
            forge.dir().resolve("repos"),
            forge.dir().resolve("env"),
            forge.dir().resolve("env"));
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        usage: ./oncell local-forge [--dir DIR] [--port N]
          A local stand-in for a forge (git smart HTTP and GitHub's pulls API on 127.0.0.1), to try
          oncell's git walk-through. DIR holds its token and repositories
          (default ~/.oncell-local-forge); N is its port on 127.0.0.1 (default: a free one).""");
  }
}
