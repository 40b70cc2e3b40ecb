import { Hono } from "hono";
import * as v from "valibot";
import { acknowledgeWarning } from "../services/warning/acknowledge";
import { listWarnings } from "../services/warning/list";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParam, idParams } from "../http/schemas";

const listQuery = v.strictObject({ ...pageQuery, scope: v.picklist(["street", "community", "grid"]), id: idParam });

/** 预警: a street's, community's or grid's warnings, open first, each with its reason and where to act; 知道了. */
export const warningRoutes = new Hono<AppEnv>()
  .get(
    "/warnings",
    doc("warnings", "预警 of a street, community or grid, open first and newest first (those who read its dashboard)"),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listWarnings(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/warnings/:id/acknowledge",
    doc("warnings", "知道了: staff in the warning's scope acknowledge it (audited; again answers the same)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...warning } = unwrap(await acknowledgeWarning(callOf(c), c.req.valid("param").id));
      return c.json(warning, 200);
    },
  );
