import { ok, trailingMonths, windowOf } from "@tongxin/core";
import type { Call } from "../call";
import { toIso } from "../../time";
import { authorizePlace, type PlaceKind } from "./place";
import { pointIndicators } from "./points";
import { ratingIndicators } from "./ratings";
import { requestIndicators } from "./requests";
import { volunteeringIndicators } from "./volunteering";

/**
 * 红色汇治: a street's, community's or grid's indicators now, each with its 12-month trend. Read in one snapshot;
 * points and ratings belong to communities, so a grid's dashboard has requests and its residents' service only.
 */
export async function dashboard(call: Call, kind: PlaceKind, id: number) {
  const database = call.deps.database;
  const allowed = await authorizePlace(database.db, call.actor, kind, id);
  if (!allowed.ok) return allowed;
  const { place } = allowed;
  const now = call.deps.now();
  const months = trailingMonths(now);
  const window = windowOf(months);
  const indicators = await database.read(async (tx) => [
    ...(await requestIndicators(tx, place, months, window, now)),
    ...(await volunteeringIndicators(tx, place, months, window, now)),
    ...(kind === "grid" ? [] : await pointIndicators(tx, place, months, window, now)),
    ...(kind === "grid" ? [] : await ratingIndicators(tx, place, months, window, now)),
  ]);
  return ok({ scope: { kind, id }, asOf: toIso(now), indicators });
}
