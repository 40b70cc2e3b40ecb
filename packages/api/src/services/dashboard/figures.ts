import { and, eq } from "drizzle-orm";
import { trailingMonths, windowOf, type Indicator } from "@tongxin/core";
import type { Database } from "../../db/client";
import { dashboardFigures } from "../../db/schema";
import type { Deps } from "../../deps";
import { placeNamed, type Place } from "./place";
import { pointIndicators } from "./points";
import { ratingIndicators } from "./ratings";
import { requestIndicators } from "./requests";
import { volunteeringIndicators } from "./volunteering";

/** How often the job recomputes every stored dashboard: the figures a reader sees are at most about this old. */
export const FIGURES_REFRESH_MS = 60_000;

export type Figures = { computedAt: number; indicators: Indicator[] };

/**
 * Every indicator of a place over the last twelve months, read from the facts in one snapshot. This is the scan
 * whose cost grows with the data; only the refresh job and a place's first reading run it (decision 0013).
 */
export async function computeIndicators(database: Database, place: Place, now: number): Promise<Indicator[]> {
  const months = trailingMonths(now);
  const window = windowOf(months);
  const communityWide = place.kind !== "grid";
  return database.read(async (tx) => [
    ...(await requestIndicators(tx, place, months, window, now)),
    ...(await volunteeringIndicators(tx, place, months, window, now)),
    ...(communityWide ? await pointIndicators(tx, place, months, window, now) : []),
    ...(communityWide ? await ratingIndicators(tx, place, months, window, now) : []),
  ]);
}

/** Computes a place's figures and keeps them (one upsert). */
async function store(database: Database, place: Place, now: number): Promise<Figures> {
  const indicators = await computeIndicators(database, place, now);
  const row = { placeKind: place.kind, placeId: place.id, computedAt: now, indicators };
  await database.db
    .insert(dashboardFigures)
    .values(row)
    .onConflictDoUpdate({
      target: [dashboardFigures.placeKind, dashboardFigures.placeId],
      set: { computedAt: now, indicators },
    });
  return { computedAt: now, indicators };
}

/** The place's figures as last computed; computed and kept now when nobody has asked for them before. */
export async function figuresOf(database: Database, place: Place, now: number): Promise<Figures> {
  const [row] = await database.db
    .select({ computedAt: dashboardFigures.computedAt, indicators: dashboardFigures.indicators })
    .from(dashboardFigures)
    .where(and(eq(dashboardFigures.placeKind, place.kind), eq(dashboardFigures.placeId, place.id)));
  return row ? { computedAt: row.computedAt, indicators: row.indicators as Indicator[] } : store(database, place, now);
}

/**
 * The job (lease-held, every FIGURES_REFRESH_MS): recomputes each dashboard someone has read, one place at a
 * time, so the facts are read off the request path. Answers how many it refreshed; a place gone is dropped.
 */
export async function refreshFigures(deps: Deps): Promise<number> {
  const { database } = deps;
  const stored = await database.db
    .select({ kind: dashboardFigures.placeKind, id: dashboardFigures.placeId })
    .from(dashboardFigures);
  let refreshed = 0;
  for (const { kind, id } of stored) {
    const place = await placeNamed(database.db, kind, id);
    if (place) {
      await store(database, place, deps.now());
      refreshed++;
    } else
      await database.db
        .delete(dashboardFigures)
        .where(and(eq(dashboardFigures.placeKind, kind), eq(dashboardFigures.placeId, id)));
  }
  return refreshed;
}
