import { and, count, countDistinct, eq, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import {
  activeWindows,
  addDays,
  COMMITMENT_DUE_SOON_DAYS,
  HOURS_CONFIRM_DAYS,
  PROJECTS_UNDER_WAY,
  shanghaiDate,
  shanghaiMonth,
  type AccountKey,
  type CareLevel,
  type RequestCategory,
  type WarningFacts,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import {
  activities,
  buildings,
  careProfiles,
  commitments,
  openCommitment,
  grids,
  households,
  projectMilestones,
  projects,
  ratingCycles,
  ratingObjections,
  requests,
  roleGrants,
  serviceHours,
  shifts,
  signups,
  storeItems,
  volunteers,
} from "../../db/schema";
import { paidOutRecently } from "../dashboard/points";
import { balanceOf } from "../points/ledger";
import { overdueClause } from "../request/lists";
import { doorLabel } from "../care/load";

const DAY_MS = 86_400_000;
/** Hours left unconfirmed longer than this are the books' business, not a morning warning: the query reads no further back. */
const UNCONFIRMED_LOOKBACK_DAYS = 90;
const shanghaiDayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

/** Open requests past a deadline: the overdue list's own clause, through the partial index of open requests. */
async function lateRequests(tx: Tx, communityId: number, now: number) {
  const rows = await tx
    .select({
      id: requests.id,
      gridId: requests.gridId,
      category: requests.category,
      status: requests.status,
      createdAt: requests.createdAt,
      acceptedAt: requests.acceptedAt,
      holderKey: requests.holderKey,
    })
    .from(requests)
    .where(and(eq(requests.communityId, communityId), overdueClause(now)));
  return rows.map(({ holderKey, ...r }) => ({
    ...r,
    category: r.category as RequestCategory,
    holderUserId: holderKey?.startsWith("volunteer:") ? Number(holderKey.slice("volunteer:".length)) : null,
  }));
}

/** Unanswered objections of the cycles in public notice (the only phase objections are raised and answered in). */
const openObjections = (tx: Tx, communityId: number) =>
  tx
    .select({
      id: ratingObjections.id,
      cycleId: ratingCycles.id,
      cycleTitle: ratingCycles.title,
      createdAt: ratingObjections.createdAt,
    })
    .from(ratingCycles)
    .innerJoin(ratingObjections, eq(ratingObjections.cycleId, ratingCycles.id))
    .where(
      and(
        eq(ratingCycles.communityId, communityId),
        eq(ratingCycles.status, "notice"),
        isNull(ratingObjections.answeredAt),
      ),
    );

/** The fund now and what it paid out over core's FUND_RATE_WEEKS, as the dashboard's fund_weeks reads it. */
async function fund(tx: Tx, communityId: number, now: number) {
  const account = `fund:${communityId}` as AccountKey;
  return {
    available: (await balanceOf(tx, account)).available,
    paidOutRecently: await paidOutRecently(tx, account, now),
  };
}

/** Shifts of the last weeks that ended at least HOURS_CONFIRM_DAYS ago with present volunteers whose hours nobody confirmed. */
const unconfirmedShifts = (tx: Tx, communityId: number, now: number) =>
  tx
    .select({
      shiftId: shifts.id,
      activityId: shifts.activityId,
      title: activities.title,
      organiserUserId: activities.organiserUserId,
      endsAt: shifts.endsAt,
      waiting: count(),
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .innerJoin(
      signups,
      and(eq(signups.shiftId, shifts.id), eq(signups.status, "confirmed"), eq(signups.attendance, "present")),
    )
    .leftJoin(serviceHours, and(eq(serviceHours.signupId, signups.id), isNull(serviceHours.voidedAt)))
    .where(
      and(
        eq(shifts.communityId, communityId),
        gte(shifts.startsAt, now - UNCONFIRMED_LOOKBACK_DAYS * DAY_MS),
        lt(shifts.startsAt, now - HOURS_CONFIRM_DAYS * DAY_MS),
        isNull(serviceHours.id),
      ),
    )
    .groupBy(shifts.id);

/**
 * Live grids and the volunteers living in each (or below it) who served within ACTIVE_VOLUNTEER_DAYS: the dashboard's
 * volunteers_active (core `activeWindows`) over the community's shifts, counted by home grid.
 */
async function gridsWithActive(tx: Tx, communityId: number, now: number) {
  const live = await tx
    .select({ id: grids.id, name: grids.name, parentId: grids.parentId })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), isNull(grids.archivedAt)));
  const [window] = activeWindows([shanghaiMonth(now)], now);
  if (!window || live.length === 0) return [];
  const active = await tx
    .select({ gridId: volunteers.homeGridId, n: countDistinct(serviceHours.userId) })
    .from(shifts)
    .innerJoin(signups, eq(signups.shiftId, shifts.id))
    .innerJoin(serviceHours, and(eq(serviceHours.signupId, signups.id), isNull(serviceHours.voidedAt)))
    .innerJoin(volunteers, eq(volunteers.userId, serviceHours.userId))
    .where(
      and(
        eq(shifts.communityId, communityId),
        gte(shifts.startsAt, shanghaiDayStart(window.fromDate) - DAY_MS),
        lt(shifts.startsAt, shanghaiDayStart(window.toDate) + DAY_MS),
        gte(serviceHours.serviceDate, window.fromDate),
        lt(serviceHours.serviceDate, window.toDate),
      ),
    )
    .groupBy(volunteers.homeGridId);
  const parentOf = new Map(live.map((g) => [g.id, g.parentId]));
  const totals = new Map<number, number>();
  // A volunteer has one home grid: adding each grid's count to it and every grid above it counts each once.
  for (const { gridId, n } of active)
    for (let g = gridId; g !== null && g !== undefined; g = parentOf.get(g) ?? null)
      totals.set(g, (totals.get(g) ?? 0) + n);
  return live.map((g) => ({ id: g.id, name: g.name, activeVolunteers: totals.get(g.id) ?? 0 }));
}

/**
 * Milestones of the community's projects under way (core PROJECTS_UNDER_WAY) due before today (Shanghai) and short of
 * their target: the projects through (community_id, status), their milestones through the project; core
 * `isMilestoneLate` decides. A team holding a project is told through its leaders.
 */
async function lateMilestones(tx: Tx, communityId: number, now: number) {
  const rows = await tx
    .select({
      id: projectMilestones.id,
      projectId: projects.id,
      projectTitle: projects.title,
      projectStatus: projects.status,
      holderKey: projects.holderKey,
      title: projectMilestones.title,
      target: projectMilestones.target,
      progress: projectMilestones.progress,
      dueOn: projectMilestones.dueOn,
    })
    .from(projects)
    .innerJoin(projectMilestones, eq(projectMilestones.projectId, projects.id))
    .where(
      and(
        eq(projects.communityId, communityId),
        inArray(projects.status, [...PROJECTS_UNDER_WAY]),
        lt(projectMilestones.dueOn, shanghaiDate(now)),
        lt(projectMilestones.progress, projectMilestones.target),
      ),
    );
  const teamOf = (key: string | null) => (key?.startsWith("team:") ? Number(key.slice("team:".length)) : null);
  const teams = [...new Set(rows.map((r) => teamOf(r.holderKey)).filter((id): id is number => id !== null))];
  const leaders = teams.length
    ? await tx
        .select({ teamId: roleGrants.scopeId, userId: roleGrants.userId })
        .from(roleGrants)
        .where(
          and(
            eq(roleGrants.scopeKind, "team"),
            inArray(roleGrants.scopeId, teams),
            eq(roleGrants.role, "teamLeader"),
            isNull(roleGrants.revokedAt),
          ),
        )
    : [];
  return rows.map(({ holderKey, ...r }) => ({
    ...r,
    holderUserIds: leaders.filter((l) => l.teamId === teamOf(holderKey)).map((l) => l.userId),
  }));
}

/**
 * Open commitments due within COMMITMENT_DUE_SOON_DAYS or past their day, through the partial index of open ones by
 * day; the member who made one or whoever made it for a unit is told besides the staff.
 */
async function dueCommitments(tx: Tx, communityId: number, now: number) {
  const rows = await tx
    .select({
      id: commitments.id,
      what: commitments.what,
      dueOn: commitments.dueOn,
      createdBy: commitments.createdBy,
      committerUserId: commitments.committerUserId,
    })
    .from(commitments)
    .where(
      and(
        eq(commitments.communityId, communityId),
        openCommitment,
        lte(commitments.dueOn, addDays(shanghaiDate(now), COMMITMENT_DUE_SOON_DAYS)),
      ),
    );
  return rows.map(({ createdBy, committerUserId, ...c }) => ({
    ...c,
    committerUserIds: [...new Set([createdBy, committerUserId ?? createdBy])],
  }));
}

/** Every care profile's visit plan with its door, through the community's profiles (core `missedVisits` decides). */
async function carePlans(tx: Tx, communityId: number) {
  const rows = await tx
    .select({
      householdId: careProfiles.householdId,
      gridId: careProfiles.gridId,
      level: careProfiles.level,
      lastVisitedOn: careProfiles.lastVisitedOn,
      since: careProfiles.sinceOn,
      estate: buildings.estate,
      building: buildings.name,
      door: households.name,
    })
    .from(careProfiles)
    .innerJoin(households, eq(households.id, careProfiles.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(careProfiles.communityId, communityId));
  return rows.map((r) => ({
    householdId: r.householdId,
    gridId: r.gridId,
    label: doorLabel(r),
    plan: { level: r.level as CareLevel, lastVisitedOn: r.lastVisitedOn, since: r.since },
  }));
}

/** Everything core's warning rules read of one community at `now`; each query reads a range of an index, never the city. */
export async function warningFacts(tx: Tx, communityId: number, now: number): Promise<WarningFacts> {
  return {
    communityId,
    requests: await lateRequests(tx, communityId, now),
    objections: await openObjections(tx, communityId),
    fund: await fund(tx, communityId, now),
    items: await tx
      .select({ id: storeItems.id, name: storeItems.name, stock: storeItems.stock })
      .from(storeItems)
      .where(and(eq(storeItems.communityId, communityId), eq(storeItems.active, true))),
    unconfirmedShifts: await unconfirmedShifts(tx, communityId, now),
    grids: await gridsWithActive(tx, communityId, now),
    milestones: await lateMilestones(tx, communityId, now),
    commitments: await dueCommitments(tx, communityId, now),
    carePlans: await carePlans(tx, communityId),
  };
}
