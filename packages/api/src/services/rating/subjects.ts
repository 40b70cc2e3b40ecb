import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { covers, publicName, type Actor, type Evidence, type NominationRoute, type SubjectKind } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  buildings,
  donations,
  earnings,
  households,
  partnerUnits,
  requestHolds,
  requests,
  roleGrants,
  serviceHours,
  teamMembers,
  teams,
  users,
  volunteers,
} from "../../db/schema";
import { gridChain } from "../scope";

type Reader = Db | Tx;

/** Who a subject key names: `user:12` (a Party member or volunteer), `household:5`, `partner:3`. */
export type Subject = {
  key: string;
  kind: "user" | "household" | "partner";
  id: number;
  communityId: number;
  name: string;
  publicName: string;
  gridId: number | null;
  userIds: number[];
};

const parse = (key: string): { kind: Subject["kind"]; id: number } | null => {
  const [kind, raw] = key.split(":");
  const id = Number(raw);
  return (kind === "user" || kind === "household" || kind === "partner") && Number.isSafeInteger(id) && id > 0
    ? { kind, id }
    : null;
};

/** The subject with the name the committee sees and the one the public sees (masked without consent). */
export async function loadSubject(db: Reader, key: string): Promise<Subject | null> {
  const parsed = parse(key);
  if (!parsed) return null;
  if (parsed.kind === "user") {
    const [row] = await db
      .select({
        name: users.name,
        communityId: users.communityId,
        gridId: buildings.gridId,
        consent: volunteers.publicNameConsent,
      })
      .from(users)
      .leftJoin(buildings, eq(buildings.id, users.buildingId))
      .leftJoin(volunteers, eq(volunteers.userId, users.id))
      .where(eq(users.id, parsed.id));
    return row?.communityId
      ? {
          key,
          ...parsed,
          communityId: row.communityId,
          name: row.name,
          publicName: publicName(row.name, row.consent ?? false),
          gridId: row.gridId,
          userIds: [parsed.id],
        }
      : null;
  }
  if (parsed.kind === "household") {
    const [home] = await db
      .select({ communityId: households.communityId, gridId: buildings.gridId })
      .from(households)
      .innerJoin(buildings, eq(buildings.id, households.buildingId))
      .where(and(eq(households.id, parsed.id), isNull(households.archivedAt)));
    if (!home) return null;
    const members = await db
      .select({ id: users.id, name: users.name, consent: volunteers.publicNameConsent })
      .from(users)
      .leftJoin(volunteers, eq(volunteers.userId, users.id))
      .where(eq(users.householdId, parsed.id))
      .orderBy(asc(users.id));
    const head = members[0];
    // A household is named after its first registered member, never by its door (an address).
    const name = head ? `${head.name}家` : "未登记家庭";
    return {
      key,
      ...parsed,
      communityId: home.communityId,
      name,
      publicName: head ? `${publicName(head.name, head.consent ?? false)}家` : name,
      gridId: home.gridId,
      userIds: members.map((m) => m.id),
    };
  }
  const [unit] = await db
    .select({ name: partnerUnits.name, communityId: partnerUnits.communityId })
    .from(partnerUnits)
    .where(eq(partnerUnits.id, parsed.id));
  if (!unit) return null;
  const people = await db
    .select({ id: volunteers.userId })
    .from(volunteers)
    .where(eq(volunteers.partnerUnitId, parsed.id));
  return {
    key,
    ...parsed,
    communityId: unit.communityId,
    name: unit.name,
    publicName: unit.name,
    gridId: null,
    userIds: people.map((p) => p.id),
  };
}

/** Whether the subject can be rated under a scheme of this kind (a Party member must have a Party status on their profile). */
export async function fitsScheme(db: Reader, subject: Subject, kind: SubjectKind): Promise<boolean> {
  if (kind === "household") return subject.kind === "household";
  if (kind === "partnerUnit") return subject.kind === "partner";
  if (subject.kind !== "user") return false;
  const [profile] = await db
    .select({ partyStatus: volunteers.partyStatus })
    .from(volunteers)
    .where(eq(volunteers.userId, subject.id));
  return kind === "volunteer" ? Boolean(profile) : Boolean(profile?.partyStatus);
}

