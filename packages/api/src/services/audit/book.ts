import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { listAudit, type ListAuditInput } from "./list";

type Row = Extract<Awaited<ReturnType<typeof listAudit>>, { ok: true }>["items"][number];

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

const AUDIT_BOOK: BookSpec<Row> = {
  title: { zh: "操作日志", en: "Audit log" },
  columns: [
    { key: "id", header: { zh: "编号", en: "No." }, type: "number", width: 10, value: (r) => r.id },
    { key: "time", header: { zh: "时间", en: "Time" }, type: "datetime", width: 20, value: (r) => r.createdAt },
    { key: "actor", header: { zh: "操作人", en: "By" }, type: "text", width: 12, value: (r) => r.actorName },
    { key: "action", header: { zh: "操作", en: "Action" }, type: "text", width: 20, value: (r) => r.action },
    { key: "entity", header: { zh: "对象", en: "Object" }, type: "text", width: 14, value: (r) => r.entity },
    {
      key: "entityId",
      header: { zh: "对象编号", en: "Object no." },
      type: "number",
      width: 10,
      value: (r) => r.entityId,
    },
    { key: "before", header: { zh: "修改前", en: "Before" }, type: "text", width: 40, value: (r) => json(r.before) },
    { key: "after", header: { zh: "修改后", en: "After" }, type: "text", width: 40, value: (r) => json(r.after) },
    { key: "request", header: { zh: "请求号", en: "Request id" }, type: "text", width: 24, value: (r) => r.requestId },
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
