import { count, eq, inArray, sql } from "drizzle-orm";
import { column, ok } from "@tongxin/core";
import { PARTNER_KIND_WORDS, wordOf } from "../book-words";
import type { Db } from "../../db/client";
import { hourTotals, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { openBook, type BookRequest, type BookSpec } from "../book";
import { authorizeInCommunity } from "../scope";
import { listPartnerUnits } from "./units";

type Unit = Extract<Awaited<ReturnType<typeof listPartnerUnits>>, { ok: true }>["items"][number];
type Row = Unit & { members: number; hours: number };

const MINUTES_PER_HOUR = 60;

const PARTNER_BOOK: BookSpec<Row> = {
  title: { zh: "共建单位台账", en: "Partner units" },
  columns: [
    column("id", ["编号", "No."], "number", 10, (r) => r.id),
    column("name", ["单位名称", "Unit"], "text", 30, (r) => r.name),
    column("kind", ["类型", "Kind"], "text", 14, (r, l) => wordOf(PARTNER_KIND_WORDS, r.kind, l)),
    column("contact", ["联系人", "Contact"], "text", 12, (r) => r.contactName),
    column("phone", ["联系电话", "Phone"], "text", 14, (r) => r.contactPhone),
    column("members", ["报到志愿者", "Volunteers"], "number", 10, (r) => r.members),
    column("hours", ["确认服务时长（小时）", "Hours confirmed"], "number", 14, (r) => r.hours),
  ],
};

/** The units with their volunteers (双报到) and those volunteers' confirmed hours (hour_totals, kept by triggers). */
async function withFigures(db: Db, units: Unit[]) {
  const ids = units.map((u) => u.id);
  const figures = ids.length
    ? await db
        .select({
          unitId: volunteers.partnerUnitId,
          members: count(),
          minutes: sql<number>`coalesce(sum(${hourTotals.minutes}), 0)`,
        })
        .from(volunteers)
        .leftJoin(hourTotals, eq(hourTotals.userId, volunteers.userId))
        .where(inArray(volunteers.partnerUnitId, ids))
        .groupBy(volunteers.partnerUnitId)
    : [];
  return units.map((unit) => {
    const figure = figures.find((f) => f.unitId === unit.id);
    return {
      ...unit,
      members: figure?.members ?? 0,
      hours: Math.round((Number(figure?.minutes ?? 0) / MINUTES_PER_HOUR) * 10) / 10,
    };
  });
}

/** 共建单位台账 for staff: the community's partner units (one page: a community pairs with tens) with volunteers and hours. */
export async function partnersBook(call: Call, communityId: number, request: BookRequest) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "partner.manage", communityId);
  if (!allowed.ok) return allowed;
  return openBook(
    PARTNER_BOOK,
    async () => {
      const units = await listPartnerUnits(call, communityId);
      return units.ok ? ok({ items: await withFigures(db, units.items), nextCursor: null }) : units;
    },
    request,
    call.deps.now(),
  );
}
