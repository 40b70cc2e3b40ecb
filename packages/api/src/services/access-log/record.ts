import type { AccessPlace } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { accessLog } from "../../db/schema";

export type AccessEntry = {
  communityId: number;
  actorUserId: number;
  subjectUserId: number;
  subjectHouseholdId?: undefined;
  fields: string;
  entity: AccessPlace;
  entityId: number | null;
};

/** A read of a household's care profile (decision 0016): logged whoever reads it, staff included. */
export type CareAccessEntry = {
  communityId: number;
  actorUserId: number;
  subjectHouseholdId: number;
  entity: "care" | "careBook";
};

/** One row per household whose care profile a page or a book showed, in one statement. */
export async function recordCareAccesses(db: Db | Tx, entries: readonly CareAccessEntry[], now: number) {
  if (entries.length === 0) return;
  await db.insert(accessLog).values(
    entries.map((e) => ({
      ...e,
      subjectUserId: null,
      fields: "care",
      entityId: e.subjectHouseholdId,
      createdAt: now,
    })),
  );
}

/** One row per read of a resident's phone or address by someone else; the resident's own reads are not written. */
export async function recordAccess(db: Db | Tx, entry: AccessEntry, now: number) {
  await recordAccesses(db, [entry], now);
}

/** A list shown to staff (accounts, volunteers, a roster, a team) writes one row per person whose contact it showed, in one statement. */
export async function recordAccesses(db: Db | Tx, entries: readonly AccessEntry[], now: number) {
  const others = entries.filter((e) => e.actorUserId !== e.subjectUserId);
  if (others.length > 0) await db.insert(accessLog).values(others.map((e) => ({ ...e, createdAt: now })));
}
