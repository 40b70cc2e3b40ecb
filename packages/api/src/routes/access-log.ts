import { Hono } from "hono";
import * as v from "valibot";
import { listCommunityAccess, listMyAccess } from "../services/access-log/list";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

const listQuery = v.strictObject(pageQuery);

/** Who read residents' phone numbers and addresses: the community's staff, and each resident for themself. */
export const accessLogRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/access-log",
    doc("audit", "Reads of residents' contact details in a community, newest first"),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listCommunityAccess(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/me/access-log",
    doc("auth", "Who read my contact details, newest first"),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listMyAccess(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  );
