import { and, eq, isNull } from "drizzle-orm";
import {
  fail,
  mayResetPassword,
  oneTimePassword,
  ok,
  type HeldRole,
  type ResetTarget,
  type ResourceScope,
  must,
} from "@tongxin/core";
import { randomInt } from "node:crypto";
import { hashPassword } from "../../auth/password";
import type { Tx } from "../../db/client";
import { roleGrants, sessions, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { buildingScope, communityScope, scopeOf } from "../scope";

/** Where the person lives (building, else community; a street admin without a home belongs to their street) and every live role with its community. */
async function loadTarget(tx: Tx, userId: number): Promise<ResetTarget | null> {
  const [user] = await tx
    .select({ communityId: users.communityId, buildingId: users.buildingId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const grants = await tx
    .select({ role: roleGrants.role, scopeKind: roleGrants.scopeKind, scopeId: roleGrants.scopeId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
  const roles: HeldRole[] = [];
  for (const grant of grants) {
    const scope = await scopeOf(tx, grant.scopeKind, grant.scopeId);
    roles.push({ role: grant.role, communityId: scope?.communityId ?? null });
  }
  const street = grants.find((g) => g.scopeKind === "street");
  const scope: ResourceScope | null =
    user.buildingId !== null
      ? await buildingScope(tx, user.buildingId)
      : user.communityId !== null
        ? await communityScope(tx, user.communityId)
        : street
          ? { streetId: street.scopeId }
          : null;
  return scope && { userId, scope, roles };
}

/**
 * Staff reset a forgotten password: a one-time password shown once to the staff
 * member, to be changed at the next sign-in; every session of the person ends.
 * The audit entry records the reset, never the password.
 */
export async function resetPassword({ deps, actor, requestId }: Call, input: { userId: number }) {
  const password = oneTimePassword(randomInt);
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (!target) return fail("not_found");
    const allowed = mayResetPassword(actor, target);
    if (!allowed.ok) return allowed;
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, input.userId));
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "account.passwordReset",
        entity: "user",
        entityId: input.userId,
        scope: target.scope,
        after: { mustChangePassword: true },
      },
      { requestId, now },
    );
    return ok({ temporaryPassword: password });
  });
}
