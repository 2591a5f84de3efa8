package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cell's index with the real embedding model the server ships: vectors catch up in the
 * background, and a cell paused before they are done finishes them when it wakes.
 */
class SemanticSearchTest {

  private static final long PATIENCE_NANOS = 180_000_000_000L;

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  @Test
  void embeddingsCatchUpInTheBackgroundAndResumeWhenAPausedCellWakes() throws Exception {
    host.cells()
        .create(
            new Cells.NewCell(
                "acme",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                Optional.empty(),
                "production"));
    Path work = home.resolve("cells/acme/work");
    ShopRepo.writeTo(work);
    writeInventoryModules(work.resolve("services/inventory"), 80);
    Cell cell = host.cells().cell("acme");

    IndexReport report = cell.search().index("/work", Optional.empty());
    assertThat(report.chunks()).as("enough chunks that embedding takes a while").isGreaterThan(200);
    assertThat(cell.search().search("verifyToken", 3, Optional.empty()).getFirst().path())
        .as("keyword search answers before the embeddings are done")
        .isEqualTo(ShopRepo.AUTH_FILE);

    host.cells().pause("acme");
    assertThat(CodeIndex.hasPendingWork(home.resolve("cells/acme/index")))
        .as("the pause came before every chunk had its vector")
        .isTrue();

    IndexStatus status = cell.search().status(); // wakes the cell, which resumes the embeddings
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    while (status.embedded() < status.chunks() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = cell.search().status();
    }
    assertThat(status.embedded()).as("%s", status).isEqualTo(status.chunks());
    assertThat(status.chunks()).isEqualTo(report.chunks());
    assertThat(status.model()).contains("all-minilm-l6-v2");

    List<SearchHit> hits =
        cell.search().search("reject requests that carry an expired login", 5, Optional.empty());
    assertThat(hits.getFirst().path())
        .as("hybrid search finds the auth code from words it does not contain: %s", hits)
        .isEqualTo(ShopRepo.AUTH_FILE);
  }

  /** Many small, distinct Python modules about stock keeping. */
  private static void writeInventoryModules(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    String[] goods = {
      "apples", "bolts", "cables", "drills", "easels", "fabric", "gloves", "hinges"
    };
    for (int i = 0; i < count; i++) {
      String good = goods[i % goods.length] + i;
      Files.writeString(
          dir.resolve("stock_" + i + ".py"),
          """
          def count_%1$s(warehouse):
              \"\"\"How many %1$s the warehouse holds.\"\"\"
              return sum(bin.quantity for bin in warehouse.bins if bin.item == "%1$s")


          def reorder_%1$s(warehouse, supplier, minimum=%2$d):
              \"\"\"Orders more %1$s from the supplier when stock falls below the minimum.\"\"\"
              missing = minimum - count_%1$s(warehouse)
              if missing > 0:
                  supplier.order("%1$s", missing)
              return missing


          class %3$sShelf:
              \"\"\"A shelf of %1$s with a label and a capacity of %2$d.\"\"\"

              def __init__(self, label):
                  self.label = label
                  self.capacity = %2$d

              def is_full(self, warehouse):
                  return count_%1$s(warehouse) >= self.capacity
          """
              .formatted(good, 10 + i, Character.toUpperCase(good.charAt(0)) + good.substring(1)));
    }
  }
}
