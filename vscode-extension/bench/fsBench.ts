/**
 * Latency of the extension's file system (CellFiles over the HTTP API) against a real server:
 * `stat` with the folder's listing cold and cached, and `readFile`, on a tree of FOLDERS x FILES
 * files made in the cell by one shell command. Prints p50/p99 per operation.
 *
 *   ONCELL_BENCH_URL=http://127.0.0.1:8080 ONCELL_BENCH_TOKEN=... ONCELL_BENCH_CUSTOMER=acme npm run bench
 */
import { OncellClient } from "../src/api/client";
import { CellFiles } from "../src/fs/cellFiles";

const url = process.env.ONCELL_BENCH_URL;
const token = process.env.ONCELL_BENCH_TOKEN ?? "";
const customer = process.env.ONCELL_BENCH_CUSTOMER ?? "acme";
const FOLDERS = Number(process.env.ONCELL_BENCH_FOLDERS ?? 100);
const FILES = Number(process.env.ONCELL_BENCH_FILES ?? 100);
const SAMPLES = Number(process.env.ONCELL_BENCH_SAMPLES ?? 300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, op: (i: number) => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `${name.padEnd(34)} ${percentile(times, 50).toFixed(2).padStart(8)} ${percentile(times, 99).toFixed(2).padStart(8)}`;
}

async function main(): Promise<void> {
  if (!url) {
    throw new Error("set ONCELL_BENCH_URL, ONCELL_BENCH_TOKEN and ONCELL_BENCH_CUSTOMER");
  }
  const client = new OncellClient(url, token);
  const made = await client.shell(
    customer,
    `rm -rf bench && for d in $(seq 1 ${FOLDERS}); do mkdir -p bench/d$d; for f in $(seq 1 ${FILES}); do printf 'line %s\\n' $f > bench/d$d/f$f.txt; done; done`,
  );
  if (made.exitCode !== 0) throw new Error(made.stderr);
  const pick = (i: number) => `bench/d${(i % FOLDERS) + 1}/f${((i * 7) % FILES) + 1}.txt`;
  const rows = [`${"operation".padEnd(34)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`];
  // a fresh CellFiles per sample: the folder's listing is fetched every time
  rows.push(await measure(`stat, listing cold (${FILES}/folder)`, (i) => new CellFiles(client).stat(customer, pick(i))));
  const warm = new CellFiles(client, Date.now, 3600_000);
  rows.push(await measure("stat, listing cached", (i) => warm.stat(customer, pick(i % 10))));
  rows.push(await measure("readFile", (i) => warm.readFile(customer, pick(i))));
  process.stdout.write(`${FOLDERS * FILES} files, ${SAMPLES} samples each, ${url}\n${rows.join("\n")}\n`);
  await client.delete(customer, "bench", true);
}

main().catch((e) => {
  process.stderr.write(`${e}\n`);
  process.exit(1);
});
