import {
  authorize,
  peopleOnly,
  type Actor,
  type AuthzDenial,
  type Grant,
  type ResourceScope,
  type Role,
} from "./authz";
import { fail, ok, type Result, must } from "./result";

/**
 * Letters and digits without look-alikes (0/o, 1/l/i), easy to read out to an
 * elderly resident or copy from a note.
 */
export const ONE_TIME_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LETTERS = ONE_TIME_PASSWORD_ALPHABET.replace(/[0-9]/g, "");
const DIGITS = ONE_TIME_PASSWORD_ALPHABET.replace(/[a-z]/g, "");

/**
 * A one-time password (proxy registration, staff reset): six characters, then a
 * digit and a letter so it always passes the password rule. `randomBelow(n)`
 * answers a uniform integer in [0, n): the shell passes a cryptographic source.
 */
export function oneTimePassword(randomBelow: (n: number) => number): string {
  const pick = (from: string) => must(from[randomBelow(from.length)]);
  const head = Array.from({ length: 6 }, () => pick(ONE_TIME_PASSWORD_ALPHABET)).join("");
  return `${head}${pick(DIGITS)}${pick(LETTERS)}`;
}

/** A person's role with the community it lies in (null for the street). */
export type HeldRole = { role: Role; communityId: number | null };
/** Whose password would be reset: where they live and every role they hold. */
export type ResetTarget = { userId: number; scope: ResourceScope; roles: readonly HeldRole[] };

type Resetter = "streetAdmin" | "communityStaff" | "gridWorker";

/**
 * Which of the person's roles each resetter may stand behind. A reset hands the
 * account to whoever reads the one-time password, so nobody may reset a person
 * who could do more than they could grant: community staff stop below the
 * street and at their own community; grid workers — who already open accounts
 * for the residents of their grid — reach plain residents and volunteers only,
 * and a leader's or staff member's account goes to community staff.
 */
const REACH: Record<Resetter, (held: HeldRole, home: number | undefined) => boolean> = {
  streetAdmin: () => true,
  communityStaff: (held, home) => held.role !== "streetAdmin" && held.communityId === home,
  gridWorker: (held, home) => (held.role === "resident" || held.role === "volunteer") && held.communityId === home,
};

const isResetter = (role: Role): role is Resetter => role in REACH;

export type ResetDenial = AuthzDenial | "own_account";

/** The one decision on a staff password reset: scope by the person's home, reach by the person's roles. */
export function mayResetPassword(actor: Actor | null, target: ResetTarget): Result<{ grant: Grant }, ResetDenial> {
  if (!actor) return fail("unauthenticated");
  if (peopleOnly(actor, "account.resetPassword")) return fail("token_not_allowed");
  if (actor.userId === target.userId) return fail("own_account");
  for (const grant of actor.grants) {
    if (!isResetter(grant.role)) continue;
    if (!authorize({ ...actor, grants: [grant] }, "account.resetPassword", target.scope).ok) continue;
    const reach = REACH[grant.role];
    if (target.roles.every((held) => reach(held, target.scope.communityId))) return ok({ grant });
  }
  return fail("forbidden");
}

/** A forced change must really change it: the one-time password someone else read cannot stay. */
export function checkNewPassword(current: string, next: string): Result<object, "same_password"> {
  return current === next ? fail("same_password") : ok({});
}
