import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import {
  authorize,
  decideScope,
  fail,
  ok,
  rankCandidates,
  REQUEST_CATEGORIES,
  shanghaiClock,
  type MatchCandidate,
  type MatchRequest,
  type Place,
  type RequestCategory,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  availabilityWindows,
  buildings,
  communities,
  grids,
  offerSlots,
  offers,
  requestHolds,
  requests,
  settings,
  skills,
  teamMembers,
  teams,
  users,
  volunteerSkills,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { gridChain } from "../scope";
import { loadRequest } from "./load";
import { namesOf } from "../holders";

const HELD = ["assigned", "claimed", "in_progress"] as const;

/**
 * The volunteers of a street with their place, skills and free time: what
 * changes only when a profile is saved. Kept per process and checked against
 * its street's version in the database (bumped by every profile save there), so every instance
 * behind a load balancer answers from current data.
 */
/** A candidate and the key its work is held under (an offer's work is held by its provider). */
type PoolCandidate = MatchCandidate & { holderKey: string };
type Pool = { version: string; candidates: PoolCandidate[]; byKey: Map<string, PoolCandidate[]> };
const pools = new Map<number, Pool>();
/** One version per street: a save in one street leaves every other street's pool valid. */
const poolVersionKey = (streetId: number) => `matching_pool_version:${streetId}`;

export async function bumpPoolVersion(tx: Tx, streetId: number): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: poolVersionKey(streetId), value: "1" })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`cast(${settings.value} as integer) + 1` } });
}

async function staticPool(db: Db, streetId: number): Promise<Pool> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, poolVersionKey(streetId)));
  const version = row?.value ?? "0";
  const cached = pools.get(streetId);
  if (cached?.version === version) return cached;
  const people = await db
    .select({
      userId: volunteers.userId,
      communityId: volunteers.communityId,
      buildingId: users.buildingId,
      gridId: buildings.gridId,
      parentGridId: grids.parentId,
    })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .innerJoin(communities, eq(communities.id, volunteers.communityId))
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .leftJoin(grids, eq(grids.id, buildings.gridId))
    .where(eq(communities.streetId, streetId));
  const skillsOf = groupIds(
    (await db.select({ userId: volunteerSkills.userId, skillId: volunteerSkills.skillId }).from(volunteerSkills)).map(
      (r) => [r.userId, r.skillId],
    ),
  );
  const windowsOf = new Map<number, MatchCandidate["windows"][number][]>();
  for (const w of await db.select().from(availabilityWindows))
    windowsOf.set(w.userId, [
      ...(windowsOf.get(w.userId) ?? []),
      { weekday: w.weekday, startMinute: w.startMinute, endMinute: w.endMinute },
    ]);
  // One object shape for all, with the per-request fields present from the start: the ranking loop stays fast.
  const volunteersOfStreet: PoolCandidate[] = people.map((p) => ({
    key: `volunteer:${p.userId}`,
    holderKey: `volunteer:${p.userId}`,
    kind: "volunteer",
    skillIds: skillsOf.get(p.userId) ?? [],
    categories: [],
    place: {
      buildingId: p.buildingId,
      gridIds: [p.gridId, p.parentGridId].filter((g): g is number => g !== null),
      communityId: p.communityId,
      streetId,
    },
    windows: windowsOf.get(p.userId) ?? [],
    openLoad: 0,
    ratingSum: 0,
    ratingCount: 0,
    accepted: 0,
    declined: 0,
  }));
  const candidates = [...volunteersOfStreet, ...(await teamAndOfferCandidates(db, streetId))];
  const byKey = new Map<string, PoolCandidate[]>();
  for (const c of candidates) byKey.set(c.holderKey, [...(byKey.get(c.holderKey) ?? []), c]);
  const pool = { version, candidates, byKey };
  pools.set(streetId, pool);
  return pool;
}

/** What changes with every claim and rating, read fresh each time: grouped by holder, so only people with a record come back. */
async function dynamicFacts(db: Db) {
  const loads = await db
    .select({ key: requests.holderKey, n: sql<number>`count(*)` })
    .from(requests)
    .where(and(isNotNull(requests.holderKey), inArray(requests.status, [...HELD])))
    .groupBy(requests.holderKey);
  const ratings = await db
    .select({
      key: requestHolds.holderKey,
      sum: sql<number>`coalesce(sum(${requests.rating}), 0)`,
      n: sql<number>`count(${requests.rating})`,
    })
    .from(requestHolds)
    .innerJoin(requests, eq(requests.id, requestHolds.requestId))
    .where(eq(requestHolds.endReason, "confirm"))
    .groupBy(requestHolds.holderKey);
  const answers = await db
    .select({
      key: requestHolds.holderKey,
      declined: sql<number>`sum(${requestHolds.endReason} = 'declineAssignment')`,
      total: sql<number>`count(*)`,
    })
    .from(requestHolds)
    .where(eq(requestHolds.how, "assigned"))
    .groupBy(requestHolds.holderKey);
  return { loads, ratings, answers };
}

/**
 * Writes this moment's load and record onto the pooled candidates and ranks
 * them. No await between the two, so no other request sees them half-written.
 */
function rankWithFacts(
  facts: MatchRequest,
  { candidates, byKey }: Pool,
  dynamic: Awaited<ReturnType<typeof dynamicFacts>>,
  limit: number,
) {
  for (const c of candidates) c.openLoad = c.ratingSum = c.ratingCount = c.accepted = c.declined = 0;
  const each = (key: string | null, set: (c: PoolCandidate) => void) =>
    key ? byKey.get(key)?.forEach(set) : undefined;
  for (const l of dynamic.loads) each(l.key, (c) => (c.openLoad = Number(l.n)));
  for (const r of dynamic.ratings) each(r.key, (c) => ((c.ratingSum = Number(r.sum)), (c.ratingCount = Number(r.n))));
  for (const a of dynamic.answers)
    each(a.key, (c) => ((c.declined = Number(a.declined)), (c.accepted = Number(a.total) - Number(a.declined))));
  return rankCandidates(facts, candidates, limit);
}

