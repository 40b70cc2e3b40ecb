import { and, desc, eq, lt } from "drizzle-orm";
import { authorize, fail, ok } from "@tongxin/core";
import { apiTokens } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { streetScope } from "../scope";
import { selectTokenViews, tokenView } from "./view";

/** The street's API tokens, newest first, for its admin: status, last use, who issued each; never a secret. */
export async function listApiTokens({ deps, actor }: Call, streetId: number, input: PageInput) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const scope = await streetScope(db, streetId);
  if (!scope) return fail("not_found");
  const allowed = authorize(actor, "token.manage", scope);
  if (!allowed.ok) return allowed;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await selectTokenViews(db)
    .where(and(eq(apiTokens.streetId, streetId), cursor.after ? lt(apiTokens.id, cursor.after) : undefined))
    .orderBy(desc(apiTokens.id))
    .limit(limit + 1);
  const now = deps.now();
  return ok(
    toPage(
      rows.map((row) => tokenView(row, now)),
      limit,
    ),
  );
}
