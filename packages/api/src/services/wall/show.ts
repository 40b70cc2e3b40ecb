import { and, eq, isNull } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { communities, streets, wallLinks } from "../../db/schema";
import type { Call } from "../call";
import { figuresOf } from "../dashboard/figures";
import { placeNamed } from "../dashboard/place";
import { toIso } from "../../time";
import { isWallToken, wallTokenHash } from "./link";

/** The place a live link shows; an unknown, revoked or malformed token, or a place gone, is alike no wall. */
async function linkedPlace(call: Call, token: string) {
  if (!isWallToken(token)) return null;
  const db = call.deps.database.db;
  const [link] = await db
    .select({ kind: wallLinks.placeKind, id: wallLinks.placeId })
    .from(wallLinks)
    .where(and(eq(wallLinks.tokenHash, wallTokenHash(token)), isNull(wallLinks.revokedAt)));
  if (!link) return null;
  const table = link.kind === "street" ? streets : communities;
  const [named] = await db.select({ name: table.name }).from(table).where(eq(table.id, link.id));
  const place = await placeNamed(db, link.kind, link.id);
  return named && place ? { place, name: named.name } : null;
}

/** A wall by its link (no session): the place's name and its dashboard's figures, which hold no personal data. */
export async function wallByToken(call: Call, token: string) {
  const linked = await linkedPlace(call, token);
  if (!linked) return fail("not_found");
  const { place, name } = linked;
  const figures = await figuresOf(call.deps, place, call.deps.now());
  return ok({
    scope: { kind: place.kind, id: place.id },
    name,
    asOf: toIso(figures.computedAt),
    indicators: figures.indicators,
  });
}