/**
 * Teams and offers compete with volunteers: a team brings its members' skills,
 * an offer its category and the weekly times of its slots. They join the pool
 * (saving a team membership or an offer bumps the version).
 */
async function teamAndOfferCandidates(db: Db, streetId: number): Promise<PoolCandidate[]> {
  const place = (communityId: number) => ({ buildingId: null, gridIds: [], communityId, streetId });
  const base = { openLoad: 0, ratingSum: 0, ratingCount: 0, accepted: 0, declined: 0 };
  const ofStreet = db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, streetId));
  const teamRows = await db
    .select({ id: teams.id, communityId: teams.communityId })
    .from(teams)
    .where(and(inArray(teams.communityId, ofStreet), isNull(teams.archivedAt)));
  const memberSkills = teamRows.length
    ? await db
        .selectDistinct({ teamId: teamMembers.teamId, skillId: volunteerSkills.skillId })
        .from(teamMembers)
        .innerJoin(volunteerSkills, eq(volunteerSkills.userId, teamMembers.userId))
        .where(
          and(
            inArray(
              teamMembers.teamId,
              teamRows.map((t) => t.id),
            ),
            eq(teamMembers.status, "active"),
          ),
        )
    : [];
  const offerRows = await db
    .select({
      id: offers.id,
      communityId: offers.communityId,
      category: offers.category,
      providerKey: offers.providerKey,
    })
    .from(offers)
    .where(and(inArray(offers.communityId, ofStreet), isNull(offers.archivedAt)));
  const slotsOf = new Map<number, MatchCandidate["windows"][number][]>();
  for (const sl of await db
    .select({ offerId: offerSlots.offerId, startsAt: offerSlots.startsAt, endsAt: offerSlots.endsAt })
    .from(offerSlots)
    .innerJoin(offers, eq(offers.id, offerSlots.offerId))
    .where(inArray(offers.communityId, ofStreet))) {
    slotsOf.set(sl.offerId, [...(slotsOf.get(sl.offerId) ?? []), shanghaiClockWindow(sl.startsAt, sl.endsAt)]);
  }
  const teamSkills = groupIds(memberSkills.map((m) => [m.teamId, m.skillId]));
  return [
    ...teamRows.map((t) => ({
      key: `team:${t.id}`,
      holderKey: `team:${t.id}`,
      kind: "team" as const,
      skillIds: teamSkills.get(t.id) ?? [],
      categories: [],
      place: place(t.communityId),
      windows: [],
      ...base,
    })),
    ...offerRows.map((o) => ({
      key: `offer:${o.id}`,
      holderKey: o.providerKey,
      kind: "offer" as const,
      skillIds: [],
      categories: [o.category],
      place: place(o.communityId),
      windows: slotsOf.get(o.id) ?? [],
      ...base,
    })),
  ];
}

/** A slot as a weekly window, in Asia/Shanghai. */
function shanghaiClockWindow(startsAt: number, endsAt: number) {
  const start = shanghaiClock(startsAt);
  return {
    weekday: start.weekday,
    startMinute: start.minute,
    endMinute: Math.min(24 * 60, start.minute + Math.round((endsAt - startsAt) / 60_000)),
  };
}

function groupIds(pairs: [number, number][]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const [owner, id] of pairs) map.set(owner, [...(map.get(owner) ?? []), id]);
  return map;
}

/** 派单 list: candidates ranked for a request, each score broken into parts with reasons. Staff in scope only. */
export async function requestMatches({ deps, actor }: Call, requestId: number, limit = 20) {
  const db = deps.database.db;
  const loaded = await loadRequest(db, requestId);
  if (!loaded) return fail("not_found");
  const allowed = authorize(actor, "request.manage", loaded.scope);
  if (!allowed.ok) return allowed;
  const { request } = loaded;
  const skillName = REQUEST_CATEGORIES[request.category as RequestCategory].skill;
  const required = skillName ? await db.select({ id: skills.id }).from(skills).where(eq(skills.name, skillName)) : [];
  const place: Place = {
    buildingId: request.buildingId,
    gridIds: request.gridId ? await gridChain(db, request.gridId) : [],
    communityId: request.communityId,
    streetId: loaded.scope.streetId,
  };
  const facts: MatchRequest = {
    requiredSkillIds: required.map((s) => s.id),
    category: request.category,
    place,
    window:
      request.windowStart !== null && request.windowEnd !== null
        ? { startsAt: request.windowStart, endsAt: request.windowEnd }
        : null,
  };
  const pool = await staticPool(db, loaded.scope.streetId);
  // Offer only whom core lets this actor assign: candidates at home in the request's community (the street admin: the street).
  const assignable = pool.candidates.filter(
    (c) => decideScope(must(actor), "request.assign", place, [c.place.communityId]).ok,
  );
  const ranked = rankWithFacts(facts, { ...pool, candidates: assignable }, await dynamicFacts(db), limit);
  const names = await namesOf(
    db,
    ranked.map((m) => m.key),
  );
  const holderOf = new Map(pool.candidates.filter((c) => c.kind === "offer").map((c) => [c.key, c.holderKey]));
  return ok({
    items: ranked.map((m) => ({ ...m, holderKey: holderOf.get(m.key) ?? m.key, name: names.get(m.key) ?? "" })),
  });
}
