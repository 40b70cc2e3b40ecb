import { eq } from "drizzle-orm";
import { authorize, fail, must, ok, tokenExpiresAt, type ApiTokenAccess } from "@tongxin/core";
import { apiTokens, communities } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { streetScope } from "../scope";
import { newTokenSecret, prefixOf, tokenHashOf } from "./secret";
import { selectTokenViews, tokenView } from "./view";

export type IssueTokenInput = {
  name: string;
  /** Absent: the whole street. */
  communityId?: number | undefined;
  access: ApiTokenAccess;
  expiresInDays: number;
};

/**
 * The street admin issues a token for another system: the secret is answered this once and only its hash kept,
 * so neither the list, the audit row nor the log can show it again. A community must be one of the street's own.
 */
export async function issueApiToken({ deps, actor, requestId }: Call, streetId: number, input: IssueTokenInput) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope = await streetScope(tx, streetId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "token.manage", scope);
    if (!allowed.ok) return allowed;
    if (input.communityId !== undefined) {
      const [community] = await tx
        .select({ streetId: communities.streetId, archivedAt: communities.archivedAt })
        .from(communities)
        .where(eq(communities.id, input.communityId));
      if (community?.streetId !== streetId) return fail("not_found");
      if (community.archivedAt !== null) return fail("archived");
    }
    const secret = newTokenSecret();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        streetId,
        communityId: input.communityId ?? null,
        access: input.access,
        tokenHash: tokenHashOf(secret),
        prefix: prefixOf(secret),
        issuedBy: actor.userId,
        createdAt: now,
        expiresAt: tokenExpiresAt(now, input.expiresInDays),
      })
      .returning({ id: apiTokens.id });
    const id = must(row, "the token just issued").id;
    const [issued] = await selectTokenViews(tx).where(eq(apiTokens.id, id));
    const token = tokenView(must(issued, "the token just issued"), now);
    await writeAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: "token.issue",
        entity: "api_token",
        entityId: id,
        scope: { streetId, communityId: input.communityId },
        after: {
          name: token.name,
          communityId: token.communityId,
          access: token.access,
          prefix: token.prefix,
          expiresAt: token.expiresAt,
        },
      },
      { requestId, now },
    );
    return ok({ token, secret });
  });
}
