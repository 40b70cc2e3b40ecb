import { describe, expect, it } from "vitest";
import {
  addDays,
  commitmentDue,
  decideCommitter,
  decideDueOn,
  decideCommitmentLink,
  decideOutcome,
  decideReport,
  decideReportPhoto,
  lastDueOn,
  type Committing,
} from "./commitment";

const member = { communityId: 1, partyStatus: "active" as const, partnerUnitId: null };
const base: Committing = { kind: "member", communityId: 1, isStaff: false, volunteer: member, unit: null };

describe("who may make a commitment", () => {
  it.each([
    ["a Party member for themselves", {}, { ok: true }],
    ["a volunteer who is no Party member", { volunteer: { ...member, partyStatus: null } }, "not_party_member"],
    ["someone without a volunteer profile", { volunteer: null }, "forbidden"],
    ["a Party member of another community", { volunteer: { ...member, communityId: 2 } }, "forbidden"],
    ["staff in a member's name", { isStaff: true, volunteer: null }, "forbidden"],
    ["staff for the branch", { kind: "branch", isStaff: true }, { ok: true }],
    ["a Party member for the branch", { kind: "branch" }, "forbidden"],
    [
      "staff for a unit of the community",
      { kind: "partner", isStaff: true, unit: { id: 4, communityId: 1 } },
      { ok: true },
    ],
    [
      "the unit's own volunteer (双报到)",
      { kind: "partner", volunteer: { ...member, partnerUnitId: 4 }, unit: { id: 4, communityId: 1 } },
      { ok: true },
    ],
    [
      "a volunteer of another unit",
      { kind: "partner", volunteer: { ...member, partnerUnitId: 5 }, unit: { id: 4, communityId: 1 } },
      "forbidden",
    ],
    [
      "staff for a unit of another community",
      { kind: "partner", isStaff: true, unit: { id: 9, communityId: 2 } },
      "wrong_community",
    ],
    ["staff for a unit that does not exist", { kind: "partner", isStaff: true, unit: null }, "not_found"],
  ] as [string, Partial<Committing>, { ok: true } | string][])("%s", (_, over, expected) => {
    const decided = decideCommitter({ ...base, ...over });
    expect(decided).toEqual(typeof expected === "string" ? { ok: false, reason: expected } : expected);
  });
});

describe("a commitment's day and link", () => {
  it.each([
    ["2026-12-02", "2029-12-02"],
    ["2027-02-28", "2030-02-28"],
    ["2028-02-29", "2031-02-28"],
    ["2029-02-28", "2032-02-28"],
  ])("made on %s, it may be due on %s at the latest", (today, last) => {
    expect(lastDueOn(today)).toBe(last);
  });

  it.each([
    ["2026-11-26", "due_in_past"],
    ["2026-11-27", null],
    ["2027-06-30", null],
    ["2029-11-27", null],
    ["2029-11-28", "due_too_far"],
    ["9999-12-31", "due_too_far"],
  ])("due on %s, today 2026-11-27", (dueOn, reason) => {
    expect(decideDueOn(dueOn, "2026-11-27")).toEqual(reason ? { ok: false, reason } : { ok: true });
  });

  it.each([
    [1, { ok: true }],
    [2, { ok: false, reason: "wrong_community" }],
    [null, { ok: false, reason: "not_found" }],
  ])("a link to something of community %s from community 1", (linked, expected) => {
    expect(decideCommitmentLink(linked, 1)).toEqual(expected);
  });
});

describe("progress reports", () => {
  it.each([
    ["open", true, false, { ok: true }],
    ["open", false, true, { ok: true }],
    ["open", false, false, { ok: false, reason: "forbidden" }],
    ["kept", true, false, { ok: false, reason: "not_allowed_in_state" }],
    ["notKept", false, true, { ok: false, reason: "not_allowed_in_state" }],
    ["withdrawn", true, true, { ok: false, reason: "not_allowed_in_state" }],
  ] as const)("on a commitment %s by committer %s, staff %s", (state, isCommitter, isStaff, expected) => {
    expect(decideReport(state, { isCommitter, isStaff })).toEqual(expected);
  });

  it.each([
    ["open", 0, { ok: true }],
    ["open", 3, { ok: true }],
    ["open", 4, { ok: false, reason: "too_many_report_photos" }],
    ["kept", 0, { ok: false, reason: "not_allowed_in_state" }],
  ] as const)("a photo on a %s commitment's report with %s photos", (state, photos, expected) => {
    expect(decideReportPhoto(state, photos)).toEqual(expected);
  });
});

describe("outcomes", () => {
  it.each([
    ["open", "kept", null, { ok: true, state: "kept", reason: null }],
    ["open", "notKept", "资金未到位", { ok: true, state: "notKept", reason: "资金未到位" }],
    ["open", "notKept", null, { ok: false, reason: "reason_required" }],
    ["open", "notKept", "  ", { ok: false, reason: "reason_required" }],
    ["open", "withdrawn", "重复承诺", { ok: true, state: "withdrawn", reason: "重复承诺" }],
    ["open", "withdrawn", null, { ok: false, reason: "reason_required" }],
    ["kept", "notKept", "改判", { ok: false, reason: "not_allowed_in_state" }],
    ["withdrawn", "kept", null, { ok: false, reason: "not_allowed_in_state" }],
  ] as const)("a %s commitment marked %s (reason %s)", (state, outcome, reason, expected) => {
    expect(decideOutcome(state, outcome, reason)).toEqual(expected);
  });
});

describe("due soon and overdue", () => {
  it.each([
    ["open", "2026-12-05", null],
    ["open", "2026-12-04", "dueSoon"],
    ["open", "2026-11-27", "dueSoon"],
    ["open", "2026-11-26", "overdue"],
    ["kept", "2026-11-01", null],
    ["notKept", "2026-11-01", null],
    ["withdrawn", "2026-11-28", null],
  ] as const)("a %s commitment due %s, today 2026-11-27", (state, dueOn, expected) => {
    expect(commitmentDue(state, dueOn, "2026-11-27")).toBe(expected);
  });

  it("counts days across a month's and a year's end", () => {
    expect(addDays("2026-11-27", 7)).toBe("2026-12-04");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });
});
