import { Hono } from "hono";
import * as v from "valibot";
import { PARTNER_KINDS } from "@tongxin/core";
import { createTeam } from "../services/team/create";
import { applyToTeam, decideTeamApplication, leaveTeam } from "../services/team/membership";
import { teamPage } from "../services/team/page";
import { createPartnerUnit, listPartnerUnits, partnerPage } from "../services/partner/units";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { partnersBook } from "../services/partner/book";
import { valid } from "../http/validate";
import { humanName, id, idParam, idParams, personName, phone } from "../http/schemas";

const teamBody = v.strictObject({ name: humanName(50), kind: humanName(20), leaderUserId: v.optional(v.nullable(id)) });
const partnerBody = v.strictObject({
  name: humanName(60),
  kind: v.picklist(PARTNER_KINDS),
  contactName: v.optional(v.nullable(personName)),
  contactPhone: v.optional(v.nullable(phone)),
});
const memberParams = v.strictObject({ id: idParam, memberId: idParam });

export const teamRoutes = new Hono<AppEnv>()
  .post(
    "/communities/:id/teams",
    doc("teams", "Create a volunteer team, optionally naming its leader (staff)"),
    valid("param", idParams),
    valid("json", teamBody),
    async (c) => {
      const body = c.req.valid("json");
      const { ok: _, ...team } = unwrap(
        await createTeam(callOf(c), {
          communityId: c.req.valid("param").id,
          name: body.name,
          kind: body.kind,
          leaderUserId: body.leaderUserId ?? null,
        }),
      );
      return c.json(team, 201);
    },
  )
  .get(
    "/teams/:id",
    doc("teams", "A team's page: leaders, members, hours, activities"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...team } = unwrap(await teamPage(callOf(c), c.req.valid("param").id));
      return c.json(team, 200);
    },
  )
  .post("/teams/:id/members", doc("teams", "Apply to join a team"), valid("param", idParams), async (c) => {
    const { ok: _, ...member } = unwrap(await applyToTeam(callOf(c), c.req.valid("param").id));
    return c.json(member, 201);
  })
  .delete(
    "/teams/:id/members/me",
    doc("teams", "Leave a team (or withdraw an application)"),
    valid("param", idParams),
    async (c) => {
      const { status } = unwrap(await leaveTeam(callOf(c), c.req.valid("param").id));
      return c.json({ status }, 200);
    },
  )
  .post(
    "/teams/:id/members/:memberId/approve",
    doc("teams", "Approve an application (leader or staff)"),
    valid("param", memberParams),
    async (c) => {
      const { id: teamId, memberId } = c.req.valid("param");
      const { ok: _, ...member } = unwrap(await decideTeamApplication(callOf(c), teamId, memberId, true));
      return c.json(member, 200);
    },
  )
  .post(
    "/teams/:id/members/:memberId/reject",
    doc("teams", "Reject an application (leader or staff)"),
    valid("param", memberParams),
    async (c) => {
      const { id: teamId, memberId } = c.req.valid("param");
      const { ok: _, ...member } = unwrap(await decideTeamApplication(callOf(c), teamId, memberId, false));
      return c.json(member, 200);
    },
  )
  .get(
    "/communities/:id/partner-units",
    doc("partners", "Partner units paired with a community (public; contacts masked)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await listPartnerUnits(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .get(
    "/communities/:id/partner-units/export",
    doc("partners", "共建单位台账: partner units with volunteers and hours as XLSX (default) or CSV (staff)"),
    valid("param", idParams),
    valid("query", v.strictObject(bookQuery)),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const file = unwrap(await partnersBook(callOf(c), c.req.valid("param").id, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .post(
    "/communities/:id/partner-units",
    doc("partners", "Register a partner unit (staff)"),
    valid("param", idParams),
    valid("json", partnerBody),
    async (c) => {
      const body = c.req.valid("json");
      const { ok: _, ...unit } = unwrap(
        await createPartnerUnit(callOf(c), {
          communityId: c.req.valid("param").id,
          name: body.name,
          kind: body.kind,
          contactName: body.contactName ?? null,
          contactPhone: body.contactPhone ?? null,
        }),
      );
      return c.json(unit, 201);
    },
  )
  .get(
    "/partner-units/:id",
    doc("partners", "A partner unit's page: members, their hours and activities"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...unit } = unwrap(await partnerPage(callOf(c), c.req.valid("param").id));
      return c.json(unit, 200);
    },
  );
