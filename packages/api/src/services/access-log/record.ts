import type { AccessPlace } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { accessLog } from "../../db/schema";

export type AccessEntry = {
  communityId: number;
  actorUserId: number;
  subjectUserId: number;
  fields: string;
  entity: AccessPlace;
  entityId: number | null;
};

/** One row per read of a resident's phone or address by someone else; the resident's own reads are not written. */
export async function recordAccess(db: Db | Tx, entry: AccessEntry, now: number) {
  await recordAccesses(db, [entry], now);
}

/** A list shown to staff (accounts, volunteers, a roster, a team) writes one row per person whose contact it showed, in one statement. */
export async function recordAccesses(db: Db | Tx, entries: readonly AccessEntry[], now: number) {
  const others = entries.filter((e) => e.actorUserId !== e.subjectUserId);
  if (others.length > 0) await db.insert(accessLog).values(others.map((e) => ({ ...e, createdAt: now })));
}
