import { and, count, eq, inArray, isNull, sum } from "drizzle-orm";
import { column, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { serviceHours, teamMembers } from "../../db/schema";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { authorizeInCommunity } from "../scope";
import { listTeams } from "../structure/list";

type Team = Extract<Awaited<ReturnType<typeof listTeams>>, { ok: true }>["items"][number];
type Row = Team & { members: number; hours: number };

const MINUTES_PER_HOUR = 60;

const TEAM_BOOK: BookSpec<Row> = {
  title: { zh: "志愿队伍台账", en: "Teams" },
  columns: [
    column("id", ["编号", "No."], "number", 10, (r) => r.id),
    column("name", ["队伍名称", "Team"], "text", 30, (r) => r.name),
    column("kind", ["类型", "Kind"], "text", 14, (r) => r.kind),
    column("members", ["在队成员", "Members"], "number", 10, (r) => r.members),
    column("hours", ["确认服务时长（小时）", "Hours confirmed"], "number", 14, (r) => r.hours),
  ],
};

/** A page of teams with their active members and the confirmed, unvoided hours served for them. */
async function withFigures(db: Db, page: Awaited<ReturnType<typeof listTeams>>) {
  if (!page.ok) return page;
  const ids = page.items.map((team) => team.id);
  const members = ids.length
    ? await db
        .select({ teamId: teamMembers.teamId, n: count() })
        .from(teamMembers)
        .where(and(inArray(teamMembers.teamId, ids), eq(teamMembers.status, "active")))
        .groupBy(teamMembers.teamId)
    : [];
  const minutes = ids.length
    ? await db
        .select({ teamId: serviceHours.teamId, minutes: sum(serviceHours.minutes) })
        .from(serviceHours)
        .where(and(inArray(serviceHours.teamId, ids), isNull(serviceHours.voidedAt)))
        .groupBy(serviceHours.teamId)
    : [];
  const items = page.items.map((team) => ({
    ...team,
    members: members.find((m) => m.teamId === team.id)?.n ?? 0,
    hours: Math.round((Number(minutes.find((m) => m.teamId === team.id)?.minutes ?? 0) / MINUTES_PER_HOUR) * 10) / 10,
  }));
  return ok({ items, nextCursor: page.nextCursor });
}

/** 志愿队伍台账 for staff: the community's teams (the public list) with members and hours. */
export async function teamsBook(call: Call, communityId: number, request: BookRequest) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "team.create", communityId);
  if (!allowed.ok) return allowed;
  return openBook(
    TEAM_BOOK,
    async (cursor) => withFigures(db, await listTeams(call, communityId, { cursor, limit: BOOK_PAGE_ROWS })),
    request,
    call.deps.now(),
  );
}
