import { covers, type Actor } from "./authz";
import { fail, ok, type Result } from "./result";

/**
 * Acts that bind someone to a community: the one who acts (a volunteer, a team,
 * a partner unit) or the one named (an assignee, a grantee) must belong there.
 * Whether the actor may take the act at all is `authorize`'s question; this is
 * only the community boundary, which `authorize` cannot see because volunteers
 * and holders are not grants.
 */
export const SCOPED_ACTS = [
  "offer.publish",
  "project.claim",
  "team.join",
  "partner.join",
  "request.claim",
  "request.assign",
  "role.grant",
] as const;
export type ScopedAct = (typeof SCOPED_ACTS)[number];

/** Whose belonging counts: the party acting for itself, or the party an act of staff names. */
export const SCOPED_PARTY: Record<ScopedAct, "self" | "named"> = {
  "offer.publish": "self",
  "project.claim": "self",
  "team.join": "self",
  "partner.join": "self",
  "request.claim": "self",
  "request.assign": "named",
  "role.grant": "named",
};

/** Acting outside one's own communities is forbidden (403); naming someone from elsewhere breaks a rule (422). */
export const SCOPE_REFUSALS = { self: "outside_own_community", named: "belongs_elsewhere" } as const;
export type ScopeRefusal = (typeof SCOPE_REFUSALS)[keyof typeof SCOPE_REFUSALS];

/** Where the act lands. */
export type ActPlace = { streetId: number; communityId: number };

/**
 * The one scope rule: the party belongs to the act's community (home community,
 * or the community its team or partner unit is paired with), or the actor is
 * the street's admin, who may pair across communities on purpose.
 */
export function decideScope(
  actor: Actor,
  act: ScopedAct,
  place: ActPlace,
  partyBelongsTo: readonly number[],
): Result<object, ScopeRefusal> {
  if (partyBelongsTo.includes(place.communityId)) return ok({});
  const streetAdmin = actor.grants.some((g) => g.role === "streetAdmin" && covers(g, place));
  return streetAdmin ? ok({}) : fail(SCOPE_REFUSALS[SCOPED_PARTY[act]]);
}
