import { Hono } from "hono";
import * as v from "valibot";
import { listAudit } from "../services/audit/list";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { auditBook } from "../services/audit/book";
import { valid } from "../http/validate";
import { idParam } from "../http/schemas";

const auditQuery = v.union([
  v.strictObject({ ...pageQuery, communityId: idParam }),
  v.strictObject({ ...pageQuery, streetId: idParam }),
]);
const bookQueries = v.union([
  v.strictObject({ ...bookQuery, communityId: idParam }),
  v.strictObject({ ...bookQuery, streetId: idParam }),
]);

export const auditRoutes = new Hono<AppEnv>()
  .get(
    "/",
    doc("audit", "Staff changes in a community or street, newest first"),
    valid("query", auditQuery),
    async (c) => {
      const page = unwrap(await listAudit(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/export",
    doc(
      "audit",
      "操作日志: the community's or street's audit log as XLSX (default) or CSV, header row in lang (zh|en)",
    ),
    valid("query", bookQueries),
    async (c) => {
      const { format, lang, ...scope } = c.req.valid("query");
      const file = unwrap(await auditBook(callOf(c), scope, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  );
