import { Hono } from "hono";
import { me } from "../services/account/me";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";

export const meRoutes = new Hono<AppEnv>().get("/", doc("auth", "The signed-in user and their roles with scopes"), async (c) => {
  const { user, roles } = unwrap(await me(callOf(c)));
  return c.json({ user, roles }, 200);
});
