import { and, eq, isNull } from "drizzle-orm";
import { decideDonation, fail, maskName, ok, type AccountKey, type DonationTarget } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { donations, households, users } from "../../db/schema";
import type { Call } from "../call";
import { notify } from "../notify";
import { applyTransfer, availableOf } from "./ledger";
import { payWaiting } from "./earning";

/** A household is named by its id (staff tools) or by the phone of someone living there, as a giver would ask for it. */
export type DonationInput = { target: DonationTarget | { kind: "phone"; phone: string }; amount: number; message: string; idempotencyKey: string };

async function resolveTarget(tx: Tx, target: DonationInput["target"]): Promise<{ target: DonationTarget; receiver: string | null } | null> {
  if (target.kind !== "phone") return { target, receiver: null };
  const [person] = await tx.select({ householdId: users.householdId, name: users.name }).from(users).where(eq(users.phone, target.phone));
  return person?.householdId ? { target: { kind: "household", householdId: person.householdId }, receiver: maskName(person.name) } : null;
}

/** 转赠: from the volunteer's points to a household of their community or to its fund; the receivers are told, with the message. */
export async function donate(call: Call, input: DonationInput) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [me] = await tx.select({ communityId: users.communityId, householdId: users.householdId }).from(users).where(eq(users.id, actor.userId));
    if (!me?.communityId) return fail("not_in_community");
    const resolved = await resolveTarget(tx, input.target);
    if (!resolved) return fail("not_found");
    const { target, receiver } = resolved;
    if (target.kind === "household") {
      const [household] = await tx.select({ communityId: households.communityId }).from(households).where(and(eq(households.id, target.householdId), isNull(households.archivedAt)));
      if (!household) return fail("not_found");
      if (household.communityId !== me.communityId) return fail("not_in_community");
    }
    const from: AccountKey = `volunteer:${actor.userId}`;
    const to: AccountKey = target.kind === "household" ? `household:${target.householdId}` : `fund:${me.communityId}`;
    const decided = decideDonation({ amount: input.amount, message: input.message, target, ownHouseholdId: me.householdId, available: await availableOf(tx, from) });
    // The balance is the ledger's to judge: a replay of a donation already made is answered whatever the balance is now.
    if (!decided.ok && decided.reason !== "insufficient_balance") return decided;
    const message = input.message.trim();
    const transfer = { debit: from, credit: to, amount: input.amount, reason: message || "转赠", cause: "donation", idempotencyKey: `donation:${actor.userId}:${input.idempotencyKey}`, pending: false };
    const applied = await applyTransfer(tx, transfer, actor.userId, now);
    if (!applied.ok) return applied;
    if (applied.replayed) return ok({ transferId: applied.transferId, replayed: true, receiver, balance: await availableOf(tx, from) });
    await tx.insert(donations).values({ transferId: applied.transferId, fromUserId: actor.userId, communityId: me.communityId, householdId: target.kind === "household" ? target.householdId : null, amount: input.amount, message, createdAt: now });
    if (target.kind === "household") {
      const members = await tx.select({ id: users.id }).from(users).where(eq(users.householdId, target.householdId));
      await notify(tx, members.map((m) => m.id), "points_donated", { amount: input.amount, message }, now);
    } else await payWaiting(tx, me.communityId, now);
    return ok({ transferId: applied.transferId, replayed: false, receiver, balance: await availableOf(tx, from) });
  });
}
