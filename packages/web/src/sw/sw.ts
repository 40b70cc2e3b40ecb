// The service worker: the app shell from its precache (every page's code, so any page opens offline), and the owner's
// kept answers network first (answers.ts). Built by vite-plugin-pwa, which writes the build's file list into
// __WB_MANIFEST.
import { clientsClaim } from "workbox-core";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { ANSWERS_CACHE, API_PATH, SAVED_AT_HEADER, isKeptAnswer, isSigning } from "./answers";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first worker takes the open page at once, so the pages read next are kept; a later version waits until the
// person taps 刷新 on the update banner (SKIP_WAITING below), never swapping code under a page in use.
clientsClaim();

self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

// Watched, not answered: the request goes to the network as it would without the worker.
self.addEventListener("fetch", (event) => {
  if (isSigning(event.request, self.location.origin)) event.waitUntil(caches.delete(ANSWERS_CACHE));
});

// Any address of the app opened offline gets the page, which routes itself; the API's addresses never do.
registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [API_PATH] }));

/** The answer as kept: with the time it was seen, without the wire's encoding headers (the body is decoded). */
function stamped(response: Response, savedAtMs: number): Response {
  const headers = new Headers(response.headers);
  for (const name of ["content-encoding", "content-length", "vary"]) headers.delete(name);
  headers.set(SAVED_AT_HEADER, String(savedAtMs));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

registerRoute(
  ({ request }) => isKeptAnswer(request, self.location.origin),
  async ({ request, event }) => {
    const cache = await caches.open(ANSWERS_CACHE);
    let response: Response;
    try {
      response = await fetch(request);
    } catch {
      return (await cache.match(request)) ?? Response.error();
    }
    if (response.ok) event.waitUntil(cache.put(request, stamped(response.clone(), Date.now())));
    // Nobody signed in (the session ended): nothing kept is for this phone to show any more.
    else if (response.status === 401) event.waitUntil(caches.delete(ANSWERS_CACHE));
    // Barred until a one-time password is changed: not this page either.
    else if (response.status === 403) event.waitUntil(cache.delete(request));
    return response;
  },
);
