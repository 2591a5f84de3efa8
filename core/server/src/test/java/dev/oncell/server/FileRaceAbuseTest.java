package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The abuse suite's file attacks, through the real server and the real sandboxes: a hostile cell
 * with only its own key tries to make the server's file handling reach another cell or the host.
 * Invariants: no byte of another cell or of the host is read or written, every answer is a clear
 * 4xx (never a 500 with a host path), and the server keeps answering. (Before the server read cells
 * through descriptors, the FIFO test hung the server in {@code open}: hence the class timeout.)
 */
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
@org.junit.jupiter.api.Tag("abuse")
class FileRaceAbuseTest {

  /** How long the cell swaps a folder for a link while the clients read and write below it. */
  private static final Duration RACE = Duration.ofSeconds(8);

  private static final String SWAPPER =
      """
      import os, shutil, sys, time
      os.makedirs('d', exist_ok=True)
      with open('d/f.txt', 'w') as f:
          f.write('mine')
      links = (('to-other', sys.argv[1]), ('to-host', '/etc'))
      def relink():
          for link, target in links:
              if not os.path.lexists(link):
                  os.symlink(target, link)
      relink()
      end = time.time() + float(sys.argv[2])
      swaps = 0
      while time.time() < end:
          link = links[swaps % 2][0]
          try:
              os.rename('d', 'd.real')
              os.rename(link, 'd')
              os.rename('d', link)
              os.rename('d.real', 'd')
          except OSError:
              # the server made 'd' while it was away (a write below it): put the real one back
              while os.path.isdir('d.real'):
                  try:
                      if os.path.islink('d') or os.path.isfile('d'):
                          os.remove('d')
                      elif os.path.isdir('d'):
                          shutil.rmtree('d')
                      os.rename('d.real', 'd')
                  except OSError:
                      pass
              relink()
          swaps += 1
      print('swaps', swaps)
      """;

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private void start(String sandbox) {
    oncell.open(c -> c.withSandbox(sandbox));
    api = new RunningServer(oncell, 1 << 20);
    assertThat(api.post("/v1/customers", "{\"id\":\"evil\"}").status()).isEqualTo(201);
    assertThat(api.post("/v1/customers", "{\"id\":\"victim\"}").status()).isEqualTo(201);
    assertThat(api.put("/v1/customers/victim/files/f.txt", "VICTIM SECRET").status())
        .isEqualTo(200);
    assertThat(api.put("/v1/customers/evil/files/swap.py", SWAPPER).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"auto", "bubblewrap"})
  void aFolderSwappedForALinkNeverLeadsTheFilesApiOut(String sandbox) throws Exception {
    start(sandbox);
    Path victimWork = home.resolve("cells/victim/work").toRealPath();
    // Names of this run only, so that what a write through a swapped link would leave in /etc is
    // this run's (the old server left /etc/w.txt and /etc/x/ with its temporary files).
    String tag = Long.toHexString(System.nanoTime());
    String written = "w-" + tag + ".txt";
    String folder = "x-" + tag;
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch swapping = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger mine = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Thread swapper =
        Thread.ofPlatform()
            .name("swapper")
            .start(
                () -> {
                  swapping.countDown();
                  Reply r =
                      api.post(
                          "/v1/customers/evil/shell",
                          RunningServer.JSON
                              .createObjectNode()
                              .put(
                                  "command",
                                  "python3 swap.py " + victimWork + " " + RACE.toSeconds())
                              .put("timeoutMs", 120_000)
                              .toString());
                  if (r.status() != 200 || r.json().path("exitCode").asInt(-1) != 0) {
                    problems.add("swapper failed: " + r.body());
                  }
                  done.set(true);
                });
    swapping.await();
    List<Thread> clients =
        Stream.of(0, 1, 2, 3)
            .map(
                i ->
                    Thread.ofPlatform()
                        .name("client-" + i)
                        .start(
                            () -> {
                              while (!done.get()) {
                                Reply get = api.get("/v1/customers/evil/files/d/f.txt");
                                check(get, problems);
                                if (get.status() == 200) {
                                  if (get.body().equals("mine")) {
                                    mine.incrementAndGet();
                                  } else {
                                    problems.add("read returned: " + get.body());
                                  }
                                } else {
                                  refused.incrementAndGet();
                                }
                                check(
                                    api.put("/v1/customers/evil/files/d/w.txt", "EVIL"), problems);
                                check(api.get("/v1/customers/evil/files/d/passwd"), problems);
                                check(
                                    api.put("/v1/customers/evil/files/d/x/y.txt", "EVIL"),
                                    problems);
                                check(api.get("/v1/customers/evil/files/d"), problems);
                              }
                            }))
            .toList();
    swapper.join();
    for (Thread t : clients) {
      t.join();
    }
    assertThat(problems).as("reads of another cell or the host, 500s, host paths").isEmpty();
    assertThat(mine.get()).as("reads that went through while the folder was real").isPositive();
    try (var s = Files.list(victimWork)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .as("nothing written into the other cell, no temporary file left there")
          .containsExactly("f.txt");
    }
    assertThat(victimWork.resolve("f.txt")).hasContent("VICTIM SECRET");
    assertThat(Path.of("/etc", written)).doesNotExist();
    assertThat(Path.of("/etc", folder)).doesNotExist();
    try (var etc = Files.list(Path.of("/etc"))) {
      assertThat(etc.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".oncell-")))
          .as("no temporary file of the server left in a host folder")
          .isEmpty();
    }
    assertThat(api.get("/health").status()).isEqualTo(200);
  }

  private void check(Reply reply, ConcurrentLinkedQueue<String> problems) {
    if (reply.status() >= 500) {
      problems.add(reply.status() + " " + reply.body());
    }
    if (reply.body().contains(home.toString()) || reply.body().contains("VICTIM")) {
      problems.add("leaked: " + reply.body());
    }
    if (reply.body().contains("root:x:0:0")) {
      problems.add("host file: " + reply.body());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"auto", "bubblewrap"})
  void aFifoSocketOrDeviceIsAClear400AndNeverHangsTheServer(String sandbox) {
    start(sandbox);
    Reply made =
        api.shell(
            "evil",
            "mkfifo pipe && python3 -c \"import socket; s=socket.socket(socket.AF_UNIX);"
                + " s.bind('sock')\" && ln -s /dev/zero zero && ls -la");
    assertThat(made.json().path("exitCode").asInt()).as(made.body()).isZero();
    // gVisor keeps FIFOs and sockets inside its own kernel: the host sees nothing there (404).
    List<Integer> refused = sandbox.equals("bubblewrap") ? List.of(400) : List.of(400, 404);
    for (String name : List.of("pipe", "pipe", "sock", "zero")) {
      Reply read = api.get("/v1/customers/evil/files/" + name);
      assertThat(read.status()).as("GET %s: %s", name, read.body()).isIn(refused);
      if (sandbox.equals("bubblewrap") || name.equals("zero")) {
        Reply write = api.put("/v1/customers/evil/files/" + name + "/x", "y");
        assertThat(write.status()).as("PUT %s/x: %s", name, write.body()).isIn(400, 409);
      }
    }
    assertThat(api.get("/v1/customers/evil/files/zero").errorCode()).isEqualTo("invalid_path");
    if (sandbox.equals("bubblewrap")) {
      assertThat(api.get("/v1/customers/evil/files/pipe").errorCode()).isEqualTo("not_a_file");
      assertThat(
              api.get("/v1/customers/evil/files/").json().get("entries").findValuesAsText("type"))
          .contains("other", "symlink");
    }
    assertThat(api.get("/health").status()).isEqualTo(200);
  }
}
