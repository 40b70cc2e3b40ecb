import { setImmediate } from "node:timers/promises";
import { windowOf, type Indicator } from "@tongxin/core";
import type { Database } from "../../db/client";
import { listIndicators } from "./lists";
import type { Place } from "./place";
import { pointIndicators } from "./points";
import { ratingIndicators } from "./ratings";
import { requestIndicators } from "./requests";
import { volunteeringIndicators } from "./volunteering";

/**
 * Every indicator of a place over the given months, read from the facts in one snapshot. The current month (and
 * the counts kept as they are now) is bounded by a month's data; the eleven closed months are the scan that grows
 * with the data, run once a day per place (decision 0013).
 */
export async function computeIndicators(
  database: Database,
  place: Place,
  months: readonly string[],
  now: number,
): Promise<Indicator[]> {
  const window = windowOf(months);
  const groups = [
    requestIndicators,
    volunteeringIndicators,
    ...(place.kind === "grid" ? [] : [pointIndicators, ratingIndicators]),
    listIndicators,
  ];
  return database.read(async (tx) => {
    const indicators: Indicator[] = [];
    for (const group of groups) {
      indicators.push(...(await group(tx, place, months, window, now)));
      // Read in the serving thread (an in-memory database, tests), whose database calls block it: requests get a turn between groups.
      await setImmediate();
    }
    return indicators;
  });
}
