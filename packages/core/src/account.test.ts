import { describe, expect, it } from "vitest";
import { ROLE_SCOPE, type Actor, type Role } from "./authz";
import {
  ONE_TIME_PASSWORD_ALPHABET,
  checkNewPassword,
  mayResetPassword,
  oneTimePassword,
  type ResetTarget,
} from "./account";

// Street 1 holds communities 10 and 20; grid 100 (child 101) is in community 10, grid 200 in community 20; team 7 is in community 10.
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

/** A person living in community 10, grid 101 (below 100), holding the given roles in community 10 (street roles: null). */
const personWith = (...roles: Role[]): ResetTarget => ({
  userId: 2,
  scope: { streetId: 1, communityId: 10, gridIds: [101, 100] },
  roles: roles.map((role) => ({ role, communityId: role === "streetAdmin" ? null : 10 })),
});
const elsewhere: ResetTarget = {
  userId: 3,
  scope: { streetId: 1, communityId: 20, gridIds: [200] },
  roles: [{ role: "resident", communityId: 20 }],
};

describe("who may reset whose password", () => {
  it.each([
    // resetter, the person's roles, allowed
    ["streetAdmin", ["resident"], true],
    ["streetAdmin", ["resident", "communityStaff"], true],
    ["streetAdmin", ["streetAdmin"], true],
    ["communityStaff", ["resident"], true],
    ["communityStaff", ["resident", "volunteer", "teamLeader"], true],
    ["communityStaff", ["resident", "gridWorker"], true],
    ["communityStaff", ["resident", "communityStaff"], true],
    ["communityStaff", ["resident", "committeeMember"], true],
    ["communityStaff", ["resident", "streetAdmin"], false],
    ["gridWorker", ["resident"], true],
    ["gridWorker", ["resident", "volunteer"], true],
    ["gridWorker", ["resident", "teamLeader"], false],
    ["gridWorker", ["resident", "gridWorker"], false],
    ["gridWorker", ["resident", "communityStaff"], false],
    ["committeeMember", ["resident"], false],
    ["teamLeader", ["resident"], false],
    ["volunteer", ["resident"], false],
    ["resident", ["resident"], false],
  ] as const)("%s resetting someone who is %j in their scope: %s", (resetter, roles, allowed) => {
    expect(mayResetPassword(actorWith(resetter), personWith(...roles)).ok).toBe(allowed);
  });

  it.each(["communityStaff", "gridWorker"] as const)("%s may not reset a person of another community", (resetter) => {
    expect(mayResetPassword(actorWith(resetter), elsewhere)).toEqual({ ok: false, reason: "forbidden" });
  });

  it("a token never resets a password, though its grant would let a person", () => {
    const token = { ...actorWith("streetAdmin"), viaToken: true as const };
    expect(mayResetPassword(token, personWith("resident"))).toEqual({ ok: false, reason: "token_not_allowed" });
  });

  it("the street admin resets a person of any community in the street", () => {
    expect(mayResetPassword(actorWith("streetAdmin"), elsewhere).ok).toBe(true);
  });

  it("community staff may not reset someone whose staff role lies in another community", () => {
    const target: ResetTarget = {
      ...personWith("resident"),
      roles: [
        { role: "resident", communityId: 10 },
        { role: "communityStaff", communityId: 20 },
      ],
    };
    expect(mayResetPassword(actorWith("communityStaff"), target).ok).toBe(false);
  });

  it("a grid worker may not reset a resident living outside their grid, nor one with no building", () => {
    expect(
      mayResetPassword(actorWith("gridWorker"), {
        ...personWith("resident"),
        scope: { streetId: 1, communityId: 10, gridIds: [102] },
      }).ok,
    ).toBe(false);
    expect(
      mayResetPassword(actorWith("gridWorker"), { ...personWith("resident"), scope: { streetId: 1, communityId: 10 } })
        .ok,
    ).toBe(false);
  });

  it("nobody resets their own password this way: they change it", () => {
    expect(mayResetPassword(actorWith("streetAdmin"), { ...personWith("resident"), userId: 1 })).toEqual({
      ok: false,
      reason: "own_account",
    });
  });

  it("an anonymous caller is unauthenticated", () => {
    expect(mayResetPassword(null, personWith("resident"))).toEqual({ ok: false, reason: "unauthenticated" });
  });
});

describe("one-time passwords", () => {
  it("takes every character from the injected source: eight characters without look-alikes, a letter and a digit", () => {
    const draws: number[] = [];
    const password = oneTimePassword((n) => (draws.push(n), n - 1));
    expect(password).toHaveLength(8);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password).not.toMatch(/[01ilo]/);
    expect(draws).toHaveLength(8);
  });

  it.each([0, 1, 5])("always holds a letter and a digit whatever the source answers (always %i)", (k) => {
    const password = oneTimePassword((n) => k % n);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[2-9]/);
    expect([...password].every((c) => ONE_TIME_PASSWORD_ALPHABET.includes(c))).toBe(true);
  });
});

describe("a new password", () => {
  it.each([
    ["abc12345", "xyz98765", true],
    ["abc12345", "abc12345", false],
  ])("replacing %s with %s: %s", (current, next, allowed) => {
    expect(checkNewPassword(current, next).ok).toBe(allowed);
  });

  it("names the refusal when nothing changes", () => {
    expect(checkNewPassword("abc12345", "abc12345")).toEqual({ ok: false, reason: "same_password" });
  });
});
