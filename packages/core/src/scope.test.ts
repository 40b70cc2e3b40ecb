import { describe, expect, it } from "vitest";
import { ROLES, ROLE_SCOPE, type Actor, type Role } from "./authz";
import { SCOPED_ACTS, decideScope, type ActPlace, type ScopedAct } from "./scope";

// Street 1 holds communities 10 and 20; street 2 holds community 30. The party (the actor, or whom they name) belongs to 10.
const belongsTo = [10];
const own: ActPlace = { streetId: 1, communityId: 10 };
const other: ActPlace = { streetId: 1, communityId: 20 };
const scopeIdFor: Record<Role, number> = {
  resident: 10,
  volunteer: 10,
  teamLeader: 7,
  gridWorker: 100,
  communityStaff: 10,
  committeeMember: 10,
  streetAdmin: 1,
};
const actorWith = (role: Role): Actor => ({
  userId: 1,
  grants: [{ role, scopeKind: ROLE_SCOPE[role], scopeId: scopeIdFor[role] }],
});

const refusalFor: Record<ScopedAct, string> = {
  "offer.publish": "outside_own_community",
  "project.claim": "outside_own_community",
  "team.join": "outside_own_community",
  "partner.join": "outside_own_community",
  "request.claim": "outside_own_community",
  "request.assign": "belongs_elsewhere",
  "role.grant": "belongs_elsewhere",
};

// Role × act × own / other community: inside the party's own community every act passes; across communities only the street's admin.
const table = ROLES.flatMap((role) =>
  SCOPED_ACTS.flatMap((act) => [
    { role, act, where: "own", place: own, expected: { ok: true } },
    {
      role,
      act,
      where: "other",
      place: other,
      expected: role === "streetAdmin" ? { ok: true } : { ok: false, reason: refusalFor[act] },
    },
  ]),
);

describe("decideScope", () => {
  it.each(table)("$role: $act in the $where community → $expected.ok", ({ role, act, place, expected }) => {
    expect(decideScope(actorWith(role), act, place, belongsTo)).toEqual(expected);
  });

  it("a party belonging to several communities (home, team, unit) acts in each of them", () => {
    expect(decideScope(actorWith("volunteer"), "request.claim", other, [10, 20])).toEqual({ ok: true });
  });

  it("a party belonging nowhere acts nowhere", () => {
    expect(decideScope(actorWith("volunteer"), "team.join", own, [])).toEqual({
      ok: false,
      reason: "outside_own_community",
    });
  });

  it("another street's admin does not cross into this street's communities", () => {
    const elsewhere: Actor = { userId: 1, grants: [{ role: "streetAdmin", scopeKind: "street", scopeId: 2 }] };
    expect(decideScope(elsewhere, "request.assign", other, belongsTo)).toEqual({
      ok: false,
      reason: "belongs_elsewhere",
    });
  });

  it("community staff of the act's community still cannot name someone from elsewhere", () => {
    const staffOfOther: Actor = {
      userId: 1,
      grants: [{ role: "communityStaff", scopeKind: "community", scopeId: 20 }],
    };
    expect(decideScope(staffOfOther, "role.grant", other, belongsTo)).toEqual({
      ok: false,
      reason: "belongs_elsewhere",
    });
  });
});
