import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { authorize, fail, ok, rankCandidates, REQUEST_CATEGORIES, type MatchCandidate, type MatchRequest, type Place, type RequestCategory } from "@tongxin/core";
import type { Db } from "../../db/client";
import { availabilityWindows, buildings, communities, grids, requestHolds, requests, skills, users, volunteerSkills, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { gridChain } from "../scope";
import { loadRequest } from "./load";

const HELD = ["assigned", "claimed", "in_progress"] as const;

/** Volunteers of the street with everything the ranking needs, in five grouped queries rather than one per person. */
async function volunteerCandidates(db: Db, streetId: number): Promise<MatchCandidate[]> {
  const people = await db
    .select({ userId: volunteers.userId, communityId: volunteers.communityId, buildingId: users.buildingId, gridId: buildings.gridId, parentGridId: grids.parentId })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .innerJoin(communities, eq(communities.id, volunteers.communityId))
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .leftJoin(grids, eq(grids.id, buildings.gridId))
    .where(eq(communities.streetId, streetId));
  const skillRows = await db.select({ userId: volunteerSkills.userId, skillId: volunteerSkills.skillId }).from(volunteerSkills);
  const windowRows = await db.select().from(availabilityWindows);
  const loads = await db.select({ key: requests.holderKey, n: sql<number>`count(*)` }).from(requests).where(and(isNotNull(requests.holderKey), inArray(requests.status, [...HELD]))).groupBy(requests.holderKey);
  const ratings = await db
    .select({ key: requestHolds.holderKey, sum: sql<number>`coalesce(sum(${requests.rating}), 0)`, n: sql<number>`count(${requests.rating})` })
    .from(requestHolds)
    .innerJoin(requests, eq(requests.id, requestHolds.requestId))
    .where(eq(requestHolds.endReason, "confirm"))
    .groupBy(requestHolds.holderKey);
  const answers = await db
    .select({ key: requestHolds.holderKey, declined: sql<number>`sum(${requestHolds.endReason} = 'declineAssignment')`, total: sql<number>`count(*)` })
    .from(requestHolds)
    .where(eq(requestHolds.how, "assigned"))
    .groupBy(requestHolds.holderKey);
  const skillsOf = groupIds(skillRows.map((r) => [r.userId, r.skillId]));
  const windowsOf = new Map<number, MatchCandidate["windows"][number][]>();
  for (const w of windowRows) windowsOf.set(w.userId, [...(windowsOf.get(w.userId) ?? []), w]);
  const byKey = <T extends { key: string | null }>(rows: T[]) => new Map(rows.map((r) => [r.key!, r]));
  const [loadOf, ratingOf, answerOf] = [byKey(loads), byKey(ratings), byKey(answers)];
  return people.map((p) => {
    const key = `volunteer:${p.userId}`;
    const answered = answerOf.get(key);
    const declined = Number(answered?.declined ?? 0);
    return {
      key,
      kind: "volunteer" as const,
      skillIds: skillsOf.get(p.userId) ?? [],
      categories: [],
      place: { buildingId: p.buildingId, gridIds: [p.gridId, p.parentGridId].filter((g): g is number => g !== null), communityId: p.communityId, streetId },
      windows: windowsOf.get(p.userId) ?? [],
      openLoad: Number(loadOf.get(key)?.n ?? 0),
      ratingSum: Number(ratingOf.get(key)?.sum ?? 0),
      ratingCount: Number(ratingOf.get(key)?.n ?? 0),
      accepted: Number(answered?.total ?? 0) - declined,
      declined,
    };
  });
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
  const place: Place = { buildingId: request.buildingId, gridIds: request.gridId ? await gridChain(db, request.gridId) : [], communityId: request.communityId, streetId: loaded.scope.streetId };
  const facts: MatchRequest = {
    requiredSkillIds: required.map((s) => s.id),
    category: request.category,
    place,
    window: request.windowStart !== null && request.windowEnd !== null ? { startsAt: request.windowStart, endsAt: request.windowEnd } : null,
  };
  const ranked = rankCandidates(facts, await volunteerCandidates(db, loaded.scope.streetId), limit);
  const ids = ranked.map((m) => Number(m.key.split(":")[1]));
  const names = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  return ok({ items: ranked.map((m) => ({ ...m, name: names.find((n) => `volunteer:${n.id}` === m.key)?.name ?? "" })) });
}
