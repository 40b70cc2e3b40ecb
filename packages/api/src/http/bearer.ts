import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { tokenActor, tokenMayCall, type Refusal } from "@tongxin/core";
import { SECRET_PATTERN } from "../services/api-token/secret";
import { recordTokenUse, takeTokenTry, tokenBySecret, type UsedToken } from "../services/api-token/use";
import type { AppEnv } from "./context";
import { DomainError, mapError } from "./errors";
import { loggedPath } from "./logger";

/** What a read token may call: any other method may change something. */
const READS = new Set(["GET", "HEAD"]);
/** Whether the Authorization header names the Bearer scheme (RFC 6750), however well formed. */
export const isBearer = (header: string): boolean => /^bearer(\s|$)/i.test(header.trim());
/** `Bearer <token68>` (RFC 6750); anything else after the scheme is malformed. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Routes for people only: their own account, sessions, and the tokens themselves (a token never makes or stops
 * tokens). Matched on the path as any spelling reaches it (case, doubled or trailing slashes).
 */
const FOR_PEOPLE = [/^\/api\/(me|auth|api-tokens)(\/|$)/, /^\/api\/streets\/[^/]+\/api-tokens(\/|$)/];
/**
 * Acts a person takes as themselves — signing up, claiming, confirming, voting, giving their own points. A token acts
 * in its issuer's name, so these would be the issuer's own acts in any community: never a system's.
 */
const PERSONAL_ACTS = [
  /\/me$/,
  /^\/api\/shifts\/[^/]+\/(signups|checkins)$/,
  /^\/api\/teams\/[^/]+\/members$/,
  /^\/api\/(points\/donations|topics\/raise)$/,
  /^\/api\/store\/items\/[^/]+\/redemptions$/,
  /^\/api\/offer-slots\/[^/]+\/bookings$/,
  /^\/api\/requests\/[^/]+\/(claim|start|complete|release|confirm|reopen|respond|cancel)$/,
  /^\/api\/projects\/[^/]+\/(claim|milestones\/[^/]+\/progress)$/,
  /^\/api\/topics\/[^/]+\/(support|comments|objections)$/,
  /^\/api\/rating-nominations\/[^/]+\/(objections|votes)$/,
  /^\/api\/meetings\/[^/]+\/(reply|checkins|topics\/[^/]+\/votes)$/,
];
export const forPeople = (method: string, path: string): boolean => {
  const plain = path
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .replace(/(.)\/$/, "$1");
  if (FOR_PEOPLE.some((pattern) => pattern.test(plain))) return true;
  return !READS.has(method.toUpperCase()) && PERSONAL_ACTS.some((pattern) => pattern.test(plain));
};

/** A refusal as the one error mapper answers it; a 401 names the scheme to use (RFC 6750). */
function refuse(c: Context<AppEnv>, reason: Refusal, retryAfterSeconds?: number): Response {
  const res = mapError(new DomainError(reason, { retryAfterSeconds }), c);
  if (res.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="tongxin", error="invalid_token"');
  return res;
}

/** The token's refusal for this call, if any: a route for people, a write with a read token. */
function callRefusal(c: Context<AppEnv>, token: UsedToken): Refusal | null {
  if (forPeople(c.req.method, c.req.path)) return "token_not_allowed";
  const may = tokenMayCall(token.facts, { write: !READS.has(c.req.method) });
  return may.ok ? null : may.reason;
}

/**
 * Other systems call the API with `Authorization: Bearer <token>` (decision 0020). Then the token alone decides who
 * acts (the session middleware reads no cookie): its issuer, with the token's one grant. Each use within the token's
 * limit is in the audit log, whatever it was answered; a use past the limit is refused before anything is written.
 */
export const bearerMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  // Another scheme (Basic from a staging proxy the browser adds to every call) is not ours: the cookie decides.
  if (header === undefined || !isBearer(header)) return next();
  const secret = BEARER.exec(header)?.[1];
  if (secret === undefined) return refuse(c, "unauthenticated");
  const token = SECRET_PATTERN.test(secret) ? await tokenBySecret(c.var.deps, secret) : null;
  if (!token) return refuse(c, "token_revoked");
  const acting = tokenActor(token.facts, c.var.deps.now());
  if (!acting.ok) return refuse(c, acting.reason);
  const taken = await takeTokenTry(c.var.deps, token);
  if (!taken.ok) return refuse(c, taken.reason, taken.retryAfterSeconds);
  const refusal = callRefusal(c, token);
  let answer: Response | undefined;
  if (refusal) answer = refuse(c, refusal);
  else {
    c.set("actor", acting.actor);
    await next();
  }
  const use = { method: c.req.method, path: loggedPath(c.req.path), status: answer?.status ?? c.res.status };
  // The call is done (a write committed): a failure to log it must not turn its answer into an error the caller
  // would retry; it goes to the error log instead, for the operator.
  await recordTokenUse(c.var.deps, token, { ...use, requestId: c.var.requestId }).catch((error: unknown) =>
    c.var.log("error", "token use not recorded", { tokenId: token.id, ...use, error: String(error) }),
  );
  return answer;
});
