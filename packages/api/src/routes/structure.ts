import { Hono } from "hono";
import * as v from "valibot";
import { createBuilding, createCommunity, createGrid, createHousehold } from "../services/structure/create";
import { listBuildings, listCommunities, listGrids, listHouseholds, listTeams } from "../services/structure/list";
import { renameUnit } from "../services/structure/rename";
import { archiveUnit } from "../services/structure/archive";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { teamsBook } from "../services/team/book";
import { valid } from "../http/validate";
import { archiveBody, communityKind, flag, id, idParams, renameBody, unitName } from "../http/schemas";

const listQuery = v.strictObject({ ...pageQuery, includeArchived: flag });
const createCommunityBody = v.strictObject({ streetId: id, name: unitName, kind: communityKind });
const createGridBody = v.strictObject({ name: unitName, parentId: v.optional(v.nullable(id)) });
const createBuildingBody = v.strictObject({ name: unitName, estate: v.optional(v.nullable(unitName)) });
const createHouseholdBody = v.strictObject({ name: unitName });

const STRUCTURE = "structure";

export const structureRoutes = new Hono<AppEnv>()
  .get(
    "/communities",
    doc(STRUCTURE, "Live communities and villages (public)"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await listCommunities(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/communities",
    doc(STRUCTURE, "Create a community or village"),
    valid("json", createCommunityBody),
    async (c) => {
      const { ok: _, ...community } = unwrap(await createCommunity(callOf(c), c.req.valid("json")));
      return c.json(community, 201);
    },
  )
  .patch(
    "/communities/:id",
    doc(STRUCTURE, "Rename a community"),
    valid("param", idParams),
    valid("json", renameBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await renameUnit(callOf(c), { kind: "community", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .post(
    "/communities/:id/archive",
    doc(STRUCTURE, "Archive a community"),
    valid("param", idParams),
    valid("json", archiveBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await archiveUnit(callOf(c), { kind: "community", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .get(
    "/communities/:id/grids",
    doc(STRUCTURE, "Grids of a community (public; archived ones for staff)", { signIn: "optional" }),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listGrids(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/communities/:id/grids",
    doc(STRUCTURE, "Create a grid, at the top or under a parent grid"),
    valid("param", idParams),
    valid("json", createGridBody),
    async (c) => {
      const body = c.req.valid("json");
      const { ok: _, ...grid } = unwrap(
        await createGrid(callOf(c), {
          communityId: c.req.valid("param").id,
          name: body.name,
          parentId: body.parentId ?? null,
        }),
      );
      return c.json(grid, 201);
    },
  )
  .get(
    "/communities/:id/buildings",
    doc(STRUCTURE, "Buildings of a community (public; archived ones for staff)", { signIn: "optional" }),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listBuildings(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/teams",
    doc(STRUCTURE, "Volunteer teams of a community (public)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await listTeams(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/teams/export",
    doc(STRUCTURE, "志愿队伍台账: the community's teams with members and hours as XLSX (default) or CSV (staff)"),
    valid("param", idParams),
    valid("query", v.strictObject(bookQuery)),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const file = unwrap(await teamsBook(callOf(c), c.req.valid("param").id, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .patch(
    "/grids/:id",
    doc(STRUCTURE, "Rename a grid"),
    valid("param", idParams),
    valid("json", renameBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await renameUnit(callOf(c), { kind: "grid", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .post(
    "/grids/:id/archive",
    doc(STRUCTURE, "Archive a grid"),
    valid("param", idParams),
    valid("json", archiveBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await archiveUnit(callOf(c), { kind: "grid", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .post(
    "/grids/:id/buildings",
    doc(STRUCTURE, "Create a building in a grid"),
    valid("param", idParams),
    valid("json", createBuildingBody),
    async (c) => {
      const body = c.req.valid("json");
      const { ok: _, ...building } = unwrap(
        await createBuilding(callOf(c), {
          gridId: c.req.valid("param").id,
          name: body.name,
          estate: body.estate ?? null,
        }),
      );
      return c.json(building, 201);
    },
  )
  .patch(
    "/buildings/:id",
    doc(STRUCTURE, "Rename a building"),
    valid("param", idParams),
    valid("json", renameBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await renameUnit(callOf(c), { kind: "building", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .post(
    "/buildings/:id/archive",
    doc(STRUCTURE, "Archive a building"),
    valid("param", idParams),
    valid("json", archiveBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await archiveUnit(callOf(c), { kind: "building", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .get(
    "/buildings/:id/households",
    doc(STRUCTURE, "Households of a building (staff in scope)"),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listHouseholds(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/buildings/:id/households",
    doc(STRUCTURE, "Create a household (door) in a building"),
    valid("param", idParams),
    valid("json", createHouseholdBody),
    async (c) => {
      const { ok: _, ...household } = unwrap(
        await createHousehold(callOf(c), { buildingId: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(household, 201);
    },
  )
  .patch(
    "/households/:id",
    doc(STRUCTURE, "Rename a household"),
    valid("param", idParams),
    valid("json", renameBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await renameUnit(callOf(c), { kind: "household", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  )
  .post(
    "/households/:id/archive",
    doc(STRUCTURE, "Archive a household"),
    valid("param", idParams),
    valid("json", archiveBody),
    async (c) => {
      const { ok: _, ...unit } = unwrap(
        await archiveUnit(callOf(c), { kind: "household", id: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(unit, 200);
    },
  );
