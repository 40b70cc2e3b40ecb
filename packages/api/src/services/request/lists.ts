import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import {
  authorize,
  fail,
  limitsOf,
  maskName,
  ok,
  overdue,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_CODES,
  type RequestCategory,
  type RequestKind,
  type RequestStatus,
  must,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { buildings, isOpenRequest, requests, skills, users, volunteerSkills, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope, gridScope, gridSubtree } from "../scope";
import { toIso } from "../../time";

const summaryColumns = {
  id: requests.id,
  kind: requests.kind,
  category: requests.category,
  description: requests.description,
  urgency: requests.urgency,
  status: requests.status,
  level: requests.level,
  gridId: requests.gridId,
  holderKey: requests.holderKey,
  closure: requests.closure,
  rating: requests.rating,
  createdAt: requests.createdAt,
  acceptedAt: requests.acceptedAt,
};

type Timed = { category: string; status: RequestStatus; createdAt: number; acceptedAt: number | null };

const present =
  (now: number) =>
  <T extends Timed>({ createdAt, acceptedAt, ...rest }: T) => ({
    ...rest,
    createdAt: toIso(createdAt),
    acceptedAt: toIso(acceptedAt),
    overdue: overdue({ status: rest.status, createdAt, acceptedAt }, limitsOf(rest.category as RequestCategory), now),
  });

/** The deadline of the step a request waits for, as SQL (core's `overdue`): accept by created + limit, finish by accepted + limit. */
export function overdueClause(now: number): SQL {
  const byCategory = (pick: (c: (typeof REQUEST_CATEGORIES)[RequestCategory]) => number) =>
    sql.join(
      REQUEST_CATEGORY_CODES.map((code) => sql`when ${code} then ${pick(REQUEST_CATEGORIES[code])}`),
      sql` `,
    );
  const acceptMs = sql`(case ${requests.category} ${byCategory((c) => c.acceptHours * 3_600_000)} end)`;
  const finishMs = sql`(case ${requests.category} ${byCategory((c) => c.finishDays * 86_400_000)} end)`;
  const open = isOpenRequest(requests.status);
  // Never accepted (even if someone holds it): the acceptance deadline; accepted: the finishing one.
  return must(
    and(
      open,
      or(
        and(isNull(requests.acceptedAt), sql`${requests.createdAt} + ${acceptMs} < ${now}`),
        sql`${requests.acceptedAt} + ${finishMs} < ${now}`,
      ),
    ),
  );
}

export type StaffListInput = PageInput & {
  communityId: number;
  gridId?: number | undefined;
  status?: RequestStatus | undefined;
  category?: RequestCategory | undefined;
  kind?: RequestKind | undefined;
  overdueOnly?: boolean | undefined;
};

/** 需求清单 for staff: filters by status, category, kind and grid; the overdue list (预警) runs oldest first. */
export async function staffRequestList(call: Call, input: StaffListInput) {
  const db = call.deps.database.db;
  const scope = input.gridId ? await gridScope(db, input.gridId) : await communityScope(db, input.communityId);
  if (!scope || scope.communityId !== input.communityId) return fail("not_found");
  const allowed = authorize(call.actor, "request.manage", scope);
  if (!allowed.ok) return allowed;
  const now = call.deps.now();
  const limit = limitOf(input);
  const decoded = decodeCursor(input.cursor);
  if (!decoded.ok) return decoded;
  const cursor = decoded.after;
  const rows = await db
    .select(summaryColumns)
    .from(requests)
    .where(
      and(
        eq(requests.communityId, input.communityId),
        input.gridId ? inArray(requests.gridId, await gridSubtree(db, input.gridId)) : undefined,
        input.status ? eq(requests.status, input.status) : undefined,
        input.category ? eq(requests.category, input.category) : undefined,
        input.kind ? eq(requests.kind, input.kind) : undefined,
        input.overdueOnly ? overdueClause(now) : undefined,
        cursor ? (input.overdueOnly ? gt(requests.id, cursor) : lt(requests.id, cursor)) : undefined,
      ),
    )
    // The overdue list walks the open requests oldest first (partial index requests_open): old open ones are the late ones.
    .orderBy(input.overdueOnly ? asc(requests.id) : desc(requests.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return ok({ ...page, items: page.items.map(present(now)) });
}

/** A resident's own requests, newest first. */
export async function myRequests({ deps, actor }: Call, input: PageInput) {
  if (!actor) return fail("unauthenticated");
  const limit = limitOf(input);
  const decoded = decodeCursor(input.cursor);
  if (!decoded.ok) return decoded;
  const cursor = decoded.after;
  const rows = await deps.database.db
    .select(summaryColumns)
    .from(requests)
    .where(and(eq(requests.ownerUserId, actor.userId), cursor ? lt(requests.id, cursor) : undefined))
    .orderBy(desc(requests.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return ok({ ...page, items: page.items.map(present(deps.now())) });
}

/** "Requests near me that fit my skills": open requests of the volunteer's community whose category their skills serve, own building and grid first. */
export async function requestFeed({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db: Db = deps.database.db;
  const [me] = await db
    .select({
      communityId: volunteers.communityId,
      homeGridId: volunteers.homeGridId,
      buildingId: users.buildingId,
      gridId: buildings.gridId,
    })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .where(eq(volunteers.userId, actor.userId));
  if (!me) return fail("not_volunteer");
  const mySkills = (
    await db
      .select({ name: skills.name })
      .from(volunteerSkills)
      .innerJoin(skills, eq(skills.id, volunteerSkills.skillId))
      .where(eq(volunteerSkills.userId, actor.userId))
  ).map((s) => s.name);
  const fitting = REQUEST_CATEGORY_CODES.filter((code) => {
    const skill = REQUEST_CATEGORIES[code].skill;
    return skill === null || mySkills.includes(skill);
  });
  const rows = await db
    .select({ ...summaryColumns, buildingId: requests.buildingId, ownerName: users.name })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.ownerUserId))
    .where(
      and(
        eq(requests.communityId, me.communityId),
        inArray(requests.status, ["submitted", "accepted"]),
        inArray(requests.category, fitting),
      ),
    )
    .orderBy(desc(requests.id))
    .limit(200);
  const nearness = (r: { buildingId: number | null; gridId: number | null }) =>
    r.buildingId !== null && r.buildingId === me.buildingId
      ? 0
      : r.gridId !== null && (r.gridId === me.gridId || r.gridId === me.homeGridId)
        ? 1
        : 2;
  const now = deps.now();
  const items = rows
    .sort((a, b) => nearness(a) - nearness(b) || b.id - a.id)
    .slice(0, 50)
    .map(({ ownerName, buildingId, ...r }) => ({
      ...present(now)(r),
      ownerName: maskName(ownerName),
      near: (["same_building", "same_grid", "same_community"] as const)[nearness({ buildingId, gridId: r.gridId })],
    }));
  return ok({ items });
}
