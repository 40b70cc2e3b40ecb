import { and, count, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import {
  LOW_STOCK_UNITS,
  PROJECTS_UNDER_WAY,
  listFigure,
  must,
  partnerClaims,
  shanghaiDate,
  snapshot,
  type Indicator,
  type ListCounts,
  type MonthCell,
} from "@tongxin/core";
import {
  offerSlots,
  offers,
  projectMilestones,
  projects,
  requestCounts,
  requestHolds,
  requests,
  storeItems,
} from "../../db/schema";
import { monthOf, type Place, type Reader } from "./place";

/** A partner unit's holder key: `partner:<id>`, found as a range of the text so the holder index serves it. */
const isPartner = (key: SQL | typeof requestHolds.holderKey) => sql`${key} >= 'partner:' and ${key} < 'partner;'`;

/** Needs claimed by partner units (request holds they took by claiming) and projects they took on, by month of the claim. */
async function claims(db: Reader, place: Place, months: readonly string[], window: [number, number], dims: string[]) {
  const holdMonth = monthOf(requestHolds.startedAt, months);
  const held = await db
    .select({ month: holdMonth, community: requests.communityId, n: count() })
    .from(requestHolds)
    .innerJoin(requests, eq(requests.id, requestHolds.requestId))
    .where(
      and(
        isPartner(requestHolds.holderKey),
        eq(requestHolds.how, "claimed"),
        gte(requestHolds.startedAt, window[0]),
        lt(requestHolds.startedAt, window[1]),
        inArray(requests.communityId, place.communityIds),
        place.gridIds ? inArray(requests.gridId, place.gridIds) : undefined,
      ),
    )
    .groupBy(holdMonth, requests.communityId);
  const projectMonth = monthOf(projects.claimedAt, months);
  const taken =
    place.kind === "grid"
      ? []
      : await db
          .select({ month: projectMonth, community: projects.communityId, n: count() })
          .from(projects)
          .where(
            and(
              inArray(projects.communityId, place.communityIds),
              isPartner(sql`${projects.holderKey}`),
              gte(projects.claimedAt, window[0]),
              lt(projects.claimedAt, window[1]),
            ),
          )
          .groupBy(projectMonth, projects.communityId);
  const cells = (rows: typeof held): MonthCell[] =>
    rows.map((r) => ({ month: r.month ?? "", n: r.n, by: { community: r.community } }));
  return partnerClaims(cells(held), cells(taken), months, dims);
}

const HELD = ["assigned", "claimed", "in_progress", "done", "closed"];
const DONE = ["done", "closed"];
const OFF_THE_LIST = ["rejected", "cancelled"];

/** 需求清单 now: the requests on it (rejected and cancelled ones are off it), those claimed or assigned, those done. Kept by triggers per community; a grid counts its own. */
async function needs(db: Reader, place: Place) {
  // A grid's rows: the (grid, status) index covers the count; the grid lies in its one community.
  const rows = place.gridIds
    ? (
        await db
          .select({ status: requests.status, n: count() })
          .from(requests)
          .where(inArray(requests.gridId, place.gridIds))
          .groupBy(requests.status)
      ).map((r) => ({ ...r, community: must(place.communityIds[0], "a grid's community") }))
    : await db
        .select({ community: requestCounts.communityId, status: requestCounts.status, n: requestCounts.n })
        .from(requestCounts)
        .where(inArray(requestCounts.communityId, place.communityIds));
  const counts = new Map<number, ListCounts>(place.communityIds.map((id) => [id, { total: 0, claimed: 0, done: 0 }]));
  for (const r of rows) {
    const c = counts.get(r.community);
    if (!c || OFF_THE_LIST.includes(r.status)) continue;
    c.total += r.n;
    if (HELD.includes(r.status)) c.claimed += r.n;
    if (DONE.includes(r.status)) c.done += r.n;
  }
  return listFigure("needs_listed", counts, place.kind === "street");
}

/** 资源清单 now: live offers, those with a place booked, those that have served a booking (a booked slot now past). */
async function resources(db: Reader, place: Place, now: number) {
  const rows = await db
    .select({
      community: offers.communityId,
      total: sql<number>`count(distinct ${offers.id})`,
      claimed: sql<number>`count(distinct case when ${offerSlots.booked} > 0 then ${offers.id} end)`,
      done: sql<number>`count(distinct case when ${offerSlots.booked} > 0 and ${offerSlots.endsAt} <= ${now} then ${offers.id} end)`,
    })
    .from(offers)
    .leftJoin(offerSlots, eq(offerSlots.offerId, offers.id))
    .where(and(inArray(offers.communityId, place.communityIds), isNull(offers.archivedAt)))
    .groupBy(offers.communityId);
  return listFigure("resources_listed", countsOf(place, rows), place.kind === "street");
}

/** 项目清单 now: projects not cancelled, those claimed (under way or completed), those completed. */
async function projectList(db: Reader, place: Place) {
  const rows = await db
    .select({
      community: projects.communityId,
      total: sql<number>`sum(${projects.status} <> 'cancelled')`,
      claimed: sql<number>`sum(${projects.status} in ('claimed', 'completed'))`,
      done: sql<number>`sum(${projects.status} = 'completed')`,
    })
    .from(projects)
    .where(inArray(projects.communityId, place.communityIds))
    .groupBy(projects.communityId);
  return listFigure("projects_listed", countsOf(place, rows), place.kind === "street");
}

const countsOf = (place: Place, rows: { community: number; total: number; claimed: number; done: number }[]) =>
  new Map<number, ListCounts>(
    place.communityIds.map((id) => {
      const r = rows.find((row) => row.community === id);
      return [id, { total: Number(r?.total ?? 0), claimed: Number(r?.claimed ?? 0), done: Number(r?.done ?? 0) }];
    }),
  );

/** Counts now per community (core `isMilestoneLate`, `isLowStock` as SQL), split by community on the street. */
async function perCommunity(db: Reader, place: Place, key: "milestones_late" | "store_low_stock", now: number) {
  const rows =
    key === "milestones_late"
      ? await db
          .select({ community: projects.communityId, n: count() })
          .from(projects)
          .innerJoin(projectMilestones, eq(projectMilestones.projectId, projects.id))
          .where(
            and(
              inArray(projects.communityId, place.communityIds),
              inArray(projects.status, [...PROJECTS_UNDER_WAY]),
              lt(projectMilestones.dueOn, shanghaiDate(now)),
              lt(projectMilestones.progress, projectMilestones.target),
            ),
          )
          .groupBy(projects.communityId)
      : await db
          .select({ community: storeItems.communityId, n: count() })
          .from(storeItems)
          .where(
            and(
              inArray(storeItems.communityId, place.communityIds),
              eq(storeItems.active, true),
              sql`${storeItems.stock} <= ${LOW_STOCK_UNITS}`,
            ),
          )
          .groupBy(storeItems.communityId);
  const split = place.communityIds.map((id) => ({
    key: String(id),
    value: rows.find((r) => r.community === id)?.n ?? 0,
  }));
  const total = split.reduce((s, c) => s + c.value, 0);
  return snapshot(key, total, place.kind === "street" ? { community: split } : undefined);
}

/** Partner units' claims and the three lists (三张清单) with late milestones and low stock; a grid has its needs only. */
export async function listIndicators(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
): Promise<Indicator[]> {
  const dims = place.kind === "street" ? ["community"] : [];
  if (place.kind === "grid") return [await claims(db, place, months, window, dims), await needs(db, place)];
  return [
    await claims(db, place, months, window, dims),
    await needs(db, place),
    await resources(db, place, now),
    await projectList(db, place),
    await perCommunity(db, place, "milestones_late", now),
    await perCommunity(db, place, "store_low_stock", now),
  ];
}
