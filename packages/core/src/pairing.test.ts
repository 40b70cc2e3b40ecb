import { describe, expect, it } from "vitest";
import { decidePairing, decidePairingEnd, isPairingActive, type PairingCandidate, type VisitorKind } from "./pairing";

// The household is 7, in community 10.
const volunteer: PairingCandidate = {
  volunteer: { partyStatus: null, partnerUnitId: null },
  partnerUnitCommunityId: null,
  householdId: 8,
  belongsTo: [10],
};
const partyMember: PairingCandidate = { ...volunteer, volunteer: { partyStatus: "retired", partnerUnitId: null } };
const unitMember: PairingCandidate = {
  volunteer: { partyStatus: null, partnerUnitId: 4 },
  partnerUnitCommunityId: 10,
  householdId: null,
  belongsTo: [10],
};

describe("pairing a household with a visitor", () => {
  it.each([
    ["a Party member as a Party member", "partyMember", partyMember, false, { ok: true }],
    ["a Party member as a volunteer", "volunteer", partyMember, false, { ok: true }],
    ["a volunteer", "volunteer", volunteer, false, { ok: true }],
    ["a partner unit's member", "partnerMember", unitMember, false, { ok: true }],
    ["someone without a volunteer profile", "volunteer", { ...volunteer, volunteer: null }, false, "not_volunteer"],
    ["a volunteer as a Party member", "partyMember", volunteer, false, "not_party_member"],
    ["a volunteer as a partner unit's member", "partnerMember", volunteer, false, "not_partner_member"],
    [
      "a member of another community's unit",
      "partnerMember",
      { ...unitMember, partnerUnitCommunityId: 20 },
      false,
      "belongs_elsewhere",
    ],
    ["a volunteer of another community", "volunteer", { ...volunteer, belongsTo: [20] }, false, "belongs_elsewhere"],
    ["a Party member already paired with it", "partyMember", partyMember, true, "already_paired"],
    ["a Party member living there", "partyMember", { ...partyMember, householdId: 7 }, false, "pairing_own_household"],
  ] as [string, VisitorKind, PairingCandidate, boolean, object | string][])(
    "%s",
    (_, kind, candidate, paired, expected) => {
      const decided = decidePairing({ kind, candidate, communityId: 10, householdId: 7, activelyPaired: paired });
      expect(decided).toEqual(typeof expected === "string" ? { ok: false, reason: expected } : expected);
    },
  );
});

describe("ending a pairing", () => {
  const active = { startedAt: 1_000, endedAt: null };
  it.each([
    ["an active pairing, with a reason", active, " 搬离本社区 ", { ok: true, endedAt: 9_000, reason: "搬离本社区" }],
    ["an active pairing, without a reason", active, "  ", { ok: false, reason: "reason_required" }],
    ["an ended pairing", { startedAt: 1_000, endedAt: 5_000 }, "again", { ok: false, reason: "already_ended" }],
  ] as [string, { startedAt: number; endedAt: number | null }, string, object][])(
    "%s",
    (_, pairing, reason, expected) => {
      expect(decidePairingEnd(pairing, reason, 9_000)).toEqual(expected);
    },
  );

  it("an ended pairing is no longer active, and none is not either", () => {
    expect(isPairingActive(active)).toBe(true);
    expect(isPairingActive({ ...active, endedAt: 5_000 })).toBe(false);
    expect(isPairingActive(null)).toBe(false);
  });
});
