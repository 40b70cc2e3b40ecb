import { eq, inArray } from "drizzle-orm";
import { ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { grids, hourTotals, partnerUnits } from "../../db/schema";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { searchVolunteers, type SearchVolunteersInput } from "./search";

type Found = Extract<Awaited<ReturnType<typeof searchVolunteers>>, { ok: true }>;
type Row = Found["items"][number] & { hours: number };

const MINUTES_PER_HOUR = 60;

function volunteerBook(gridNames: Map<number, string>, unitNames: Map<number, string>): BookSpec<Row> {
  const named = (names: Map<number, string>, id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    title: { zh: "志愿者台账", en: "Volunteers" },
    columns: [
      { key: "id", header: { zh: "编号", en: "No." }, type: "number", width: 10, value: (r) => r.id },
      { key: "name", header: { zh: "姓名", en: "Name" }, type: "text", width: 12, value: (r) => r.name },
      { key: "phone", header: { zh: "手机号", en: "Phone" }, type: "text", width: 14, value: (r) => r.phone },
      {
        key: "grid",
        header: { zh: "所在网格", en: "Home grid" },
        type: "text",
        width: 16,
        value: (r) => named(gridNames, r.homeGridId),
      },
      {
        key: "party",
        header: { zh: "党员身份", en: "Party status" },
        type: "text",
        width: 10,
        value: (r) => r.partyStatus,
      },
      {
        key: "unit",
        header: { zh: "报到单位", en: "Partner unit" },
        type: "text",
        width: 20,
        value: (r) => named(unitNames, r.partnerUnitId),
      },
      {
        key: "skills",
        header: { zh: "技能", en: "Skills" },
        type: "text",
        width: 24,
        value: (r) => r.skills.join("、"),
      },
      {
        key: "hours",
        header: { zh: "累计服务时长（小时）", en: "Hours served" },
        type: "number",
        width: 12,
        value: (r) => r.hours,
      },
    ],
  };
}

/** A page of the volunteer list with each one's confirmed hours (hour_totals, kept by triggers). */
async function withHours(db: Db, found: Awaited<ReturnType<typeof searchVolunteers>>) {
  if (!found.ok) return found;
  const ids = found.items.map((r) => r.id);
  const totals = ids.length ? await db.select().from(hourTotals).where(inArray(hourTotals.userId, ids)) : [];
  const minutes = new Map(totals.map((t) => [t.userId, t.minutes]));
  const items = found.items.map((r) => ({
    ...r,
    hours: Math.round(((minutes.get(r.id) ?? 0) / MINUTES_PER_HOUR) * 10) / 10,
  }));
  return ok({ items, nextCursor: found.nextCursor });
}

/**
 * 志愿者台账: the staff volunteer list with its filters and each one's hours. The phones in it are what the
 * list shows its reader, and each person's is recorded in the access log as read through a book.
 */
export async function volunteersBook(
  call: Call,
  input: Omit<SearchVolunteersInput, "cursor" | "limit" | "accessPlace">,
  request: BookRequest,
) {
  const db = call.deps.database.db;
  const names = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const spec = volunteerBook(
    names(
      await db.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.communityId, input.communityId)),
    ),
    names(
      await db
        .select({ id: partnerUnits.id, name: partnerUnits.name })
        .from(partnerUnits)
        .where(eq(partnerUnits.communityId, input.communityId)),
    ),
  );
  return openBook(
    spec,
    async (cursor) =>
      withHours(db, await searchVolunteers(call, { ...input, cursor, limit: BOOK_PAGE_ROWS, accessPlace: "book" })),
    request,
    call.deps.now(),
  );
}
