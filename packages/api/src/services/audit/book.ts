import { column } from "@tongxin/core";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { listAudit, type ListAuditInput } from "./list";

type Row = Extract<Awaited<ReturnType<typeof listAudit>>, { ok: true }>["items"][number];

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

const AUDIT_BOOK: BookSpec<Row> = {
  title: { zh: "操作日志", en: "Audit log" },
  columns: [
    column("id", ["编号", "No."], "number", 10, (r) => r.id),
    column("time", ["时间", "Time"], "datetime", 20, (r) => r.createdAt),
    column("actor", ["操作人", "By"], "text", 12, (r) => r.actorName),
    column("action", ["操作", "Action"], "text", 20, (r) => r.action),
    column("entity", ["对象", "Object"], "text", 14, (r) => r.entity),
    column("entityId", ["对象编号", "Object no."], "number", 10, (r) => r.entityId),
    column("before", ["修改前", "Before"], "text", 40, (r) => json(r.before)),
    column("after", ["修改后", "After"], "text", 40, (r) => json(r.after)),
    column("request", ["请求号", "Request id"], "text", 24, (r) => r.requestId),
  ],
};

/** 操作日志: a community's or a street's audit log, newest first, every page of it. */
export async function auditBook(call: Call, input: ListAuditInput, request: BookRequest) {
  return openBook(
    AUDIT_BOOK,
    (cursor) => listAudit(call, { ...input, cursor, limit: BOOK_PAGE_ROWS }),
    request,
    call.deps.now(),
  );
}
