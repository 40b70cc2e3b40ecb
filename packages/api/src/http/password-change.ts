import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { DomainError } from "./errors";

/**
 * What a session signed in with a one-time password may still do: read who it
 * is, set its own password, sign out or in as someone else. The web app's
 * shell also asks whether setup is needed and the health check stays open.
 */
const OPEN_WHILE_CHANGING = new Set([
  "GET /api/me",
  "POST /api/auth/password",
  "POST /api/auth/logout",
  "POST /api/auth/login",
  "GET /api/setup",
  "GET /api/health",
]);

/**
 * A password staff handed over (proxy registration, reset) was read by someone
 * else, so until the person sets their own every other route refuses.
 */
export const passwordChangeGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user?.mustChangePassword && !OPEN_WHILE_CHANGING.has(`${c.req.method} ${c.req.path.replace(/\/$/, "")}`)) {
    throw new DomainError("password_change_required");
  }
  await next();
});
