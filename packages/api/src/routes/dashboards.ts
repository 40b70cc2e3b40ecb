import { Hono } from "hono";
import { dashboard } from "../services/dashboard/show";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

/** 红色汇治: the indicators of a street (community by community), a community (grid by grid) or a grid, each with its 12-month trend. */
export const dashboardRoutes = new Hono<AppEnv>()
  .get(
    "/dashboards/street/:id",
    doc("dashboards", "A street's indicators, community by community, with 12-month trends (street admin)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...board } = unwrap(await dashboard(callOf(c), "street", c.req.valid("param").id));
      return c.json(board, 200);
    },
  )
  .get(
    "/dashboards/communities/:id",
    doc("dashboards", "A community's indicators, grid by grid, with 12-month trends (community staff, committee)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...board } = unwrap(await dashboard(callOf(c), "community", c.req.valid("param").id));
      return c.json(board, 200);
    },
  )
  .get(
    "/dashboards/grids/:id",
    doc("dashboards", "A grid's requests and its residents' service, with 12-month trends (its grid workers, staff)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...board } = unwrap(await dashboard(callOf(c), "grid", c.req.valid("param").id));
      return c.json(board, 200);
    },
  );
