import { and, eq, isNull } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { wallLinks } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { authorizeWall } from "./link";

/** 停用: the link's address answers 404 from now on (audited); revoking again answers the same and writes nothing. */
export async function revokeWallLink(call: Call, linkId: number) {
  if (!call.actor) return fail("unauthenticated");
  const actor = call.actor;
  const db = call.deps.database.db;
  const [link] = await db.select().from(wallLinks).where(eq(wallLinks.id, linkId));
  if (!link) return fail("not_found");
  const allowed = await authorizeWall(db, actor, link.placeKind, link.placeId);
  if (!allowed.ok) return allowed;
  if (link.revokedAt !== null) return ok({ id: linkId, revokedAt: toIso(link.revokedAt) });
  const now = call.deps.now();
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(wallLinks)
      .set({ revokedAt: now })
      .where(and(eq(wallLinks.id, linkId), isNull(wallLinks.revokedAt)))
      .returning({ id: wallLinks.id });
    // Revoked meanwhile by someone else: theirs is the one audited.
    if (changed.length === 0) return ok({ id: linkId, revokedAt: toIso(now) });
    const entry = {
      actorUserId: actor.userId,
      action: "wall.revoke",
      entity: "wall_link",
      entityId: linkId,
      scope: allowed.scope,
      before: { kind: link.placeKind, id: link.placeId, revokedAt: null },
      after: { kind: link.placeKind, id: link.placeId, revokedAt: now },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok({ id: linkId, revokedAt: toIso(now) });
  });
}
