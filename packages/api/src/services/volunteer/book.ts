import { eq, inArray } from "drizzle-orm";
import { column, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { hourTotals, partnerUnits } from "../../db/schema";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { PARTY_STATUS_WORDS, wordOf } from "../book-words";
import { gridPathReader } from "../structure/grid-paths";
import { recordPhoneReads, searchVolunteers, type SearchVolunteersInput } from "./search";

type Found = Extract<Awaited<ReturnType<typeof searchVolunteers>>, { ok: true }>;
type Row = Found["items"][number] & { hours: number; gridPath: string | null };

const MINUTES_PER_HOUR = 60;

function volunteerBook(unitNames: Map<number, string>): BookSpec<Row> {
  return {
    title: { zh: "志愿者台账", en: "Volunteers" },
    columns: [
      column("id", ["编号", "No."], "number", 10, (r) => r.id),
      column("name", ["姓名", "Name"], "text", 12, (r) => r.name),
      column("phone", ["手机号", "Phone"], "text", 14, (r) => r.phone),
      column("grid", ["所在网格", "Home grid"], "text", 28, (r) => r.gridPath),
      column("party", ["党员身份", "Party status"], "text", 12, (r, l) =>
        wordOf(PARTY_STATUS_WORDS, r.partyStatus ?? "none", l),
      ),
      column("unit", ["报到单位", "Partner unit"], "text", 20, (r) =>
        r.partnerUnitId === null ? null : (unitNames.get(r.partnerUnitId) ?? null),
      ),
      column("skills", ["技能", "Skills"], "text", 24, (r) => r.skills.join("、")),
      column("hours", ["累计服务时长（小时）", "Hours served"], "number", 12, (r) => r.hours),
    ],
  };
}

/** A page of the volunteer list with each one's confirmed hours (hour_totals, kept by triggers) and home grid's path. */
async function withFigures(
  db: Db,
  pathsOf: ReturnType<typeof gridPathReader>,
  found: Awaited<ReturnType<typeof searchVolunteers>>,
) {
  if (!found.ok) return found;
  const ids = found.items.map((r) => r.id);
  const totals = ids.length ? await db.select().from(hourTotals).where(inArray(hourTotals.userId, ids)) : [];
  const minutes = new Map(totals.map((t) => [t.userId, t.minutes]));
  const path = await pathsOf(found.items.map((r) => r.homeGridId));
  const items = found.items.map((r) => ({
    ...r,
    hours: Math.round(((minutes.get(r.id) ?? 0) / MINUTES_PER_HOUR) * 10) / 10,
    gridPath: path(r.homeGridId),
  }));
  return ok({ items, nextCursor: found.nextCursor });
}

/**
 * 志愿者台账: the staff volunteer list with its filters and each one's hours. The phones in it are what the
 * list shows its reader; each person's is recorded in the access log as read through a book as its page is written.
 */
export async function volunteersBook(
  call: Call,
  input: Omit<SearchVolunteersInput, "cursor" | "limit" | "accessPlace">,
  request: BookRequest,
) {
  const db = call.deps.database.db;
  const units = await db
    .select({ id: partnerUnits.id, name: partnerUnits.name })
    .from(partnerUnits)
    .where(eq(partnerUnits.communityId, input.communityId));
  const pathsOf = gridPathReader(db);
  return openBook(
    volunteerBook(new Map(units.map((u) => [u.id, u.name]))),
    async (cursor) =>
      withFigures(
        db,
        pathsOf,
        await searchVolunteers(call, { ...input, cursor, limit: BOOK_PAGE_ROWS, accessPlace: null }),
      ),
    request,
    call.deps.now(),
    (shown) => recordPhoneReads(call, input.communityId, shown, "book"),
  );
}
