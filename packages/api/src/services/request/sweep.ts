import { and, eq, lte } from "drizzle-orm";
import { CONFIRM_WINDOW_MS } from "@tongxin/core";
import { requests } from "../../db/schema";
import type { Deps } from "../../deps";
import { loadRequest } from "./load";
import { apply } from "./transition";

/**
 * Requests done but not confirmed within 7 days close as "unconfirmed", kept
 * apart from confirmed ones. Safe to run on several instances at once: each
 * close is a versioned update, so a request closes once.
 */
export async function closeUnconfirmed(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = await deps.database.db
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.status, "done"), lte(requests.doneAt, now - CONFIRM_WINDOW_MS)))
    .limit(500);
  let closed = 0;
  for (const { id } of due) {
    const result = await deps.database.db.transaction(async (tx) => {
      const loaded = await loadRequest(tx, id);
      return loaded
        ? apply({ deps, actor: null, requestId: "sweep" }, tx, loaded, { action: "autoClose" }, now, "system")
        : null;
    });
    if (result?.ok) closed += 1;
  }
  return closed;
}
