import { and, eq, isNull } from "drizzle-orm";
import { mergeFigures, must, splitMonths, trailingMonths, type Indicator } from "@tongxin/core";
import type { Database } from "../../db/client";
import { communities, dashboardFigures, streets } from "../../db/schema";
import { readingsOf, type Readings } from "../readings/readings";
import { sharedWork } from "../shared-work";
import type { Deps } from "../../deps";
import { placeNamed, type Place } from "./place";

/** How often the job recomputes the current month of every stored dashboard: a reader's figures are this old at most. */
export const FIGURES_REFRESH_MS = 60_000;
/** How often the closed months are read again, for facts dated in them that changed late (a void, a late confirmation). */
export const CLOSED_REFRESH_MS = 24 * 3_600_000;

export type Figures = { computedAt: number; indicators: Indicator[] };
type Stored = typeof dashboardFigures.$inferSelect;

const keysOf = (indicators: unknown) => (indicators as Indicator[]).map((i) => i.key).join();

/** Whether the kept closed months must be read again: the month turned, they are a day old, or the indicators changed. */
const closedStale = (row: Stored | undefined, closedThrough: string, current: Indicator[], now: number) =>
  !row ||
  row.closedThrough !== closedThrough ||
  now - row.closedAt >= CLOSED_REFRESH_MS ||
  keysOf(row.closed) !== keysOf(current);

/** Computes the current month (and the closed months when stale) and keeps them in one upsert. */
async function compute(
  database: Database,
  readings: Readings,
  place: Place,
  row: Stored | undefined,
  now: number,
): Promise<Stored> {
  const { closed, current } = splitMonths(now);
  const closedThrough = must(closed[closed.length - 1], "eleven closed months");
  const fresh = { computedAt: now, current: await readings.indicators(place, current, now) };
  const kept =
    row && !closedStale(row, closedThrough, fresh.current, now)
      ? { closedThrough, closedAt: row.closedAt, closed: row.closed }
      : { closedThrough, closedAt: now, closed: await readings.indicators(place, closed, now) };
  const next = { placeKind: place.kind, placeId: place.id, ...kept, ...fresh };
  await database.db
    .insert(dashboardFigures)
    .values(next)
    .onConflictDoUpdate({ target: [dashboardFigures.placeKind, dashboardFigures.placeId], set: { ...kept, ...fresh } });
  return next;
}

const figures = (row: Stored): Figures => ({
  computedAt: row.computedAt,
  indicators: mergeFigures(row.closed as Indicator[], row.current as Indicator[]),
});

const rowOf = async (database: Database, kind: Place["kind"], id: number) =>
  (
    await database.db
      .select()
      .from(dashboardFigures)
      .where(and(eq(dashboardFigures.placeKind, kind), eq(dashboardFigures.placeId, id)))
  )[0];

/**
 * Readings computed on request (a grid's, or any place before the job keeps it) at once in this instance: a burst
 * of them shares one reading per place and waits for its turn, so other requests still get answered.
 */
const LIVE_READINGS_MAX = 2;
/** Per database: places are numbered per database, and tests run several in one process. */
const liveReadings = new WeakMap<Database, ReturnType<typeof sharedWork<Figures>>>();

function liveReading(database: Database, key: string, work: () => Promise<Figures>): Promise<Figures> {
  const shared = liveReadings.get(database) ?? sharedWork<Figures>(LIVE_READINGS_MAX);
  liveReadings.set(database, shared);
  return shared(key, work);
}

/**
 * The place's figures as the job last kept them (one row). A place the job does not keep — a grid, or any place
 * before the job's first run — is computed on reading and not kept: a GET never writes.
 */
export async function figuresOf(deps: Deps, place: Place, now: number): Promise<Figures> {
  const { database } = deps;
  const row = await rowOf(database, place.kind, place.id);
  if (row) return figures(row);
  return liveReading(database, `${place.kind}:${place.id}`, async () => ({
    computedAt: now,
    indicators: await readingsOf(deps).indicators(place, trailingMonths(now), now),
  }));
}

/** The places the job keeps: every live street and community. */
async function placesKept(database: Database): Promise<(readonly [Place["kind"], number])[]> {
  const { db } = database;
  return [
    ...(await db.select({ id: streets.id }).from(streets).where(isNull(streets.archivedAt))).map(
      (r) => ["street", r.id] as const,
    ),
    ...(await db.select({ id: communities.id }).from(communities).where(isNull(communities.archivedAt))).map(
      (r) => ["community", r.id] as const,
    ),
  ];
}

/**
 * The job (lease-held, every FIGURES_REFRESH_MS): recomputes each kept dashboard, one place at a time, off the
 * request path. Answers how many it refreshed; the rows of a place no longer kept (archived) are dropped.
 */
export async function refreshFigures(deps: Deps): Promise<number> {
  const { database } = deps;
  const kept = await placesKept(database);
  for (const [kind, id] of kept) {
    const place = must(await placeNamed(database.db, kind, id), "a live street or community");
    await compute(database, readingsOf(deps), place, await rowOf(database, kind, id), deps.now());
  }
  const keys = new Set(kept.map(([kind, id]) => `${kind}:${id}`));
  for (const row of await database.db
    .select({ kind: dashboardFigures.placeKind, id: dashboardFigures.placeId })
    .from(dashboardFigures))
    if (!keys.has(`${row.kind}:${row.id}`))
      await database.db
        .delete(dashboardFigures)
        .where(and(eq(dashboardFigures.placeKind, row.kind), eq(dashboardFigures.placeId, row.id)));
  return kept.length;
}
