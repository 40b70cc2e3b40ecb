import { and, eq, inArray, isNull } from "drizzle-orm";
import { STAFF_ROLES } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { roleGrants, serviceHours, teamMembers } from "../../db/schema";

/** Someone in the community vouched for the volunteer: an approved team membership, a confirmed service record, or a role beyond volunteering. */
export async function isVouched(tx: Db | Tx, userId: number): Promise<boolean> {
  const member = await tx
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active")))
    .limit(1);
  if (member.length) return true;
  const served = await tx
    .select({ id: serviceHours.id })
    .from(serviceHours)
    .where(and(eq(serviceHours.userId, userId), isNull(serviceHours.voidedAt)))
    .limit(1);
  if (served.length) return true;
  const roles = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        inArray(roleGrants.role, [...STAFF_ROLES, "teamLeader"]),
        isNull(roleGrants.revokedAt),
      ),
    )
    .limit(1);
  return roles.length > 0;
}
