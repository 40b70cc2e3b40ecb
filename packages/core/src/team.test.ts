import { describe, expect, it } from "vitest";
import { decideApplication, decideApply, decideLeave } from "./team";

describe("team membership", () => {
  it.each([
    { volunteer: false, live: null, expected: { ok: false, reason: "not_volunteer" } },
    { volunteer: true, live: "applied" as const, expected: { ok: false, reason: "already_member" } },
    { volunteer: true, live: "active" as const, expected: { ok: false, reason: "already_member" } },
    { volunteer: true, live: null, expected: { ok: true, status: "applied" } },
  ])("applying as volunteer=$volunteer with membership $live", ({ volunteer, live, expected }) => {
    expect(decideApply(volunteer, live)).toEqual(expected);
  });

  it.each([
    { current: "applied" as const, approve: true, expected: { ok: true, status: "active" } },
    { current: "applied" as const, approve: false, expected: { ok: true, status: "rejected" } },
    { current: "active" as const, approve: true, expected: { ok: false, reason: "not_pending" } },
  ])("deciding a $current application (approve=$approve)", ({ current, approve, expected }) => {
    expect(decideApplication(current, approve)).toEqual(expected);
  });

  it("only a member or applicant can leave", () => {
    expect(decideLeave("active")).toEqual({ ok: true, status: "left" });
    expect(decideLeave(null)).toEqual({ ok: false, reason: "not_member" });
  });
});
