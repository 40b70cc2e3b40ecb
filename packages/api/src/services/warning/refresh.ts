import { and, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { setImmediate } from "node:timers/promises";
import {
  reconcile,
  WARNING_ACTORS,
  WARNING_QUIET_MS,
  warningMessages,
  must,
  type MessagePayloads,
  type Role,
  type Warning,
  type WarningKind,
} from "@tongxin/core";
import type { Database, Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { communities, roleGrants, warningRefreshes, warnings } from "../../db/schema";
import { notifyAll } from "../notify";
import { gridChain } from "../scope";
import { readingsOf, type Readings } from "../readings/readings";

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

/** Those who must act on a kind of warning in a grid (core WARNING_ACTORS); the community's staff when nobody is found. */
async function actorsOf(tx: Tx, communityId: number, kind: WarningKind, gridId: number | null): Promise<number[]> {
  const roles = WARNING_ACTORS[kind];
  const grids = gridId !== null && roles.includes("gridWorker") ? await gridChain(tx, gridId) : [];
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
  const found = (await grantsOf(roles)).map((g) => g.userId);
  return found.length > 0 ? found : (await grantsOf(["communityStaff"])).map((g) => g.userId);
}

/** Of the warnings just opened, those whose fact cleared within WARNING_QUIET_MS: it came back (stock sold out again), and was told already. */
async function clearedLately(tx: Tx, opened: readonly Warning[], now: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const kind of new Set(opened.map((w) => w.kind))) {
    const rows = await tx
      .select({ subject: warnings.subject })
      .from(warnings)
      .where(
        and(
          eq(warnings.kind, kind),
          inArray(
            warnings.subject,
            opened.filter((w) => w.kind === kind).map((w) => w.subject),
          ),
          gte(warnings.clearedAt, now - WARNING_QUIET_MS),
        ),
      );
    for (const { subject } of rows) seen.add(`${kind} ${subject}`);
  }
  return seen;
}

/** Inserts a chunk of warnings (the same fact open already is skipped); answers those that opened with their ids. */
async function insertWarnings(tx: Tx, communityId: number, streetId: number, chunk: readonly Warning[], now: number) {
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
  const byKey = new Map(chunk.map((w) => [`${w.kind} ${w.subject}`, w]));
  return rows.map((row) => ({ id: row.id, warning: must(byKey.get(`${row.kind} ${row.subject}`)) }));
}

/**
 * Opens the warnings given and tells their readers once (core `warningMessages`: a few each, or one count). Those in
 * charge are looked up once per kind and grid, and the serving process gets a turn between chunks.
 */
async function openWarnings(tx: Tx, communityId: number, streetId: number, fresh: readonly Warning[], now: number) {
  const actors = new Map<string, number[]>();
  const opened: { news: MessagePayloads["warning_opened"]; inCharge: number[]; alsoTell: number[] }[] = [];
  let insertedCount = 0;
  for (let i = 0; i < fresh.length; i += INSERT_ROWS_MAX) {
    const inserted = await insertWarnings(tx, communityId, streetId, fresh.slice(i, i + INSERT_ROWS_MAX), now);
    insertedCount += inserted.length;
    const quiet = await clearedLately(
      tx,
      inserted.map((r) => r.warning),
      now,
    );
    for (const { id, warning: w } of inserted) {
      if (quiet.has(`${w.kind} ${w.subject}`)) continue;
      const key = `${w.kind} ${w.gridId}`;
      const inCharge = actors.get(key) ?? (await actorsOf(tx, communityId, w.kind, w.gridId));
      actors.set(key, inCharge);
      opened.push({
        news: { warningId: id, kind: w.kind, params: w.params, path: w.path },
        inCharge,
        alsoTell: w.alsoTell,
      });
    }
    await setImmediate();
  }
  const messages = warningMessages(opened);
  for (let i = 0; i < messages.length; i += INSERT_ROWS_MAX)
    await notifyAll(tx, messages.slice(i, i + INSERT_ROWS_MAX), now);
  return insertedCount;
}

/**
 * Works out a community's warnings now (core `warningsDue` and `reconcile`): what is open and the verbs' marks are
 * read first, the facts then (off the serving thread, decision 0014), and one short write opens the new and clears
 * the settled. A verb that marked the community after its marks were read leaves it stale for the next run.
 */
async function refreshWarnings(database: Database, readings: Readings, communityId: number, now: number) {
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
    return { ...community, open };
  });
  if (!seen) return 0;
  const { streetId, marks } = seen;
  const change = reconcile(seen.open, await readings.warningsDue(communityId, now));
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
  for (const { id } of due) changed += await refreshWarnings(deps.database, readingsOf(deps), id, now);
  return changed;
}
