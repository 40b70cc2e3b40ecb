/**
 * The API answers the service worker keeps for reading offline: who is signed in (without it no private page opens)
 * and the owner's "my tasks", "my shifts" and "my points". Nothing else of the API is ever stored on the phone: every
 * other answer is someone's personal data the page has no business keeping. The worker forgets them all when someone
 * signs in or out (also offline, when the sign-out cannot reach the server); the page forgets them at sign-out too.
 */
export const ANSWERS_CACHE = "tongxin-answers";

/** Set by the worker on an answer it kept, so the page can say it shows what was seen last, and when. */
export const SAVED_AT_HEADER = "x-tongxin-saved-at";

const KEPT_PATHS = new Set([
  "/api/me",
  "/api/me/shifts",
  "/api/me/tasks/requests",
  "/api/me/tasks/shifts",
  "/api/me/points",
]);

/** Whether this request's answer is kept: a same-origin GET of one of the owner's pages above. */
export function isKeptAnswer(request: { method: string; url: string }, origin: string): boolean {
  const url = new URL(request.url);
  return request.method === "GET" && url.origin === origin && KEPT_PATHS.has(url.pathname);
}

const SIGNING_PATHS = new Set(["/api/auth/login", "/api/auth/logout", "/api/auth/register", "/api/setup"]);

/** Whether this request signs someone in or out: after it, what was kept for the last person is not to be read. */
export function isSigning(request: { method: string; url: string }, origin: string): boolean {
  const url = new URL(request.url);
  return request.method === "POST" && url.origin === origin && SIGNING_PATHS.has(url.pathname);
}

/** API paths, and navigations to them (a download, the API's docs), never answered from the app shell. */
export const API_PATH = /^\/api(?:\/|$)/;
