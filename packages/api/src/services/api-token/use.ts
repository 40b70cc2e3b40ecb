import { eq } from "drizzle-orm";
import { API_TOKEN_RATE_POLICY } from "@tongxin/core";
import { apiTokens } from "../../db/schema";
import type { Deps } from "../../deps";
import { takeTries } from "../attempts";
import { writeAudit } from "../audit";
import { tokenHashOf } from "./secret";
import { factsOf, selectTokens } from "./view";

/** The token a secret names, with its issuer's standing, in one statement; null when there is none. */
export async function tokenBySecret(deps: Deps, secret: string) {
  const [row] = await selectTokens(deps.database.db).where(eq(apiTokens.tokenHash, tokenHashOf(secret)));
  return row ? { id: row.id, name: row.name, facts: factsOf(row) } : null;
}

export type UsedToken = NonNullable<Awaited<ReturnType<typeof tokenBySecret>>>;

/** One try on the token's own limit (API_TOKEN_RATE_POLICY), shared by every instance through the database. */
export const takeTokenTry = (deps: Deps, token: UsedToken) =>
  takeTries(deps.database.db, [{ key: `token:${token.id}`, policy: API_TOKEN_RATE_POLICY }], deps.now());

/**
 * Every call made with a token leaves one audit row, attributed to its issuer, with what was called and how it was
 * answered (the path without its query, which may carry a phone number or a name), and marks the token used.
 */
export async function recordTokenUse(
  deps: Deps,
  token: UsedToken,
  call: { method: string; path: string; status: number; requestId: string },
): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await writeAudit(
      tx,
      {
        actorUserId: token.facts.issuedBy,
        action: "token.use",
        entity: "api_token",
        entityId: token.id,
        scope: { streetId: token.facts.streetId, communityId: token.facts.communityId ?? undefined },
        after: { name: token.name, method: call.method, path: call.path, status: call.status },
      },
      { requestId: call.requestId, now },
    );
    await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  });
}
