import { ok } from "@tongxin/core";
import type { Call } from "../call";
import { toIso } from "../../time";
import { figuresOf } from "./figures";
import { authorizePlace, type PlaceKind } from "./place";

/**
 * 红色汇治: a street's, community's or grid's indicators, each with its 12-month trend, as the refresh job last
 * computed them (`asOf`, at most about a minute old; decision 0013). Points and ratings belong to communities,
 * so a grid's dashboard has requests and its residents' service only.
 */
export async function dashboard(call: Call, kind: PlaceKind, id: number) {
  const database = call.deps.database;
  const allowed = await authorizePlace(database.db, call.actor, kind, id);
  if (!allowed.ok) return allowed;
  const figures = await figuresOf(call.deps, allowed.place, call.deps.now());
  return ok({ scope: { kind, id }, asOf: toIso(figures.computedAt), indicators: figures.indicators });
}
