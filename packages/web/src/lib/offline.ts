import { createSignal } from "solid-js";
import { ANSWERS_CACHE, SAVED_AT_HEADER } from "../sw/answers";

/**
 * When each kept answer the page shows was seen, by API path: set when the service worker answered from what it kept
 * (offline), 0 when the network answered. A page with kept answers says so (OfflineNotice).
 */
const [savedAt, setSavedAt] = createSignal<Record<string, number>>({});
export { savedAt };

/** Called by the API client for every answer; the signal changes only for the pages that may show kept answers. */
export function noteAnswer(url: string, headers: Headers): void {
  const path = new URL(url).pathname;
  const saved = Number(headers.get(SAVED_AT_HEADER));
  if (saved || savedAt()[path]) setSavedAt((all) => ({ ...all, [path]: saved }));
}

/**
 * Forgets every kept answer: at sign-out, and at sign-in, so the next person on this phone never reads the last one's
 * tasks, shifts or points. Without the Cache API (an old browser, plain http) nothing was kept.
 */
export async function forgetAnswers(): Promise<void> {
  setSavedAt({});
  if (typeof caches === "undefined") return;
  await caches.delete(ANSWERS_CACHE).catch(() => undefined);
}
