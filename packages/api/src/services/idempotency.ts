import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import type { Tx } from "../db/client";
import { idempotencyKeys } from "../db/schema";

export type IdempotencyKey = { userId: number; key: string; route: string; body: unknown };

const hashOf = (route: string, body: unknown) => createHash("sha256").update(route).update("\n").update(JSON.stringify(body ?? null)).digest("hex");

/** The stored answer for a repeated key, a refusal for a key reused with another request, or nothing. */
export async function recall(tx: Tx, idem: IdempotencyKey) {
  const [row] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
  if (!row) return ok({ replay: null });
  if (row.requestHash !== hashOf(idem.route, idem.body)) return fail("idempotency_key_reused");
  return ok({ replay: JSON.parse(row.response) as unknown });
}

/** Stored in the same transaction as the change, so a retry after a lost answer changes nothing twice. */
export async function remember(tx: Tx, idem: IdempotencyKey, response: unknown, now: number): Promise<void> {
  await tx.insert(idempotencyKeys).values({
    userId: idem.userId,
    key: idem.key,
    route: idem.route,
    requestHash: hashOf(idem.route, idem.body),
    statusCode: 200,
    response: JSON.stringify(response),
    createdAt: now,
  });
}
