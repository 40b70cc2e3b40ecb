import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request guard for state changes. Browsers send Origin (and
 * Sec-Fetch-Site) on every unsafe request; it must be this site or an allowed
 * origin. Other systems calling the API send neither and are let through: they
 * hold no victim's cookie. State changes take JSON only, so a plain HTML form
 * cannot post one either.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const { trustProxy, allowedOrigins } = c.var.deps.config;
  const host = (trustProxy && c.req.header("x-forwarded-host")) || c.req.header("host") || new URL(c.req.url).host;
  const allowed = origin === undefined || hostOf(origin) === host || allowedOrigins.includes(origin);
  if (!allowed || site === "cross-site") throw new HTTPException(403, { message: "Cross-site request refused." });
  return next();
});

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
