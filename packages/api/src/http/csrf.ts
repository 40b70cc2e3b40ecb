import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { forwardedHop } from "./client-address";
import type { AppEnv } from "./context";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request guard for state changes. Browsers send Origin (and
 * Sec-Fetch-Site) on every unsafe request; it must be this site or an allowed
 * origin, scheme included (an http page must not act on the https site). Other systems calling the API send neither and are let through: they
 * hold no victim's cookie. State changes take JSON only, so a plain HTML form
 * cannot post one either.
 */
export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const { allowedOrigins } = c.var.deps.config;
  const allowed = origin === undefined || originOf(origin) === ownOrigin(c) || allowedOrigins.includes(origin);
  if (!allowed || site === "cross-site") throw new HTTPException(403, { message: "Cross-site request refused." });
  return next();
});

/** Scheme and host as the browser saw them: behind trusted proxies, as they forwarded them. */
function ownOrigin(c: Context<AppEnv>): string {
  const { trustProxy, trustedProxies = 1 } = c.var.deps.config;
  const url = new URL(c.req.url);
  const forwarded = (name: string) => (trustProxy ? forwardedHop(c.req.header(name), trustedProxies) : null);
  const scheme = forwarded("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const host = forwarded("x-forwarded-host") ?? c.req.header("host") ?? url.host;
  return `${scheme}://${host}`;
}

/** The address links kept outside the site use: the configured public origin, else the one the caller reached. */
export const siteOrigin = (c: Context<AppEnv>): string => c.var.deps.config.publicOrigin ?? ownOrigin(c);

function originOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
