import { describe, expect, it } from "vitest";
import {
  PEOPLE_ONLY_ACTIONS,
  ACTIONS,
  ROLE_SCOPE,
  authorize,
  grantsFor,
  type Action,
  type Actor,
  type ResourceScope,
  type Role,
} from "./authz";

// One street (1) with two communities (10, 20); grid 100 in community 10 has child grid 101; team 7 is in community 10.
const own: ResourceScope = { streetId: 1, communityId: 10, gridIds: [101, 100], teamId: 7 };
const other: ResourceScope = { streetId: 2, communityId: 20, gridIds: [200], teamId: 8 };

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

// Rows: role → actions allowed inside its own scope. Everything else is forbidden.
const allowedInOwnScope: Record<Role, readonly Action[]> = {
  resident: [],
  volunteer: [],
  teamLeader: ["team.manage", "activity.organise"],
  gridWorker: [
    "structure.read",
    "account.read",
    "account.proxyRegister",
    "account.resetPassword",
    "volunteer.read",
    "request.manage",
    "dashboard.read",
    "care.read",
    "care.manage",
  ],
  communityStaff: [
    "structure.read",
    "structure.manage",
    "account.read",
    "account.proxyRegister",
    "account.resetPassword",
    "audit.read",
    "team.manage",
    "team.create",
    "activity.organise",
    "partner.manage",
    "skill.manage",
    "volunteer.read",
    "request.manage",
    "project.manage",
    "points.verify",
    "points.manage",
    "store.operate",
    "rating.scheme",
    "rating.manage",
    "dashboard.read",
    "topic.manage",
    "commitment.manage",
    "meeting.manage",
    "care.read",
    "care.manage",
  ],
  committeeMember: [
    "structure.read",
    "rating.manage",
    "rating.vote",
    "dashboard.read",
    "topic.manage",
    "commitment.manage",
    "meeting.manage",
  ],
  streetAdmin: [
    "structure.read",
    "structure.manage",
    "community.manage",
    "account.read",
    "account.proxyRegister",
    "account.resetPassword",
    "audit.read",
    "team.manage",
    "team.create",
    "activity.organise",
    "partner.manage",
    "skill.manage",
    "volunteer.read",
    "request.manage",
    "project.manage",
    "points.issue",
    "points.verify",
    "points.manage",
    "store.operate",
    "rating.scheme",
    "rating.manage",
    "dashboard.read",
    "topic.manage",
    "commitment.manage",
    "meeting.manage",
    "token.manage",
  ],
};

describe("authorize", () => {
  const rows = (Object.keys(allowedInOwnScope) as Role[]).flatMap((role) =>
    ACTIONS.filter((a) => a !== "role.grant").map((action) => ({
      role,
      action,
      expected: allowedInOwnScope[role].includes(action),
    })),
  );

  it.each(rows)("$role may take $action in their own scope: $expected", ({ role, action, expected }) => {
    expect(authorize(actorWith(role), action, own).ok).toBe(expected);
  });

  it.each(rows)("$role may never take $action in another scope", ({ role, action }) => {
    expect(authorize(actorWith(role), action, other)).toEqual({ ok: false, reason: "forbidden" });
  });

  it.each(ACTIONS)("an anonymous caller is unauthenticated for %s", (action) => {
    expect(authorize(null, action, own)).toEqual({ ok: false, reason: "unauthenticated" });
  });

  it("a team leader organises for their own team only, not for the community at large", () => {
    const leader = actorWith("teamLeader");
    expect(authorize(leader, "activity.organise", { streetId: 1, communityId: 10, teamId: 7 }).ok).toBe(true);
    expect(authorize(leader, "activity.organise", { streetId: 1, communityId: 10, teamId: 9 }).ok).toBe(false);
    expect(authorize(leader, "activity.organise", { streetId: 1, communityId: 10 }).ok).toBe(false);
  });

  it("a grid worker of a parent grid covers its child grids but not a sibling", () => {
    const worker = actorWith("gridWorker");
    expect(authorize(worker, "account.read", { streetId: 1, communityId: 10, gridIds: [101, 100] }).ok).toBe(true);
    expect(authorize(worker, "account.read", { streetId: 1, communityId: 10, gridIds: [102] }).ok).toBe(false);
  });

  it.each([
    ["streetAdmin", "streetAdmin", true],
    ["streetAdmin", "communityStaff", true],
    ["communityStaff", "gridWorker", true],
    ["communityStaff", "communityStaff", true],
    ["communityStaff", "streetAdmin", false],
    ["gridWorker", "resident", false],
    ["committeeMember", "volunteer", false],
  ] as const)("%s granting %s in own scope: %s", (granter, role, expected) => {
    expect(authorize(actorWith(granter), "role.grant", own, role).ok).toBe(expected);
  });

  it("community staff cannot grant roles in another community", () => {
    expect(authorize(actorWith("communityStaff"), "role.grant", other, "resident").ok).toBe(false);
  });
});

describe("grantsFor", () => {
  it.each(Object.entries(allowedInOwnScope) as [Role, readonly Action[]][])(
    "a %s's grant is kept for exactly the actions the role may take",
    (role, allowed) => {
      for (const action of ACTIONS.filter((a) => a !== "role.grant"))
        expect(grantsFor(actorWith(role), action).length === 1).toBe(allowed.includes(action));
    },
  );

  it("keeps only the grants that allow the action when a person holds several roles", () => {
    const actor: Actor = {
      userId: 1,
      grants: [
        { role: "volunteer", scopeKind: "community", scopeId: 10 },
        { role: "gridWorker", scopeKind: "grid", scopeId: 100 },
      ],
    };
    expect(grantsFor(actor, "request.manage")).toEqual([{ role: "gridWorker", scopeKind: "grid", scopeId: 100 }]);
  });
});

describe("a system calling with a token (decision 0020)", () => {
  const staff = { role: "communityStaff", scopeKind: "community", scopeId: 1 } as const;
  const scope = { streetId: 1, communityId: 1 };
  const token: Actor = { userId: 1, grants: [staff], viaToken: true };
  const person: Actor = { userId: 1, grants: [staff] };

  it.each(PEOPLE_ONLY_ACTIONS.filter((action) => authorize(person, action, scope, "volunteer").ok))(
    "may not %s, which the same grant allows a person",
    (action) => {
      expect(authorize(token, action, scope, "volunteer")).toEqual({ ok: false, reason: "token_not_allowed" });
      expect(grantsFor(token, action)).toEqual([]);
    },
  );

  it("acts as the grant's role in everything else", () => {
    for (const action of ["request.manage", "dashboard.read", "activity.organise"] as const)
      expect(authorize(token, action, scope).ok, action).toBe(true);
  });
});
