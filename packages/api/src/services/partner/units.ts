import { and, asc, desc, eq, inArray, isNull, sum } from "drizzle-orm";
import {
  authorize,
  decideCreate,
  fail,
  maskName,
  maskPhone,
  ok,
  publicName,
  type PartnerKind,
  must,
} from "@tongxin/core";
import { activities, partnerUnits, serviceHours, users, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";

export type CreatePartnerInput = {
  communityId: number;
  name: string;
  kind: PartnerKind;
  contactName: string | null;
  contactPhone: string | null;
};

export async function createPartnerUnit({ deps, actor, requestId }: Call, input: CreatePartnerInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "partner.manage", scope);
    if (!allowed.ok) return allowed;
    const siblings = await tx
      .select({
        id: partnerUnits.id,
        name: partnerUnits.name,
        archivedAt: partnerUnits.archivedAt,
        version: partnerUnits.version,
      })
      .from(partnerUnits)
      .where(eq(partnerUnits.communityId, input.communityId));
    const decided = decideCreate(null, siblings, input.name);
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(partnerUnits)
      .values({ ...input, name: decided.name, createdAt: now })
      .returning({ id: partnerUnits.id });
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "partner.create",
        entity: "partnerUnit",
        entityId: must(row).id,
        scope,
        after: { ...input, name: decided.name },
      },
      { requestId, now },
    );
    return ok({ id: must(row).id, name: decided.name });
  });
}

/** Public: units recruit openly; a contact person's name and phone are masked for everyone but staff. */
export async function listPartnerUnits({ deps, actor }: Call, communityId: number) {
  const db = deps.database.db;
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const staff = authorize(actor, "partner.manage", scope).ok;
  const rows = await db
    .select()
    .from(partnerUnits)
    .where(and(eq(partnerUnits.communityId, communityId), isNull(partnerUnits.archivedAt)))
    .orderBy(asc(partnerUnits.id));
  return ok({
    items: rows.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      contactName: u.contactName && (staff ? u.contactName : maskName(u.contactName)),
      contactPhone: u.contactPhone && (staff ? u.contactPhone : maskPhone(u.contactPhone)),
    })),
  });
}

/** A unit's page: its members (双报到), their confirmed hours and the activities they served in. */
export async function partnerPage({ deps, actor }: Call, unitId: number) {
  const db = deps.database.db;
  const [unit] = await db.select().from(partnerUnits).where(eq(partnerUnits.id, unitId));
  const scope = unit && (await communityScope(db, unit.communityId));
  if (!unit || !scope) return fail("not_found");
  const staff = authorize(actor, "partner.manage", scope).ok;
  const members = await db
    .select({ userId: volunteers.userId, name: users.name, consent: volunteers.publicNameConsent })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(eq(volunteers.partnerUnitId, unitId));
  const ids = members.map((m) => m.userId);
  const perMember = ids.length
    ? await db
        .select({ userId: serviceHours.userId, minutes: sum(serviceHours.minutes) })
        .from(serviceHours)
        .where(and(inArray(serviceHours.userId, ids), isNull(serviceHours.voidedAt)))
        .groupBy(serviceHours.userId)
    : [];
  const served = ids.length
    ? await db
        .selectDistinct({ id: activities.id, title: activities.title })
        .from(serviceHours)
        .innerJoin(activities, eq(activities.id, serviceHours.activityId))
        .where(and(inArray(serviceHours.userId, ids), isNull(serviceHours.voidedAt)))
        .orderBy(desc(activities.id))
        .limit(20)
    : [];
  const minutesOf = (userId: number) => Number(perMember.find((p) => p.userId === userId)?.minutes ?? 0);
  return ok({
    id: unit.id,
    communityId: unit.communityId,
    name: unit.name,
    kind: unit.kind,
    contactName: unit.contactName && (staff ? unit.contactName : maskName(unit.contactName)),
    contactPhone: unit.contactPhone && (staff ? unit.contactPhone : maskPhone(unit.contactPhone)),
    members: members.map((m) => ({
      userId: m.userId,
      name: publicName(m.name, m.consent, staff),
      minutes: minutesOf(m.userId),
    })),
    totalMinutes: members.reduce((total, m) => total + minutesOf(m.userId), 0),
    activities: served,
  });
}
