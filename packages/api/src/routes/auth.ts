import { Hono } from "hono";
import * as v from "valibot";
import { register } from "../services/account/register";
import { login } from "../services/account/login";
import { changePassword } from "../services/account/password";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { DomainError, unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { anyPassword, id, password, personName, phone } from "../http/schemas";
import { clientIp, sendSessionCookie } from "../http/session";

const registerBody = v.strictObject({ phone, password, name: personName, communityId: id, buildingId: v.optional(id) });
const loginBody = v.strictObject({ phone, password: anyPassword });
const passwordBody = v.strictObject({ currentPassword: anyPassword, newPassword: password });

export const authRoutes = new Hono<AppEnv>()
  .post("/register", doc("auth", "Register as a resident and sign in"), valid("json", registerBody), async (c) => {
    const result = unwrap(await register(callOf(c), { ...c.req.valid("json"), ip: clientIp(c) }));
    sendSessionCookie(c, result.cookie);
    return c.json({ user: result.user }, 201);
  })
  .post("/login", doc("auth", "Sign in with phone and password"), valid("json", loginBody), async (c) => {
    const result = unwrap(await login(callOf(c), { ...c.req.valid("json"), ip: clientIp(c) }));
    sendSessionCookie(c, result.cookie);
    return c.json({ userId: result.userId }, 200);
  })
  .post("/logout", doc("auth", "Sign out and end this session"), async (c) => {
    const token = c.var.sessionToken;
    if (token) await c.var.deps.sessions.revoke(token);
    sendSessionCookie(c, c.var.deps.sessions.blank());
    return c.json({ ok: true }, 200);
  })
  .post(
    "/password",
    doc("auth", "Change password; ends every other session"),
    valid("json", passwordBody),
    async (c) => {
      if (!c.var.actor) throw new DomainError("unauthenticated");
      const result = unwrap(await changePassword(callOf(c), c.req.valid("json")));
      sendSessionCookie(c, result.cookie);
      return c.json({ ok: true }, 200);
    },
  );
