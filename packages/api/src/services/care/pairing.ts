import { and, eq } from "drizzle-orm";
import { decidePairing, decidePairingEnd, fail, ok, type VisitorKind, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { carePairings, partnerUnits, users, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communitiesOfUser } from "../belonging";
import { activePairings, manageCare } from "./load";

/** What core needs of the person to pair: their volunteer profile, their partner unit's community, where they belong. */
async function candidateOf(tx: Tx, userId: number) {
  const [row] = await tx
    .select({
      enabled: users.disabledAt,
      partyStatus: volunteers.partyStatus,
      partnerUnitId: volunteers.partnerUnitId,
      volunteerUserId: volunteers.userId,
      householdId: users.householdId,
      unitCommunityId: partnerUnits.communityId,
    })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .leftJoin(partnerUnits, eq(partnerUnits.id, volunteers.partnerUnitId))
    .where(eq(users.id, userId));
  if (!row || row.enabled !== null) return null;
  return {
    volunteer: row.volunteerUserId === null ? null : { partyStatus: row.partyStatus, partnerUnitId: row.partnerUnitId },
    partnerUnitCommunityId: row.unitCommunityId,
    householdId: row.householdId,
    belongsTo: await communitiesOfUser(tx, userId),
  };
}

/** Staff pair a household that has a profile with a visitor of its community, as the kind they visit as. */
export async function pairVisitor(
  { deps, actor, requestId }: Call,
  householdId: number,
  input: { visitorUserId: number; kind: VisitorKind },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const managed = await manageCare(tx, actor, householdId);
    if (!managed.ok) return managed;
    if (!managed.profile) return fail("no_care_profile");
    const candidate = await candidateOf(tx, input.visitorUserId);
    if (!candidate) return fail("not_found");
    const active = await activePairings(tx, householdId);
    const decided = decidePairing({
      kind: input.kind,
      candidate,
      communityId: managed.household.communityId,
      householdId,
      activelyPaired: active.some((p) => p.visitorUserId === input.visitorUserId),
    });
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(carePairings)
      .values({
        communityId: managed.household.communityId,
        householdId,
        visitorUserId: input.visitorUserId,
        kind: input.kind,
        startedAt: now,
        startedBy: must(actor).userId,
      })
      .returning({ id: carePairings.id });
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.pair",
        entity: "carePairing",
        entityId: must(row).id,
        scope: managed.household.scope,
        after: { householdId, visitorUserId: input.visitorUserId, kind: input.kind },
      },
      { requestId, now },
    );
    return ok({ id: must(row).id });
  });
}

/** A pairing ends with a reason and stays in the book; the visitor loses the household at once. */
export async function endPairing({ deps, actor, requestId }: Call, pairingId: number, reason: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [pairing] = await tx.select().from(carePairings).where(eq(carePairings.id, pairingId));
    if (!pairing) return fail("not_found");
    const managed = await manageCare(tx, actor, pairing.householdId);
    if (!managed.ok) return managed;
    const decided = decidePairingEnd(pairing, reason, now);
    if (!decided.ok) return decided;
    await tx
      .update(carePairings)
      .set({ endedAt: decided.endedAt, endedBy: must(actor).userId, endReason: decided.reason })
      .where(and(eq(carePairings.id, pairingId)));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.unpair",
        entity: "carePairing",
        entityId: pairingId,
        scope: managed.household.scope,
        after: { reason: decided.reason },
      },
      { requestId, now },
    );
    return ok({ id: pairingId });
  });
}
