import { fail, must, ok } from "@tongxin/core";
import { wallLinks } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeWall, newWallToken, wallTokenHash, type WallKind } from "./link";

/** A new wall link for a place; its token is answered this once (only its hash is kept). Audited. */
export async function createWallLink(call: Call, kind: WallKind, id: number) {
  if (!call.actor) return fail("unauthenticated");
  const actor = call.actor;
  const db = call.deps.database.db;
  const allowed = await authorizeWall(db, actor, kind, id);
  if (!allowed.ok) return allowed;
  const token = newWallToken();
  const now = call.deps.now();
  return db.transaction(async (tx) => {
    const [link] = await tx
      .insert(wallLinks)
      .values({
        placeKind: kind,
        placeId: id,
        tokenHash: wallTokenHash(token),
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: wallLinks.id });
    const linkId = must(link, "the inserted link").id;
    const entry = {
      actorUserId: actor.userId,
      action: "wall.create",
      entity: "wall_link",
      entityId: linkId,
      scope: allowed.scope,
      after: { kind, id, revokedAt: null },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok({ id: linkId, token, path: `/wall/t/${token}` });
  });
}
