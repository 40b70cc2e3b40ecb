import { Hono } from "hono";
import * as v from "valibot";
import { careBook, careBookPage } from "../services/care/book";
import { careCounts } from "../services/care/counts";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

/** 民情账: the grid's book for its worker and the community's staff, and the counts the street and the community see. */
export const careBookRoutes = new Hono<AppEnv>()
  .get(
    "/grids/:id/care/book",
    doc("care", "民情账: a page of the grid's households with a care profile, in household order (grid worker, staff)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await careBookPage(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/grids/:id/care/book/export",
    doc(
      "care",
      "民情账 as XLSX (default) or CSV: every household of the grid with a care profile (grid worker, staff)",
    ),
    valid("param", idParams),
    valid("query", v.strictObject(bookQuery)),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const file = unwrap(await careBook(callOf(c), c.req.valid("param").id, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .get(
    "/streets/:id/care/counts",
    doc("care", "Cared-for households per grid and category, counts below 5 suppressed (street admin)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...counts } = unwrap(await careCounts(callOf(c), "street", c.req.valid("param").id));
      return c.json(counts, 200);
    },
  )
  .get(
    "/communities/:id/care/counts",
    doc("care", "Cared-for households per grid and category, counts below 5 suppressed (community staff)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...counts } = unwrap(await careCounts(callOf(c), "community", c.req.valid("param").id));
      return c.json(counts, 200);
    },
  );
