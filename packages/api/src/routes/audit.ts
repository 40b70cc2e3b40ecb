import { Hono } from "hono";
import * as v from "valibot";
import { listAudit } from "../services/audit/list";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParam } from "../http/schemas";

const auditQuery = v.union([
  v.strictObject({ ...pageQuery, communityId: idParam }),
  v.strictObject({ ...pageQuery, streetId: idParam }),
]);

export const auditRoutes = new Hono<AppEnv>().get(
  "/",
  doc("audit", "Staff changes in a community or street, newest first"),
  valid("query", auditQuery),
  async (c) => {
    const page = unwrap(await listAudit(callOf(c), c.req.valid("query")));
    return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
  },
);
