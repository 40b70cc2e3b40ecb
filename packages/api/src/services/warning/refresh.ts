import { and, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { reconcile, WARNING_ACTORS, WARNING_QUIET_MS, warningsDue, must, type Role, type Warning } from "@tongxin/core";
import type { Database, Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { communities, roleGrants, warningRefreshes, warnings } from "../../db/schema";
import { notifyEach } from "../notify";
import { gridChain } from "../scope";
import { warningFacts } from "./facts";

/** A community whose facts no verb changed is still worked out this often: deadlines pass with nothing written. */
const WARNINGS_SWEEP_MS = 5 * 60_000;
/** Rows per insert: 12 columns each stays far below SQLite's limit on bound values. */
const INSERT_ROWS_MAX = 500;

/**
 * A verb changed facts a warning reads (a request moved, hours confirmed, stock, an objection answered): the
 * community's warnings are worked out again by the next run of the job, within a minute, instead of inside the
 * verb's own transaction.
 */
export async function markWarningsStale(tx: Tx, communityId: number): Promise<void> {
  await tx
    .insert(warningRefreshes)
    .values({ communityId, refreshedAt: 0, stale: true, marks: 1 })
    .onConflictDoUpdate({
      target: warningRefreshes.communityId,
      set: { stale: true, marks: sql`${warningRefreshes.marks} + 1` },
    });
}

/** Those who must act on a warning (core WARNING_ACTORS) with whom it names; the community's staff when nobody is found. */
async function readersOf(tx: Tx, communityId: number, w: Warning): Promise<number[]> {
  const roles = WARNING_ACTORS[w.kind];
  const grids = w.gridId !== null && roles.includes("gridWorker") ? await gridChain(tx, w.gridId) : [];
  const grantsOf = (wanted: readonly Role[]) =>
    tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(
        and(
          isNull(roleGrants.revokedAt),
          or(
            and(
              eq(roleGrants.scopeKind, "community"),
              eq(roleGrants.scopeId, communityId),
              inArray(roleGrants.role, [...wanted]),
            ),
            grids.length > 0
              ? and(
                  eq(roleGrants.scopeKind, "grid"),
                  inArray(roleGrants.scopeId, grids),
                  eq(roleGrants.role, "gridWorker"),
                )
              : undefined,
          ),
        ),
      );
  let found = (await grantsOf(roles)).map((g) => g.userId);
  if (found.length === 0) found = (await grantsOf(["communityStaff"])).map((g) => g.userId);
  return [...new Set([...found, ...w.alsoTell])];
}

/** The same fact's warning cleared within WARNING_QUIET_MS: it came back (stock sold out again), and was told already. */
async function clearedLately(tx: Tx, w: Warning, now: number): Promise<boolean> {
  const [seen] = await tx
    .select({ id: warnings.id })
    .from(warnings)
    .where(
      and(eq(warnings.kind, w.kind), eq(warnings.subject, w.subject), gte(warnings.clearedAt, now - WARNING_QUIET_MS)),
    )
    .limit(1);
  return seen !== undefined;
}

/** Opens the warnings given (the same fact open already is skipped) and tells each one's readers once, as it opens. */
async function openWarnings(tx: Tx, communityId: number, streetId: number, fresh: readonly Warning[], now: number) {
  let opened = 0;
  for (let i = 0; i < fresh.length; i += INSERT_ROWS_MAX) {
    const chunk = fresh.slice(i, i + INSERT_ROWS_MAX);
    const rows = await tx
      .insert(warnings)
      .values(
        chunk.map((w) => ({
          streetId,
          communityId,
          gridId: w.gridId,
          kind: w.kind,
          subject: w.subject,
          params: JSON.stringify(w.params),
          path: w.path,
          openedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: warnings.id, kind: warnings.kind, subject: warnings.subject });
    for (const row of rows) {
      const w = must(chunk.find((c) => c.kind === row.kind && c.subject === row.subject));
      if (await clearedLately(tx, w, now)) continue;
      const payload = { warningId: row.id, kind: w.kind, params: w.params, path: w.path };
      const readers = await readersOf(tx, communityId, w);
      await notifyEach(
        tx,
        "warning_opened",
        readers.map((userId) => ({ userId, payload })),
        now,
      );
    }
    opened += rows.length;
  }
  return opened;
}

/**
 * Works out a community's warnings now (core `warningsDue` and `reconcile`): the facts are read in one snapshot beside
 * the writers, then one short write opens the new and clears the settled. A verb that marked the community while its
 * facts were read leaves it stale for the next run.
 */
async function refreshWarnings(database: Database, communityId: number, now: number): Promise<number> {
  const seen = await database.read(async (tx) => {
    const [community] = await tx
      .select({ streetId: communities.streetId, marks: warningRefreshes.marks })
      .from(communities)
      .leftJoin(warningRefreshes, eq(warningRefreshes.communityId, communities.id))
      .where(eq(communities.id, communityId));
    if (!community) return null;
    const open = await tx
      .select({ id: warnings.id, kind: warnings.kind, subject: warnings.subject })
      .from(warnings)
      .where(and(eq(warnings.communityId, communityId), eq(warnings.open, true)));
    return { ...community, change: reconcile(open, warningsDue(await warningFacts(tx, communityId, now), now)) };
  });
  if (!seen) return 0;
  const { change, streetId, marks } = seen;
  return database.db.transaction(async (tx) => {
    for (let i = 0; i < change.clear.length; i += INSERT_ROWS_MAX)
      await tx
        .update(warnings)
        .set({ open: false, clearedAt: now })
        .where(and(inArray(warnings.id, change.clear.slice(i, i + INSERT_ROWS_MAX)), eq(warnings.open, true)));
    const opened = await openWarnings(tx, communityId, streetId, change.open, now);
    await tx
      .insert(warningRefreshes)
      .values({ communityId, refreshedAt: now, stale: false })
      .onConflictDoUpdate({
        target: warningRefreshes.communityId,
        set: { refreshedAt: now, stale: sql`${warningRefreshes.marks} <> ${marks ?? 0}` },
      });
    return opened + change.clear.length;
  });
}

/** The job: each community a verb marked stale, or not worked out for WARNINGS_SWEEP_MS, in its own transaction. */
export async function refreshDueWarnings(deps: Deps): Promise<number> {
  const now = deps.now();
  const db = deps.database.db;
  const due = await db
    .select({ id: communities.id })
    .from(communities)
    .leftJoin(warningRefreshes, eq(warningRefreshes.communityId, communities.id))
    .where(
      or(
        isNull(warningRefreshes.communityId),
        eq(warningRefreshes.stale, true),
        lt(warningRefreshes.refreshedAt, now - WARNINGS_SWEEP_MS),
      ),
    )
    .orderBy(communities.id);
  let changed = 0;
  for (const { id } of due) changed += await refreshWarnings(deps.database, id, now);
  return changed;
}
