import { and, count, eq, gte, inArray, isNull } from "drizzle-orm";
import { decideClaimLimits, ok, shanghaiDayStart, STAFF_ROLES } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { requestHolds, roleGrants, serviceHours, teamMembers } from "../../db/schema";

/** Someone in the community vouched for the volunteer: an approved team membership, a confirmed service record, or a role beyond volunteering. */
async function isVouched(tx: Tx, userId: number): Promise<boolean> {
  const member = await tx.select({ id: teamMembers.id }).from(teamMembers).where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active"))).limit(1);
  if (member.length) return true;
  const served = await tx.select({ id: serviceHours.id }).from(serviceHours).where(and(eq(serviceHours.userId, userId), isNull(serviceHours.voidedAt))).limit(1);
  if (served.length) return true;
  const roles = await tx.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.userId, userId), inArray(roleGrants.role, [...STAFF_ROLES, "teamLeader"]), isNull(roleGrants.revokedAt))).limit(1);
  return roles.length > 0;
}

/**
 * A volunteer's own claim, checked inside the claim's transaction: vouched
 * for, then their releases today and the requests they hold until the resident confirms.
 * Teams and partner units, and staff assigning, are not limited.
 */
export async function checkClaimLimits(tx: Tx, holderKey: string, now: number) {
  if (!holderKey.startsWith("volunteer:")) return ok({});
  const [released] = await tx.select({ n: count() }).from(requestHolds).where(and(eq(requestHolds.holderKey, holderKey), gte(requestHolds.endedAt, shanghaiDayStart(now)), eq(requestHolds.endReason, "release")));
  const [holding] = await tx.select({ n: count() }).from(requestHolds).where(and(eq(requestHolds.holderKey, holderKey), isNull(requestHolds.endedAt)));
  return decideClaimLimits({ vouched: await isVouched(tx, Number(holderKey.split(":")[1])), releasedToday: released!.n, holding: holding!.n });
}
