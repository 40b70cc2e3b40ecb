/**
 * The dashboards at one size (decision 0013): what the refresh job computes for each place, timed in this process
 * on the size's database file beside the running server — the current month (every minute) and the eleven closed
 * months (once a day, and at a place's first reading).
 */
import { splitMonths } from "@tongxin/core";
import { openDatabase } from "../src/db/client";
import { computeIndicators } from "../src/services/dashboard/indicators";
import { placeNamed, type PlaceKind } from "../src/services/dashboard/place";

export type RefreshFigure = { place: string; "current month ms": number; "closed months ms": number };

const PLACES: [PlaceKind, number][] = [
  ["street", 1],
  ["community", 1],
  ["community", 2],
  ["community", 3],
  ["community", 4],
  ["community", 5],
];

const timedMs = async (work: () => Promise<unknown>) => {
  const startMs = performance.now();
  await work();
  return Math.round(performance.now() - startMs);
};

export async function refreshTimes(file: string): Promise<RefreshFigure[]> {
  const database = openDatabase(`file:${file}`);
  try {
    const rows: RefreshFigure[] = [];
    for (const [kind, id] of PLACES) {
      const place = await placeNamed(database.db, kind, id);
      if (!place) continue;
      const now = Date.now();
      const { closed, current } = splitMonths(now);
      rows.push({
        place: `${kind} ${id}`,
        "current month ms": await timedMs(() => computeIndicators(database, place, current, now)),
        "closed months ms": await timedMs(() => computeIndicators(database, place, closed, now)),
      });
    }
    return rows;
  } finally {
    database.close();
  }
}
