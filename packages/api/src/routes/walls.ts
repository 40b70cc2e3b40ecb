import { Hono } from "hono";
import * as v from "valibot";
import { createWallLink } from "../services/wall/create";
import { listWallLinks } from "../services/wall/list";
import { revokeWallLink } from "../services/wall/revoke";
import { wallByToken } from "../services/wall/show";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { id, idParam, idParams } from "../http/schemas";

const wallKind = v.picklist(["street", "community"]);
const createBody = v.strictObject({ kind: wallKind, id });
const listQuery = v.strictObject({ ...pageQuery, kind: wallKind, id: idParam });
// A malformed token is no wall, like an unknown one: the service answers 404 for both.
const tokenParam = v.strictObject({ token: v.pipe(v.string(), v.maxLength(100)) });

/** 大屏链接: read-only links to a place's wall screen for the service centre's TV, which then needs no session. */
export const wallRoutes = new Hono<AppEnv>()
  .post(
    "/walls",
    doc("dashboards", "Create a wall link for a street or community (those who read its dashboard; the token once)"),
    valid("json", createBody),
    async (c) => {
      const { kind, id: placeId } = c.req.valid("json");
      const { ok: _, ...link } = unwrap(await createWallLink(callOf(c), kind, placeId));
      return c.json(link, 201);
    },
  )
  .get(
    "/walls",
    doc("dashboards", "A place's wall links, newest first, without their tokens (those who read its dashboard)"),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listWallLinks(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/walls/:id/revoke",
    doc("dashboards", "停用: stop a wall link; its address answers 404 (audited; again answers the same)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...link } = unwrap(await revokeWallLink(callOf(c), c.req.valid("param").id));
      return c.json(link, 200);
    },
  )
  .get(
    "/public/walls/:token",
    doc("public", "A wall screen by its link (no sign-in): the place's name and dashboard figures; 404 once stopped"),
    valid("param", tokenParam),
    async (c) => {
      const { ok: _, ...wall } = unwrap(await wallByToken(callOf(c), c.req.valid("param").token));
      return c.json(wall, 200, { "Cache-Control": "no-store" });
    },
  );
