import { and, count, eq, isNull } from "drizzle-orm";
import { PAIRING_ENDED_WITH_ROLE, ROLE_SCOPE, authorize, fail, ok, type Role, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { carePairings, roleGrants, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { scopeOf } from "../scope";
import { communitiesOfUser, decideInCommunity } from "../belonging";

export async function grantRole(
  { deps, actor, requestId }: Call,
  input: { userId: number; role: Role; scopeId: number },
) {
  const now = deps.now();
  const scopeKind = ROLE_SCOPE[input.role];
  return deps.database.db.transaction(async (tx) => {
    const scope = await scopeOf(tx, scopeKind, input.scopeId);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!scope || !user) return fail("not_found");
    const allowed = authorize(actor, "role.grant", scope, input.role);
    if (!allowed.ok) return allowed;
    // A street-wide role binds to no community; every other grant does.
    if (scope.communityId !== undefined) {
      const inScope = await decideInCommunity(
        tx,
        must(actor),
        "role.grant",
        scope.communityId,
        await communitiesOfUser(tx, input.userId),
      );
      if (!inScope.ok) return inScope;
    }
    const live = and(
      eq(roleGrants.userId, input.userId),
      eq(roleGrants.role, input.role),
      eq(roleGrants.scopeId, input.scopeId),
      isNull(roleGrants.revokedAt),
    );
    const [existing] = await tx.select({ id: roleGrants.id }).from(roleGrants).where(live);
    if (existing) return fail("already_granted");
    const grant = { userId: input.userId, role: input.role, scopeKind, scopeId: input.scopeId };
    const [row] = await tx
      .insert(roleGrants)
      .values({ ...grant, grantedBy: must(actor).userId, createdAt: now })
      .returning({ id: roleGrants.id });
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "role.grant",
        entity: "roleGrant",
        entityId: must(row).id,
        scope,
        after: grant,
      },
      { requestId, now },
    );
    return ok({ grant: { id: must(row).id, ...grant } });
  });
}

/** No longer a volunteer, no longer a visitor: their care pairings end at once, with the reason, and stay in the book. */
async function endPairingsOf(tx: Tx, grant: { userId: number; scopeId: number }, actorId: number, now: number) {
  await tx
    .update(carePairings)
    .set({ endedAt: now, endedBy: actorId, endReason: PAIRING_ENDED_WITH_ROLE })
    .where(
      and(
        eq(carePairings.visitorUserId, grant.userId),
        eq(carePairings.communityId, grant.scopeId),
        isNull(carePairings.endedAt),
      ),
    );
}

export async function revokeRole({ deps, actor, requestId }: Call, input: { userId: number; grantId: number }) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [grant] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, input.grantId), eq(roleGrants.userId, input.userId), isNull(roleGrants.revokedAt)));
    const scope = grant && (await scopeOf(tx, grant.scopeKind, grant.scopeId));
    if (!grant || !scope) return fail("not_found");
    const allowed = authorize(actor, "role.grant", scope, grant.role);
    if (!allowed.ok) return allowed;
    if (grant.role === "streetAdmin") {
      const [admins] = await tx
        .select({ n: count() })
        .from(roleGrants)
        .where(
          and(eq(roleGrants.role, "streetAdmin"), eq(roleGrants.scopeId, grant.scopeId), isNull(roleGrants.revokedAt)),
        );
      if ((admins?.n ?? 0) <= 1) return fail("last_street_admin");
    }
    await tx.update(roleGrants).set({ revokedAt: now }).where(eq(roleGrants.id, grant.id));
    if (grant.role === "volunteer") await endPairingsOf(tx, grant, must(actor).userId, now);
    const before = { userId: grant.userId, role: grant.role, scopeKind: grant.scopeKind, scopeId: grant.scopeId };
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "role.revoke",
        entity: "roleGrant",
        entityId: grant.id,
        scope,
        before,
        after: { ...before, revokedAt: now },
      },
      { requestId, now },
    );
    return ok({ id: grant.id });
  });
}
