import { fail, ok, type Result } from "./result";
import type { PartyStatus } from "./volunteer";

/**
 * 党员联户 / 结对帮扶: staff pair a household with the people who visit it. A visitor comes as a Party member, a
 * volunteer or a partner unit's member (双报到), always from the household's own community. A pairing is never
 * deleted: it ends, with a reason, and stays in the book.
 */
export const VISITOR_KINDS = ["partyMember", "volunteer", "partnerMember"] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

export const PAIRING_END_REASON_CHARS_MAX = 200;
/** The reason a pairing ends when the visitor's volunteer role in the community is revoked. */
export const PAIRING_ENDED_WITH_ROLE = "志愿者身份已撤销";

/** What the community knows of the person to pair: their volunteer profile and the communities they belong to. */
export type PairingCandidate = {
  volunteer: { partyStatus: PartyStatus | null; partnerUnitId: number | null } | null;
  /** The partner unit's community, when they serve with one. */
  partnerUnitCommunityId: number | null;
  /** Where they live: nobody visits their own home as its carer (nor earns hours there). */
  householdId: number | null;
  /** Home, volunteer profile's, partner unit's and teams' communities (the API's `communitiesOfUser`). */
  belongsTo: readonly number[];
};

export type PairingRefusal =
  | "not_volunteer"
  | "not_party_member"
  | "not_partner_member"
  | "belongs_elsewhere"
  | "pairing_own_household"
  | "already_paired";

/** Whether the candidate is what the pairing calls them; the community comes after. */
function decideVisitorKind(kind: VisitorKind, c: PairingCandidate, communityId: number): PairingRefusal | null {
  if (!c.volunteer) return "not_volunteer";
  if (kind === "partyMember" && c.volunteer.partyStatus === null) return "not_party_member";
  if (kind !== "partnerMember") return null;
  if (c.volunteer.partnerUnitId === null) return "not_partner_member";
  return c.partnerUnitCommunityId === communityId ? null : "belongs_elsewhere";
}

/**
 * A pairing names a volunteer of the household's community, as the kind they visit as, not already paired with it
 * (an ended pairing does not count: they may be paired again). Unlike other acts, the street admin cannot pair across
 * communities: a visitor reads the profile, and care data stays in its community.
 */
export function decidePairing(input: {
  kind: VisitorKind;
  candidate: PairingCandidate;
  communityId: number;
  householdId: number;
  activelyPaired: boolean;
}): Result<object, PairingRefusal> {
  const kindRefusal = decideVisitorKind(input.kind, input.candidate, input.communityId);
  if (kindRefusal) return fail(kindRefusal);
  if (!input.candidate.belongsTo.includes(input.communityId)) return fail("belongs_elsewhere");
  if (input.candidate.householdId === input.householdId) return fail("pairing_own_household");
  return input.activelyPaired ? fail("already_paired") : ok({});
}

export type Pairing = { startedAt: number; endedAt: number | null };

export const isPairingActive = (pairing: Pairing | null): pairing is Pairing =>
  pairing !== null && pairing.endedAt === null;

/** A pairing ends once, with a reason; the ended row stays. */
export function decidePairingEnd(
  pairing: Pairing,
  reason: string,
  now: number,
): Result<{ endedAt: number; reason: string }, "already_ended" | "reason_required"> {
  if (pairing.endedAt !== null) return fail("already_ended");
  if (!reason.trim()) return fail("reason_required");
  return ok({ endedAt: now, reason: reason.trim() });
}
