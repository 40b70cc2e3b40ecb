import { Hono } from "hono";
import * as v from "valibot";
import { createSkill, listSkills } from "../services/volunteer/skills";
import { searchVolunteers } from "../services/volunteer/search";
import { volunteerRecord } from "../services/volunteer/record";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { volunteersBook } from "../services/volunteer/book";
import { valid } from "../http/validate";
import { humanName, id, idParam, idParams, singleLineText } from "../http/schemas";

const filters = {
  communityId: idParam,
  q: v.optional(singleLineText(30)),
  skillId: v.optional(idParam),
  gridId: v.optional(idParam),
};
const searchQuery = v.strictObject({ ...pageQuery, ...filters });

export const volunteerRoutes = new Hono<AppEnv>()
  .get("/skills", doc("volunteers", "The skill catalogue (public)"), async (c) => {
    const { items } = unwrap(await listSkills(callOf(c)));
    return c.json({ items }, 200);
  })
  .post(
    "/skills",
    doc("volunteers", "Add a skill to the catalogue (staff)"),
    valid("json", v.strictObject({ name: humanName(30), communityId: id })),
    async (c) => {
      const { skill } = unwrap(await createSkill(callOf(c), c.req.valid("json")));
      return c.json(skill, 201);
    },
  )
  .get(
    "/volunteers",
    doc("volunteers", "Search volunteers by name or pinyin initials, skill and grid (staff)"),
    valid("query", searchQuery),
    async (c) => {
      const page = unwrap(await searchVolunteers(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/volunteers/export",
    doc(
      "volunteers",
      "志愿者台账: the search's volunteers with phones and hours as XLSX (default) or CSV (staff; each phone recorded as read)",
    ),
    valid("query", v.strictObject({ ...filters, ...bookQuery })),
    async (c) => {
      const { format, lang, ...query } = c.req.valid("query");
      const file = unwrap(await volunteersBook(callOf(c), query, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .get(
    "/volunteers/:id/record",
    doc("volunteers", "A volunteer's service record: entries, yearly and overall totals, star level"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...record } = unwrap(await volunteerRecord(callOf(c), c.req.valid("param").id));
      return c.json(record, 200);
    },
  );
