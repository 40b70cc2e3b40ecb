import { inArray } from "drizzle-orm";
import { column, ok, type RequestCategory, type RequestStatus } from "@tongxin/core";
import type { Db } from "../../db/client";
import { requestHolds } from "../../db/schema";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import {
  LEVEL_WORDS,
  REQUEST_CATEGORY_WORDS,
  REQUEST_KIND_WORDS,
  REQUEST_STATUS_WORDS,
  URGENCY_WORDS,
  YES_NO,
  wordOf,
} from "../book-words";
import { namesOf } from "../holders";
import { gridPathReader } from "../structure/grid-paths";
import { staffRequestList, type StaffListInput } from "./lists";

type Listed = Extract<Awaited<ReturnType<typeof staffRequestList>>, { ok: true }>;
type Row = Listed["items"][number] & { gridPath: string | null; holderName: string | null };

/** Served requests keep their last holder in the book once the hold has ended (closing ends it). */
const SERVED: readonly RequestStatus[] = ["done", "closed"];

const REQUEST_BOOK: BookSpec<Row> = {
  title: { zh: "需求台账", en: "Requests" },
  columns: [
    column("id", ["编号", "No."], "number", 10, (r) => r.id),
    column("kind", ["类型", "Kind"], "text", 10, (r, l) => wordOf(REQUEST_KIND_WORDS, r.kind, l)),
    column("category", ["类别", "Category"], "text", 14, (r, l) =>
      wordOf(REQUEST_CATEGORY_WORDS, r.category as RequestCategory, l),
    ),
    column("description", ["内容", "Description"], "text", 40, (r) => r.description),
    column("urgency", ["紧急程度", "Urgency"], "text", 10, (r, l) => wordOf(URGENCY_WORDS, r.urgency, l)),
    column("status", ["状态", "Status"], "text", 12, (r, l) => wordOf(REQUEST_STATUS_WORDS, r.status, l)),
    column("level", ["吹哨层级", "Level"], "text", 10, (r, l) => wordOf(LEVEL_WORDS, r.level, l)),
    column("grid", ["网格", "Grid"], "text", 28, (r) => r.gridPath),
    column("holder", ["承接方", "Holder"], "text", 16, (r) => r.holderName),
    column("rating", ["评价", "Rating"], "number", 8, (r) => r.rating),
    column("created", ["提交时间", "Submitted"], "datetime", 20, (r) => r.createdAt),
    column("accepted", ["受理时间", "Accepted"], "datetime", 20, (r) => r.acceptedAt),
    column("overdue", ["超时预警", "Overdue"], "text", 10, (r, l) => YES_NO[r.overdue ? "yes" : "no"][l]),
  ],
};

/** The holder of each request of a page: the current one, or for a served request the last one (from its holds). */
async function holdersOf(db: Db, items: Listed["items"]) {
  const served = items.filter((r) => r.holderKey === null && SERVED.includes(r.status)).map((r) => r.id);
  const holds = served.length
    ? await db
        .select({ requestId: requestHolds.requestId, holderKey: requestHolds.holderKey })
        .from(requestHolds)
        .where(inArray(requestHolds.requestId, served))
        .orderBy(requestHolds.requestId, requestHolds.id)
    : [];
  const last = new Map(holds.map((h) => [h.requestId, h.holderKey]));
  const keys = new Map(items.map((r) => [r.id, r.holderKey ?? last.get(r.id) ?? null]));
  // Staff in scope are entrusted with names (decision 0008), as the request's page shows them.
  const names = await namesOf(db, [...keys.values()]);
  return (id: number) => {
    const key = keys.get(id) ?? null;
    return key === null ? null : (names.get(key) ?? null);
  };
}

/** 需求台账: the staff request list with its filters (status, category, kind, grid, overdue), every page of it. */
export async function requestsBook(call: Call, input: Omit<StaffListInput, "cursor" | "limit">, request: BookRequest) {
  const db = call.deps.database.db;
  const pathsOf = gridPathReader(db);
  return openBook(
    REQUEST_BOOK,
    async (cursor) => {
      const page = await staffRequestList(call, { ...input, cursor, limit: BOOK_PAGE_ROWS });
      if (!page.ok) return page;
      const [path, holder] = [await pathsOf(page.items.map((r) => r.gridId)), await holdersOf(db, page.items)];
      const items = page.items.map((r) => ({ ...r, gridPath: path(r.gridId), holderName: holder(r.id) }));
      return ok({ items, nextCursor: page.nextCursor });
    },
    request,
    call.deps.now(),
  );
}
