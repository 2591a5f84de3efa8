import type { RunEvent } from "./api/types";

/** One line of the output channel for a run event; long data is cut so a chatty agent cannot flood it. */
export function describeEvent(e: RunEvent): string {
  const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data);
  const text = data.length > 2000 ? `${data.slice(0, 2000)}… (${data.length} chars)` : data;
  return `[${e.seq}] ${e.type} ${text}`;
}

/** A short progress message from an event: its `message`, `line` or `step` field when it has one. */
export function progressMessage(e: RunEvent): string {
  if (e.data && typeof e.data === "object") {
    const d = e.data as Record<string, unknown>;
    for (const field of ["message", "line", "step", "status"]) {
      if (typeof d[field] === "string") return `${e.type}: ${(d[field] as string).slice(0, 120)}`;
    }
  }
  return e.type;
}
