import { describe, expect, it } from "vitest";
import { Limiter, SingleFlight } from "../src/fs/batching";

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("SingleFlight", () => {
  it("runs one call for concurrent requests of a key, a new one after it ends", async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const gate = deferred<number>();
    const a = flight.run("k", () => (calls++, gate.promise));
    const b = flight.run("k", () => (calls++, gate.promise));
    gate.resolve(5);
    expect(await Promise.all([a, b])).toEqual([5, 5]);
    expect(calls).toBe(1);
    expect(flight.size).toBe(0);
    await flight.run("k", async () => (calls++, 6));
    expect(calls).toBe(2);
  });

  it("forgets a failed call so the next one retries", async () => {
    const flight = new SingleFlight<number>();
    await expect(flight.run("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await flight.run("k", async () => 1)).toBe(1);
  });
});

describe("Limiter", () => {
  it("never runs more than its bound at once, and runs all in order", async () => {
    const limiter = new Limiter(2);
    const gates = [0, 1, 2, 3, 4].map(() => deferred<void>());
    let peak = 0;
    const started: number[] = [];
    const all = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        peak = Math.max(peak, limiter.running);
        await g.promise;
        return i;
      }),
    );
    for (const g of gates) {
      await Promise.resolve();
      g.resolve();
    }
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBeLessThanOrEqual(2);
    expect(limiter.running).toBe(0);
  });

  it("frees its slot when a task fails", async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limiter.run(async () => 2)).toBe(2);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
  });
});
