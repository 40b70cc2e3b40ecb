import { Hono } from "hono";
import * as v from "valibot";
import { listAccounts } from "../services/account/list";
import { proxyRegister } from "../services/account/proxy-register";
import { grantRole, revokeRole } from "../services/account/roles";
import { resetPassword } from "../services/account/reset-password";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { id, idParam, idParams, personName, phone, role, singleLineText } from "../http/schemas";

const listQuery = v.strictObject({
  ...pageQuery,
  communityId: idParam,
  gridId: v.optional(idParam),
  q: v.optional(singleLineText(30)),
});
const proxyBody = v.strictObject({ phone, name: personName, communityId: id, buildingId: v.optional(id) });
const grantBody = v.strictObject({ role, scopeId: id });
const revokeParams = v.strictObject({ id: idParam, grantId: idParam });

export const accountRoutes = new Hono<AppEnv>()
  .get(
    "/",
    doc("accounts", "Accounts in a community or grid, with their roles (staff)"),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listAccounts(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/",
    doc("accounts", "Register a resident on their behalf (代注册); answers a one-time password"),
    valid("json", proxyBody),
    async (c) => {
      const { user, temporaryPassword } = unwrap(await proxyRegister(callOf(c), c.req.valid("json")));
      return c.json({ user, temporaryPassword }, 201);
    },
  )
  .post(
    "/:id/password-reset",
    doc(
      "accounts",
      "Reset a forgotten password (staff in scope); answers a one-time password to change at the next sign-in",
    ),
    valid("param", idParams),
    async (c) => {
      const { temporaryPassword } = unwrap(await resetPassword(callOf(c), { userId: c.req.valid("param").id }));
      return c.json({ temporaryPassword }, 200);
    },
  )
  .post(
    "/:id/roles",
    doc("accounts", "Grant a role over a scope"),
    valid("param", idParams),
    valid("json", grantBody),
    async (c) => {
      const { grant } = unwrap(await grantRole(callOf(c), { userId: c.req.valid("param").id, ...c.req.valid("json") }));
      return c.json(grant, 201);
    },
  )
  .delete("/:id/roles/:grantId", doc("accounts", "Revoke a role grant"), valid("param", revokeParams), async (c) => {
    const { id: userId, grantId } = c.req.valid("param");
    const revoked = unwrap(await revokeRole(callOf(c), { userId, grantId }));
    return c.json({ id: revoked.id }, 200);
  });
