import { describe, expect, it } from "vitest";
import { describeEvent, progressMessage } from "../src/runEvents";

describe("run event text", () => {
  it("prints an event on one line with its number", () => {
    expect(describeEvent({ seq: 3, type: "analysis", data: { command: "awk" } })).toBe('[3] analysis {"command":"awk"}');
  });
  it("cuts a huge event", () => {
    const line = describeEvent({ seq: 1, type: "log", data: "x".repeat(10000) });
    expect(line.length).toBeLessThan(2100);
    expect(line).toContain("(10000 chars)");
  });
  it("takes a progress message from a known field, else the type", () => {
    expect(progressMessage({ seq: 1, type: "progress", data: { message: "cloning" } })).toBe("progress: cloning");
    expect(progressMessage({ seq: 1, type: "analysis", data: { rows: 3 } })).toBe("analysis");
    expect(progressMessage({ seq: 1, type: "log", data: null })).toBe("log");
  });
});
