import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import {
  MEETING_RULES_DEFAULT,
  authorize,
  fail,
  membersOf,
  ok,
  type Actor,
  type BodyFacts,
  type MeetingBody,
  type MeetingRule,
  type Member,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  bodyMembers,
  buildings,
  meetingInvitations,
  meetingRules,
  meetings,
  partnerUnits,
  roleGrants,
  users,
  volunteers,
} from "../../db/schema";
import { communityScope, gridChain } from "../scope";

type Reader = Db | Tx;

/** A meeting with its community's scope, or null when there is none. */
export async function loadMeeting(db: Reader, meetingId: number) {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const scope = meeting && (await communityScope(db, meeting.communityId));
  return meeting && scope ? { meeting, scope } : null;
}

/** The meeting when the actor may run it (staff and committee of its community). */
export async function managedMeeting(db: Reader, actor: Actor | null, meetingId: number) {
  const loaded = await loadMeeting(db, meetingId);
  if (!loaded) return fail("not_found");
  const allowed = authorize(actor, "meeting.manage", loaded.scope);
  return allowed.ok ? ok(loaded) : allowed;
}

export async function invitationOf(db: Reader, meetingId: number, userId: number) {
  const [row] = await db
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, userId)));
  return row ?? null;
}

const live = (ids: { userId: number }[]) => [...new Set(ids.map((r) => r.userId))];

async function committeeOf(db: Reader, communityId: number) {
  const rows = await db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        inArray(roleGrants.role, ["communityStaff", "committeeMember"]),
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, communityId),
        isNull(roleGrants.revokedAt),
      ),
    )
    .orderBy(asc(roleGrants.userId));
  return live(rows);
}

async function partnerUnitsOf(db: Reader, communityId: number) {
  const rows = await db
    .select({ unitId: partnerUnits.id, userId: volunteers.userId })
    .from(partnerUnits)
    .innerJoin(volunteers, eq(volunteers.partnerUnitId, partnerUnits.id))
    .where(and(eq(partnerUnits.communityId, communityId), isNull(partnerUnits.archivedAt)))
    .orderBy(asc(partnerUnits.id), asc(volunteers.userId));
  const units = new Map<number, number[]>();
  for (const r of rows) units.set(r.unitId, [...(units.get(r.unitId) ?? []), r.userId]);
  return [...units].map(([unitId, volunteerIds]) => ({ unitId, volunteerIds }));
}

/** The building's residents, and the workers of the nearest grid up from the building that has any. */
async function benchOf(db: Reader, buildingId: number | null) {
  if (buildingId === null) return { buildingResidents: [], gridWorkers: [] };
  const residents = await db
    .select({ userId: users.id })
    .from(users)
    .where(and(eq(users.buildingId, buildingId), isNull(users.disabledAt)))
    .orderBy(asc(users.id));
  const [building] = await db.select({ gridId: buildings.gridId }).from(buildings).where(eq(buildings.id, buildingId));
  let gridWorkers: number[] = [];
  for (const gridId of building ? await gridChain(db, building.gridId) : []) {
    gridWorkers = live(
      await db
        .select({ userId: roleGrants.userId })
        .from(roleGrants)
        .where(
          and(
            eq(roleGrants.role, "gridWorker"),
            eq(roleGrants.scopeKind, "grid"),
            eq(roleGrants.scopeId, gridId),
            isNull(roleGrants.revokedAt),
          ),
        )
        .orderBy(asc(roleGrants.userId)),
    );
    if (gridWorkers.length) break;
  }
  return { buildingResidents: live(residents), gridWorkers };
}

/** Loads only what the body's rule reads, then lets core say who its members are. */
export async function membersOfBody(
  db: Reader,
  communityId: number,
  body: MeetingBody,
  buildingId: number | null,
): Promise<Member[]> {
  const needs = (...bodies: MeetingBody[]) => bodies.includes(body);
  const facts: BodyFacts = {
    committee: needs("twoCommittees", "jointCommittee") ? await committeeOf(db, communityId) : [],
    partyMembers: needs("partyMembers")
      ? live(
          await db
            .select({ userId: volunteers.userId })
            .from(volunteers)
            .where(and(eq(volunteers.communityId, communityId), isNotNull(volunteers.partyStatus)))
            .orderBy(asc(volunteers.userId)),
        )
      : [],
    residentReps: needs("residentReps") ? await listedMembers(db, communityId, "residentReps") : [],
    partnerUnits: needs("jointCommittee") ? await partnerUnitsOf(db, communityId) : [],
    ...(needs("bench") ? await benchOf(db, buildingId) : { buildingResidents: [], gridWorkers: [] }),
  };
  return membersOf(body, facts);
}

export async function listedMembers(db: Reader, communityId: number, body: MeetingBody): Promise<number[]> {
  const rows = await db
    .select({ userId: bodyMembers.userId })
    .from(bodyMembers)
    .where(and(eq(bodyMembers.communityId, communityId), eq(bodyMembers.body, body)))
    .orderBy(asc(bodyMembers.userId));
  return live(rows);
}

/** The community's own rule for the body, else core's default. */
export async function ruleOf(db: Reader, communityId: number, body: MeetingBody): Promise<MeetingRule> {
  const [row] = await db
    .select()
    .from(meetingRules)
    .where(and(eq(meetingRules.communityId, communityId), eq(meetingRules.body, body)));
  if (!row) return MEETING_RULES_DEFAULT[body];
  return {
    quorum: { numerator: row.quorumNumerator, denominator: row.quorumDenominator, strict: row.quorumStrict },
    quorumMin: row.quorumMin,
    quorumSeat: row.quorumSeat,
    majority: { numerator: row.majorityNumerator, denominator: row.majorityDenominator, strict: row.majorityStrict },
    majorityBase: row.majorityBase,
    proposerExcluded: row.proposerExcluded,
  };
}
