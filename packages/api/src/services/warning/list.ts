import { and, desc, eq, inArray, lt, notInArray, or, type SQL } from "drizzle-orm";
import {
  authorize,
  CARE_WARNING_KINDS,
  fail,
  ok,
  topicSource,
  type WarningKind,
  type WarningParams,
} from "@tongxin/core";
import { warnings } from "../../db/schema";
import type { Call } from "../call";
import { authorizePlace, type Place, type PlaceKind } from "../dashboard/place";
import { limitOf, parseCursor, type Decoded, type PageInput } from "../page";
import { toIso } from "../../time";
import { topicsRaisedFrom } from "../topic/load";

export type WarningListInput = PageInput & { scope: PlaceKind; id: number };

const columns = {
  id: warnings.id,
  kind: warnings.kind,
  communityId: warnings.communityId,
  gridId: warnings.gridId,
  params: warnings.params,
  path: warnings.path,
  open: warnings.open,
  openedAt: warnings.openedAt,
  clearedAt: warnings.clearedAt,
  acknowledgedAt: warnings.acknowledgedAt,
};
type Row = {
  id: number;
  kind: string;
  communityId: number;
  gridId: number | null;
  params: string;
  path: string;
  open: boolean;
  openedAt: number;
  clearedAt: number | null;
  acknowledgedAt: number | null;
};

/** A warning as its list and its acknowledgement answer it: the reason's kind and params, where to act, and its state. */
export const presentWarning = (w: Row) => ({
  id: w.id,
  kind: w.kind as WarningKind,
  communityId: w.communityId,
  gridId: w.gridId,
  params: JSON.parse(w.params) as WarningParams,
  path: w.path,
  open: w.open,
  openedAt: toIso(w.openedAt),
  clearedAt: toIso(w.clearedAt),
  acknowledgedAt: toIso(w.acknowledgedAt),
});

/** The place's warnings through its own index: a street's, a community's, or a grid's (and the grids below it). */
function within(place: Place): SQL | undefined {
  if (place.kind === "street") return eq(warnings.streetId, place.id);
  if (place.kind === "community") return eq(warnings.communityId, place.id);
  return inArray(warnings.gridId, place.gridIds ?? [place.id]);
}

/** The list runs open first, newest first: the cursor is the last item's (open, id). */
const encodeCursor = (open: boolean, id: number) =>
  Buffer.from(JSON.stringify([open ? 1 : 0, id])).toString("base64url");

function afterCursor(cursor: string | undefined): Decoded<{ where: SQL | undefined }> {
  if (!cursor) return ok({ where: undefined });
  const value = parseCursor(cursor);
  if (
    !(
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] === 0 || value[0] === 1) &&
      Number.isSafeInteger(value[1])
    )
  )
    return fail("bad_cursor");
  const [open, id] = value as [0 | 1, number];
  return ok({ where: or(lt(warnings.open, open === 1), and(eq(warnings.open, open === 1), lt(warnings.id, id))) });
}

/** 预警 of a street, community or grid, for those who read its dashboard (a grid worker their grid's only). */
export async function listWarnings(call: Call, input: WarningListInput) {
  const db = call.deps.database.db;
  const allowed = await authorizePlace(db, call.actor, input.scope, input.id);
  if (!allowed.ok) return allowed;
  const after = afterCursor(input.cursor);
  if (!after.ok) return after;
  const limit = limitOf(input);
  // A missed visit names a cared-for household: listed only to those who read its profile (decision 0016).
  const careShown = authorize(call.actor, "care.read", allowed.scope).ok;
  const rows = await db
    .select(columns)
    .from(warnings)
    .where(
      and(
        within(allowed.place),
        after.where,
        careShown ? undefined : notInArray(warnings.kind, [...CARE_WARNING_KINDS]),
      ),
    )
    .orderBy(desc(warnings.open), desc(warnings.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  // The topic staff raised from a warning (议题), shown with it.
  const raised = await topicsRaisedFrom(
    db,
    items.map((w) => topicSource("warning", w.id)),
  );
  return ok({
    items: items.map((w) => ({ ...presentWarning(w), topicId: raised.get(topicSource("warning", w.id)) ?? null })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.open, last.id) : null,
  });
}
