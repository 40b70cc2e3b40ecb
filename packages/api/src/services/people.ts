import { eq, inArray } from "drizzle-orm";
import { publicName } from "@tongxin/core";
import type { Db, Tx } from "../db/client";
import { users, volunteers } from "../db/schema";

/**
 * People's names as this reader may see them, by user id: every answer that names a person to someone
 * other than themselves goes through here, so consent is read in one place (core's publicName decides).
 * `entrusted` is for staff in scope and a team's managers, who need the full name to do their work.
 */
export async function peopleNames(
  db: Db | Tx,
  userIds: readonly (number | null)[],
  entrusted: boolean,
): Promise<Map<number, string>> {
  const ids = [...new Set(userIds.filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, consent: volunteers.publicNameConsent })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, publicName(r.name, r.consent, entrusted)]));
}
