import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { afterAttempt, CLAIM_MS, CLAIMABLE_STATES, externalText, type Message, type SendOutcome } from "@tongxin/core";
import type { Db } from "../../db/client";
import { messageChannels, notifications, outbox, users } from "../../db/schema";
import { inList } from "../../db/schema/sql";
import type { Deps } from "../../deps";
import { toIso } from "../../time";
import { adapterFor, type Delivery } from "./adapters";

/** Rows one tick sends at most: the rest wait for the next tick (10 s), so a backlog never holds a tick for long. */
const BATCH = 50;
/** Written as literals, as the partial index `outbox_due` states it, so the planner can use that index. */
const claimable = sql`${outbox.state} in (${inList(CLAIMABLE_STATES)})`;

/**
 * Claims the due rows with one conditional UPDATE (a row is taken only while
 * still pending, or sending under an expired claim), so dispatchers racing on
 * several instances never take one row twice; sends them; records each answer
 * under the claim's token, so an answer from a claim that expired meanwhile
 * changes nothing. Answers how many rows it took.
 */
export async function dispatchOutbox(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.now();
  const token = randomUUID();
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(claimable, lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(BATCH);
  const claimed = await db
    .update(outbox)
    .set({ state: "sending", claimToken: token, nextAttemptAt: now + CLAIM_MS, attempts: sql`${outbox.attempts} + 1` })
    .where(and(inArray(outbox.id, due), claimable, lte(outbox.nextAttemptAt, now)))
    .returning({ id: outbox.id });
  if (claimed.length === 0) return 0;
  const rows = await loadClaimed(
    db,
    claimed.map((r) => r.id),
  );
  await Promise.all(
    rows.map(async (row) => {
      if (!row.chosen) return skip(db, row.id, token);
      const delivery = deliveryOf(row, deps.config.publicOrigin);
      const adapter = adapterFor(row.channel, deps.config.channels, deps.log, deps.now);
      const outcome = await adapter.send(delivery);
      return record(db, row, token, outcome, deps.now());
    }),
  );
  return claimed.length;
}

/** The claimed rows with their message, the recipient's phone and whether they still choose the channel. */
async function loadClaimed(db: Db, ids: number[]) {
  const rows = await db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      urgent: outbox.urgent,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      userId: outbox.userId,
      phone: users.phone,
      kind: notifications.kind,
      payload: notifications.payload,
      sms: messageChannels.sms,
      wechat: messageChannels.wechat,
    })
    .from(outbox)
    .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
    .innerJoin(users, eq(users.id, outbox.userId))
    .leftJoin(messageChannels, eq(messageChannels.userId, outbox.userId))
    .where(inArray(outbox.id, ids));
  return rows.map(({ sms, wechat, ...row }) => ({
    ...row,
    chosen: (row.channel === "sms" ? sms : wechat) === true,
  }));
}

type Claimed = Awaited<ReturnType<typeof loadClaimed>>[number];

function deliveryOf(row: Claimed, publicOrigin: string | undefined): Delivery {
  const message = { kind: row.kind, payload: JSON.parse(row.payload) } as Message;
  const path = (message.payload as { path?: unknown }).path;
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    urgent: row.urgent,
    to: { userId: row.userId, phone: row.phone },
    text: externalText(message),
    url: `${publicOrigin ?? ""}${typeof path === "string" ? path : "/"}`,
    createdAt: toIso(row.createdAt),
  };
}

/** The person turned the channel off after the row was written: nothing goes. */
async function skip(db: Db, id: number, token: string) {
  await db
    .update(outbox)
    .set({ state: "skipped", claimToken: null, nextAttemptAt: null, attempts: sql`${outbox.attempts} - 1` })
    .where(and(eq(outbox.id, id), eq(outbox.claimToken, token)));
}

async function record(db: Db, row: Claimed, token: string, outcome: SendOutcome, now: number) {
  const next = afterAttempt(outcome, row.attempts, row, now);
  await db
    .update(outbox)
    .set({
      state: next.state,
      nextAttemptAt: next.nextAttemptAt,
      lastError: next.lastError,
      deliveredAt: next.state === "delivered" ? now : null,
      claimToken: null,
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.claimToken, token)));
}