/** The routes this person may use to put this subject forward. */
export async function routesFor(db: Reader, actor: Actor, subject: Subject): Promise<NominationRoute[]> {
  const routes: NominationRoute[] = [];
  const [me] = await db.select({ householdId: users.householdId }).from(users).where(eq(users.id, actor.userId));
  if (
    (subject.kind === "user" && subject.id === actor.userId) ||
    (subject.kind === "household" && subject.id === me?.householdId)
  )
    routes.push("self");
  const chain = subject.gridId ? await gridChain(db, subject.gridId) : [];
  if (actor.grants.some((g) => g.role === "gridWorker" && covers(g, { streetId: 0, gridIds: chain })))
    routes.push("gridWorker");
  const led = actor.grants.filter((g) => g.role === "teamLeader").map((g) => g.scopeId);
  if (led.length > 0 && subject.userIds.length > 0) {
    const [member] = await db
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(
        and(
          inArray(teamMembers.teamId, led),
          inArray(teamMembers.userId, subject.userIds),
          eq(teamMembers.status, "active"),
        ),
      )
      .limit(1);
    if (member) routes.push("teamLeader");
  }
  if (
    actor.grants.some(
      (g) =>
        (g.role === "committeeMember" || g.role === "communityStaff") &&
        g.scopeKind === "community" &&
        g.scopeId === subject.communityId,
    )
  )
    routes.push("partyBranch", "committee");
  return routes;
}

/** What Tongxin knows of the subject's people in the period: hours, activities, requests served and their ratings, points earned and given, team roles. */
export async function gatherEvidence(
  db: Reader,
  subject: Subject,
  periodStart: number,
  periodEnd: number,
): Promise<Evidence> {
  const ids = subject.userIds.length > 0 ? subject.userIds : [-1];
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const [hours] = await db
    .select({
      minutes: sql<number>`coalesce(sum(${serviceHours.minutes}), 0)`,
      activities: sql<number>`count(distinct ${serviceHours.activityId})`,
      careVisits: sql<number>`count(${serviceHours.visitId})`,
    })
    .from(serviceHours)
    .where(
      and(
        inArray(serviceHours.userId, ids),
        isNull(serviceHours.voidedAt),
        gte(serviceHours.serviceDate, day(periodStart)),
        lt(serviceHours.serviceDate, day(periodEnd)),
      ),
    );
  const holders = ids.map((id) => `volunteer:${id}`);
  const [served] = await db
    .select({ n: sql<number>`count(*)`, rating: sql<number | null>`avg(${requests.rating})` })
    .from(requestHolds)
    .innerJoin(requests, eq(requests.id, requestHolds.requestId))
    .where(
      and(
        inArray(requestHolds.holderKey, holders),
        eq(requestHolds.endReason, "confirm"),
        gte(requestHolds.endedAt, periodStart),
        lt(requestHolds.endedAt, periodEnd),
      ),
    );
  const [earned] = await db
    .select({ n: sql<number>`coalesce(sum(${earnings.points}), 0)` })
    .from(earnings)
    .where(
      and(
        inArray(earnings.userId, ids),
        eq(earnings.status, "paid"),
        gte(earnings.createdAt, periodStart),
        lt(earnings.createdAt, periodEnd),
      ),
    );
  const [given] = await db
    .select({ n: sql<number>`coalesce(sum(${donations.amount}), 0)` })
    .from(donations)
    .where(
      and(
        inArray(donations.fromUserId, ids),
        gte(donations.createdAt, periodStart),
        lt(donations.createdAt, periodEnd),
      ),
    );
  const led = await db
    .select({ name: teams.name })
    .from(roleGrants)
    .innerJoin(teams, eq(teams.id, roleGrants.scopeId))
    .where(and(inArray(roleGrants.userId, ids), eq(roleGrants.role, "teamLeader"), isNull(roleGrants.revokedAt)));
  const member = await db
    .select({ name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(inArray(teamMembers.userId, ids), eq(teamMembers.status, "active")));
  const rating =
    served?.rating === null || served?.rating === undefined ? null : Math.round(Number(served.rating) * 10) / 10;
  return {
    serviceMinutes: Number(hours?.minutes ?? 0),
    activities: Number(hours?.activities ?? 0),
    careVisits: Number(hours?.careVisits ?? 0),
    requestsServed: Number(served?.n ?? 0),
    averageRating: rating,
    pointsEarned: Number(earned?.n ?? 0),
    pointsDonated: Number(given?.n ?? 0),
    teamRoles: [...led.map((t) => `${t.name}（队长）`), ...member.map((t) => t.name)],
  };
}

/** The community's committee: whose votes count. */
export async function committeeOf(db: Reader, communityId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.role, "committeeMember"),
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, communityId),
        isNull(roleGrants.revokedAt),
      ),
    );
  return [...new Set(rows.map((r) => r.userId))];
}

/** A member may not vote on themselves, their household, or the partner unit they belong to. */
export async function isOwnSubject(db: Reader, memberId: number, subject: Subject): Promise<boolean> {
  if (subject.kind !== "household") return subject.userIds.includes(memberId);
  const [me] = await db.select({ householdId: users.householdId }).from(users).where(eq(users.id, memberId));
  return me?.householdId === subject.id;
}
