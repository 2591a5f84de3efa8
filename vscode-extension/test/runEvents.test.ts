import { describe, expect, it } from "vitest";
import { describeEvent, outcomeText, progressMessage } from "../src/runEvents";

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

describe("outcomeText", () => {
  it("shows an answer, else the result as JSON", () => {
    const data = { runId: "r", status: "succeeded", result: { answer: "The total revenue is 5." }, error: null };
    expect(outcomeText({ seq: 4, type: "result", data })).toEqual({ ok: true, text: "The total revenue is 5." });
    expect(outcomeText({ seq: 4, type: "result", data: { result: [1, 2] } })).toEqual({ ok: true, text: "[1,2]" });
  });
  it("shows a failure with its code", () => {
    const data = { runId: "r", status: "failed", result: null, error: { code: "cancelled", message: "cancelled by the user" } };
    expect(outcomeText({ seq: 9, type: "error", data })).toEqual({ ok: false, text: "cancelled by the user [cancelled]" });
    expect(outcomeText(undefined).ok).toBe(false);
  });
});
