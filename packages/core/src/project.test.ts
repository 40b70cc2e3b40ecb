import { describe, expect, it } from "vitest";
import { decideProgress, decideProjectClaim, decideProjectComplete } from "./project";

const benches = { id: 1, target: 13, progress: 5 };

describe("projects", () => {
  it.each([
    { status: "open" as const, holder: null, expected: { ok: true, status: "claimed" } },
    { status: "claimed" as const, holder: "team:3", expected: { ok: false, reason: "already_held" } },
    { status: "completed" as const, holder: null, expected: { ok: false, reason: "not_allowed_in_state" } },
  ])("claiming a $status project", ({ status, holder, expected }) => {
    expect(decideProjectClaim(status, holder)).toEqual(expected);
  });

  it.each([
    { status: "claimed" as const, value: 13, expected: { ok: true, progress: 13, reached: true } },
    { status: "claimed" as const, value: 7, expected: { ok: true, progress: 7, reached: false } },
    { status: "claimed" as const, value: 14, expected: { ok: false, reason: "progress_out_of_range" } },
    { status: "claimed" as const, value: -1, expected: { ok: false, reason: "progress_out_of_range" } },
    { status: "open" as const, value: 3, expected: { ok: false, reason: "not_allowed_in_state" } },
  ])("reporting $value of 13 on a $status project", ({ status, value, expected }) => {
    expect(decideProgress(status, benches, value)).toEqual(expected);
  });

  it("completes only when every milestone is reached", () => {
    expect(decideProjectComplete("claimed", [benches, { id: 2, target: 1, progress: 1 }])).toEqual({
      ok: false,
      reason: "milestones_open",
    });
    expect(decideProjectComplete("claimed", [{ ...benches, progress: 13 }])).toEqual({ ok: true, status: "completed" });
    expect(decideProjectComplete("open", [])).toEqual({ ok: false, reason: "not_allowed_in_state" });
  });
});
