import type { Db } from "../../db/client";
import { accessLog } from "../../db/schema";

export type AccessEntry = { communityId: number; actorUserId: number; subjectUserId: number; fields: string; entity: string; entityId: number };

/** One row per read of a resident's phone or address by someone else; the resident's own reads are not written. */
export async function recordAccess(db: Db, entry: AccessEntry, now: number) {
  if (entry.actorUserId === entry.subjectUserId) return;
  await db.insert(accessLog).values({ ...entry, createdAt: now });
}
