import { fail, ok, type Result } from "./result";

export const ROLES = [
  "resident",
  "volunteer",
  "teamLeader",
  "gridWorker",
  "communityStaff",
  "committeeMember",
  "streetAdmin",
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_KINDS = ["street", "community", "grid", "team"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Every role is granted over exactly one kind of scope. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  resident: "community",
  volunteer: "community",
  teamLeader: "team",
  gridWorker: "grid",
  communityStaff: "community",
  committeeMember: "community",
  streetAdmin: "street",
};

export const STAFF_ROLES: readonly Role[] = ["gridWorker", "communityStaff", "committeeMember", "streetAdmin"];

export type Grant = { role: Role; scopeKind: ScopeKind; scopeId: number };
/** `viaToken`: another system calling with an API token in its issuer's name (decision 0020), not the person. */
export type Actor = { userId: number; grants: readonly Grant[]; viaToken?: true };

/**
 * Where a resource sits. `gridIds` is the grid and all its ancestors, so a
 * grid worker of a parent grid covers everything below it.
 */
export type ResourceScope = {
  streetId: number;
  communityId?: number;
  gridIds?: readonly number[];
  teamId?: number;
};

export const ACTIONS = [
  "structure.read",
  "structure.manage",
  "community.manage",
  "account.read",
  "account.proxyRegister",
  "account.resetPassword",
  "role.grant",
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
  "rating.vote",
  "dashboard.read",
  "topic.manage",
  "commitment.manage",
  "meeting.manage",
  "care.read",
  "care.manage",
  "token.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Which roles may take an action at all; scope is checked separately. */
const POLICY: Record<Action, readonly Role[]> = {
  "structure.read": ["streetAdmin", "communityStaff", "committeeMember", "gridWorker"],
  "structure.manage": ["streetAdmin", "communityStaff"],
  "community.manage": ["streetAdmin"],
  "account.read": ["streetAdmin", "communityStaff", "gridWorker"],
  "account.proxyRegister": ["streetAdmin", "communityStaff", "gridWorker"],
  // Whom each may reset is narrowed further by the person's own roles (account.ts).
  "account.resetPassword": ["streetAdmin", "communityStaff", "gridWorker"],
  "role.grant": ["streetAdmin", "communityStaff"],
  "audit.read": ["streetAdmin", "communityStaff"],
  "team.manage": ["streetAdmin", "communityStaff", "teamLeader"],
  "team.create": ["streetAdmin", "communityStaff"],
  "activity.organise": ["streetAdmin", "communityStaff", "teamLeader"],
  "partner.manage": ["streetAdmin", "communityStaff"],
  "skill.manage": ["streetAdmin", "communityStaff"],
  "volunteer.read": ["streetAdmin", "communityStaff", "gridWorker"],
  "request.manage": ["streetAdmin", "communityStaff", "gridWorker"],
  "project.manage": ["streetAdmin", "communityStaff"],
  "points.issue": ["streetAdmin"],
  "points.verify": ["streetAdmin", "communityStaff"],
  // Earning rules, the fund's figures, exports of statements and redemptions.
  "points.manage": ["streetAdmin", "communityStaff"],
  // The 爱心超市 desk: items, stock, handing goods over by pickup code.
  "store.operate": ["streetAdmin", "communityStaff"],
  // A community's own honours (服务之星…).
  "rating.scheme": ["streetAdmin", "communityStaff"],
  // Running a rating cycle: set-up, decisions, answers to objections, publication, revocation.
  "rating.manage": ["streetAdmin", "communityStaff", "committeeMember"],
  // Scoring candidates: the committee's members only.
  "rating.vote": ["committeeMember"],
  // 红色汇治: the indicators of what each reads lists of (a grid worker their grid's, the committee its community's).
  "dashboard.read": ["streetAdmin", "communityStaff", "committeeMember", "gridWorker"],
  // 议事协商: triaging topics, recording their steps, answering objections, setting procedures.
  "topic.manage": ["streetAdmin", "communityStaff", "committeeMember"],
  // 承诺践诺: the branch's and units' commitments, and marking any kept, not kept or withdrawn.
  "commitment.manage": ["streetAdmin", "communityStaff", "committeeMember"],
  // Meetings of the community's bodies: planning, invitations, attendance by hand, minutes, counting.
  "meeting.manage": ["streetAdmin", "communityStaff", "committeeMember"],
  // 民情账: care profiles, visits and the grid's book. The street sees suppressed counts only (dashboard.read), never a
  // profile; paired visitors read through their pairing (core care.ts), not a grant.
  "care.read": ["communityStaff", "gridWorker"],
  // Profiles, consent, pairings, campaigns and confirming visits as service.
  "care.manage": ["communityStaff", "gridWorker"],
  // API tokens for other systems (decision 0020): issued, listed and revoked by the street's admin only.
  "token.manage": ["streetAdmin"],
};

/** Roles a granter may hand out; nobody below the street may make a street admin. */
const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  streetAdmin: ROLES,
  communityStaff: ROLES.filter((role) => role !== "streetAdmin"),
};

export function covers(grant: Grant, scope: ResourceScope): boolean {
  switch (grant.scopeKind) {
    case "street":
      return scope.streetId === grant.scopeId;
    case "community":
      return scope.communityId === grant.scopeId;
    case "grid":
      return scope.gridIds?.includes(grant.scopeId) ?? false;
    case "team":
      return scope.teamId === grant.scopeId;
  }
}

export type AuthzDenial = "unauthenticated" | "forbidden" | "token_not_allowed";
export type AuthzResult = Result<{ grant: Grant }, AuthzDenial>;

/**
 * Whether the person acts themselves. A token acts in its issuer's name but never takes their own part: it posts no
 * request of theirs and reads no household as the visitor they may be.
 */
export const inPerson = (actor: Actor): boolean => actor.viaToken !== true;

/**
 * What only a person may do, never a system with a token: read or keep care profiles (entrusted to the people who
 * visit, decision 0016), hand out roles or passwords (a leaked token would make itself lasting accounts), vote in a
 * committee, and manage tokens. A token's grant is a role its issuer may not hold; these stay with people.
 */
export const PEOPLE_ONLY_ACTIONS: readonly Action[] = [
  "care.read",
  "care.manage",
  "role.grant",
  "account.resetPassword",
  "account.proxyRegister",
  "rating.vote",
  "token.manage",
];

/** Whether the actor is a system with a token asking for what only people do (PEOPLE_ONLY_ACTIONS). */
export const peopleOnly = (actor: Actor, action: Action): boolean =>
  !inPerson(actor) && PEOPLE_ONLY_ACTIONS.includes(action);

/**
 * The one decision for every access. `grantRole` is the role being handed out
 * when the action is `role.grant`.
 */
export function authorize(actor: Actor | null, action: Action, scope: ResourceScope, grantRole?: Role): AuthzResult {
  if (!actor) return fail("unauthenticated");
  if (peopleOnly(actor, action)) return fail("token_not_allowed");
  const allowed = POLICY[action];
  for (const grant of actor.grants) {
    if (!allowed.includes(grant.role) || !covers(grant, scope)) continue;
    if (action === "role.grant" && !(grantRole && GRANTABLE[grant.role]?.includes(grantRole))) continue;
    return ok({ grant });
  }
  return fail("forbidden");
}

/**
 * The actor's grants whose role may take the action somewhere, so a list can
 * be narrowed to the scopes `authorize` would accept (e.g. the residents a
 * grid worker may post for) without deciding again what each role may do.
 */
export const grantsFor = (actor: Actor, action: Action): Grant[] =>
  peopleOnly(actor, action) ? [] : actor.grants.filter((grant) => POLICY[action].includes(grant.role));

/** Why a list narrowed by `grantsFor` to nothing is refused: a token asking for what only people do is told so. */
export const listDenial = (actor: Actor, action: Action): AuthzDenial =>
  peopleOnly(actor, action) ? "token_not_allowed" : "forbidden";

/** True when the actor holds any staff role: decides which home page and which contact data they see. */
export const isStaff = (actor: Actor): boolean => actor.grants.some((g) => STAFF_ROLES.includes(g.role));
