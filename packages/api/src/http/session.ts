import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_COOKIE, type SessionCookie } from "../auth/session";
import { forwardedHop } from "./client-address";
import { isBearer } from "./bearer";
import type { AppEnv } from "./context";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** HttpOnly, SameSite=Lax, and Secure everywhere but a developer's own machine. */
export function sendSessionCookie(c: Context<AppEnv>, cookie: SessionCookie): void {
  if (cookie.maxAgeSeconds <= 0) {
    deleteCookie(c, cookie.name, { path: "/" });
    return;
  }
  setCookie(c, cookie.name, cookie.value, {
    httpOnly: true,
    sameSite: "Lax",
    secure: !LOCAL_HOSTS.has(new URL(c.req.url).hostname),
    path: "/",
    maxAge: cookie.maxAgeSeconds,
  });
}

/** Resolves the cookie to a user and their live grants; anonymous requests get nulls. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set("actor", null);
  c.set("user", null);
  c.set("sessionToken", null);
  // A call with a bearer token is another system's: the token alone says who acts (http/bearer.ts), never a cookie.
  const authorization = c.req.header("authorization");
  const token = authorization !== undefined && isBearer(authorization) ? undefined : getCookie(c, SESSION_COOKIE);
  if (token) {
    const session = await c.var.deps.sessions.validate(token);
    if (session && session.user.disabledAt === null) {
      const { name, phone, communityId, mustChangePassword, grants } = session.user;
      c.set("user", { id: session.userId, name, phone, communityId, mustChangePassword });
      c.set("actor", { userId: session.userId, grants });
      c.set("sessionToken", token);
      if (session.refresh) sendSessionCookie(c, session.refresh);
    } else {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
    }
  }
  await next();
});

/** The client address for rate limits: the proxies' header only when told to trust them, read from the right. */
export function clientIp(c: Context<AppEnv>): string {
  const { trustProxy, trustedProxies } = c.var.deps.config;
  if (trustProxy) {
    const forwarded = forwardedHop(c.req.header("x-forwarded-for"), trustedProxies ?? 1);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
