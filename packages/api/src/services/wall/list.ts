import { and, desc, eq, lt } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { users, wallLinks } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { toIso } from "../../time";
import { authorizeWall, type WallKind } from "./link";

export type WallListInput = PageInput & { kind: WallKind; id: number };

/** A place's wall links, newest first (never their tokens: only hashes are kept), for those who read its dashboard. */
export async function listWallLinks(call: Call, input: WallListInput) {
  if (!call.actor) return fail("unauthenticated");
  const db = call.deps.database.db;
  const allowed = await authorizeWall(db, call.actor, input.kind, input.id);
  if (!allowed.ok) return allowed;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await db
    .select({
      id: wallLinks.id,
      createdAt: wallLinks.createdAt,
      createdBy: users.name,
      revokedAt: wallLinks.revokedAt,
    })
    .from(wallLinks)
    .innerJoin(users, eq(users.id, wallLinks.createdBy))
    .where(
      and(
        eq(wallLinks.placeKind, input.kind),
        eq(wallLinks.placeId, input.id),
        input.cursor ? lt(wallLinks.id, cursor.after) : undefined,
      ),
    )
    .orderBy(desc(wallLinks.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const items = page.items.map((r) => ({ ...r, createdAt: toIso(r.createdAt), revokedAt: toIso(r.revokedAt) }));
  return ok({ items, nextCursor: page.nextCursor });
}
