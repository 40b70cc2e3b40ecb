import { eq } from "drizzle-orm";
import type { ExportLanguage } from "@tongxin/core";
import { grids } from "../../db/schema";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { staffRequestList, type StaffListInput } from "./lists";

type Row = Extract<Awaited<ReturnType<typeof staffRequestList>>, { ok: true }>["items"][number];

const YES_NO: Record<ExportLanguage, [string, string]> = { zh: ["是", "否"], en: ["yes", "no"] };

function requestBook(gridNames: Map<number, string>): BookSpec<Row> {
  return {
    title: { zh: "需求台账", en: "Requests" },
    columns: [
      { key: "id", header: { zh: "编号", en: "No." }, type: "number", width: 10, value: (r) => r.id },
      { key: "kind", header: { zh: "类型", en: "Kind" }, type: "text", width: 10, value: (r) => r.kind },
      { key: "category", header: { zh: "类别", en: "Category" }, type: "text", width: 14, value: (r) => r.category },
      {
        key: "description",
        header: { zh: "内容", en: "Description" },
        type: "text",
        width: 40,
        value: (r) => r.description,
      },
      { key: "urgency", header: { zh: "紧急程度", en: "Urgency" }, type: "text", width: 10, value: (r) => r.urgency },
      { key: "status", header: { zh: "状态", en: "Status" }, type: "text", width: 12, value: (r) => r.status },
      { key: "level", header: { zh: "吹哨层级", en: "Level" }, type: "text", width: 10, value: (r) => r.level },
      {
        key: "grid",
        header: { zh: "网格", en: "Grid" },
        type: "text",
        width: 16,
        value: (r) => (r.gridId === null ? null : (gridNames.get(r.gridId) ?? null)),
      },
      { key: "holder", header: { zh: "承接方", en: "Holder" }, type: "text", width: 16, value: (r) => r.holderKey },
      { key: "rating", header: { zh: "评价", en: "Rating" }, type: "number", width: 8, value: (r) => r.rating },
      {
        key: "created",
        header: { zh: "提交时间", en: "Submitted" },
        type: "datetime",
        width: 20,
        value: (r) => r.createdAt,
      },
      {
        key: "accepted",
        header: { zh: "受理时间", en: "Accepted" },
        type: "datetime",
        width: 20,
        value: (r) => r.acceptedAt,
      },
      {
        key: "overdue",
        header: { zh: "超时预警", en: "Overdue" },
        type: "text",
        width: 10,
        value: (r, language) => YES_NO[language][r.overdue ? 0 : 1],
      },
    ],
  };
}

/** 需求台账: the staff request list with its filters (status, category, kind, grid, overdue), every page of it. */
export async function requestsBook(call: Call, input: Omit<StaffListInput, "cursor" | "limit">, request: BookRequest) {
  const named = await call.deps.database.db
    .select({ id: grids.id, name: grids.name })
    .from(grids)
    .where(eq(grids.communityId, input.communityId));
  return openBook(
    requestBook(new Map(named.map((g) => [g.id, g.name]))),
    (cursor) => staffRequestList(call, { ...input, cursor, limit: BOOK_PAGE_ROWS }),
    request,
    call.deps.now(),
  );
}
