import { count, eq, inArray, sql } from "drizzle-orm";
import { ok } from "@tongxin/core";
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
    { key: "id", header: { zh: "编号", en: "No." }, type: "number", width: 10, value: (r) => r.id },
    { key: "name", header: { zh: "单位名称", en: "Unit" }, type: "text", width: 30, value: (r) => r.name },
    { key: "kind", header: { zh: "类型", en: "Kind" }, type: "text", width: 14, value: (r) => r.kind },
    { key: "contact", header: { zh: "联系人", en: "Contact" }, type: "text", width: 12, value: (r) => r.contactName },
    { key: "phone", header: { zh: "联系电话", en: "Phone" }, type: "text", width: 14, value: (r) => r.contactPhone },
    {
      key: "members",
      header: { zh: "报到志愿者", en: "Volunteers" },
      type: "number",
      width: 10,
      value: (r) => r.members,
    },
    {
      key: "hours",
      header: { zh: "确认服务时长（小时）", en: "Hours confirmed" },
      type: "number",
      width: 14,
      value: (r) => r.hours,
    },
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
