import { and, eq, isNull } from "drizzle-orm";
import { authorize, fail, must, ok } from "@tongxin/core";
import { apiTokens } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { selectTokenViews, tokenView } from "./view";

/** The street admin stops a token at once; revoking a revoked one changes nothing and is no error. */
export async function revokeApiToken({ deps, actor, requestId }: Call, tokenId: number) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [token] = await tx
      .select({ streetId: apiTokens.streetId, communityId: apiTokens.communityId, name: apiTokens.name })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId));
    if (!token) return fail("not_found");
    const scope = { streetId: token.streetId, communityId: token.communityId ?? undefined };
    const allowed = authorize(actor, "token.manage", { streetId: token.streetId });
    if (!allowed.ok) return allowed;
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: actor.userId })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length > 0)
      await writeAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: "token.revoke",
          entity: "api_token",
          entityId: tokenId,
          scope,
          after: { name: token.name },
        },
        { requestId, now },
      );
    const [row] = await selectTokenViews(tx).where(eq(apiTokens.id, tokenId));
    return ok({ token: tokenView(must(row, "the token revoked"), now) });
  });
}
