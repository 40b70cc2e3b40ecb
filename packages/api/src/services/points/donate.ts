import { eq } from "drizzle-orm";
import {
  PHONE_LOOKUP_POLICY,
  decideDonation,
  decideDonationByPhone,
  decideTransfer,
  fail,
  maskName,
  ok,
  sendableAt,
  type AccountKey,
  type Actor,
  type DonationTarget,
  type TransferInput,
} from "@tongxin/core";
import { isConstraintViolation } from "../../db/errors";
import { users } from "../../db/schema";
import { takeTries } from "../attempts";
import type { Call } from "../call";
import { payWaiting } from "./earning";
import { availableOf } from "./ledger";

/** A household is named by its id (staff tools) or by the phone of someone living there, as a giver would ask for it. */
export type DonationInput = {
  target: DonationTarget | { kind: "phone"; phone: string };
  amount: number;
  message: string;
  idempotencyKey: string;
};

/**
 * The donation hot path (decision 0006), like a redemption: one statement
 * reads the facts, core decides, and self-guarding statements go through group
 * commit — the transfer only while the balance covers it (the CHECK on
 * balances backs that), then its two entries, the donation and the
 * receivers' notices, each written only if that transfer was.
 */
const FACTS = `
select u.community_id, u.household_id,
  coalesce((select posted - reserved from ledger_balances where account = :from), 0) as available,
  (select community_id from households where id = :household and archived_at is null) as household_community,
  exists (select 1 from earnings where community_id = u.community_id and status = 'waiting') as waiting,
  (select json_object('id', id, 'debit', debit, 'credit', credit, 'amount', amount, 'reason', reason, 'cause', cause, 'pending', two_phase) from ledger_transfers where idempotency_key = :key) as earlier
from users u where u.id = :user`;

const TRANSFER = `
insert into ledger_transfers (debit, credit, amount, state, reason, cause, idempotency_key, two_phase, actor_user_id, created_at)
select :from, :to, :amount, 'posted', :reason, 'donation', :key, 0, :user, :now
where coalesce((select posted - reserved from ledger_balances where account = :from), 0) >= :amount
returning id`;

const ENTRIES = `
insert into ledger_entries (transfer_id, account, amount, created_at)
select id, debit, -amount, created_at from ledger_transfers where idempotency_key = :key
union all
select id, credit, amount, created_at from ledger_transfers where idempotency_key = :key`;

const DONATION = `
insert into donations (transfer_id, from_user_id, community_id, household_id, amount, message, created_at)
select id, :user, :community, :household, :amount, :message, :now from ledger_transfers where idempotency_key = :key`;

const NOTICES = `
insert into notifications (user_id, kind, payload, created_at)
select u.id, 'points_donated', json_object('amount', :amount, 'message', :message, 'path', '/me/points'), :now from users u
where u.household_id = :household and exists (select 1 from ledger_transfers where idempotency_key = :key)`;

/** The notices' deliveries outside the app, as `notify` writes them (services/notify.ts) for the members who chose channels. */
const DELIVERIES = `
insert into outbox (notification_id, user_id, community_id, channel, kind, urgent, next_attempt_at, created_at)
select n.id, u.id, u.community_id, c.channel, 'points_donated', 0, case c.channel when 'sms' then :smsAt else :now end, :now
from users u
join message_channels mc on mc.user_id = u.id
join (select 'sms' as channel union all select 'wechat') c on (c.channel = 'sms' and mc.sms) or (c.channel = 'wechat' and mc.wechat)
join notifications n on n.user_id = u.id and n.kind = 'points_donated' and n.created_at = :now
where u.household_id = :household
on conflict do nothing`;

type Facts = {
  community_id: number | null;
  household_id: number | null;
  available: number;
  household_community: number | null;
  waiting: number;
  earlier: string | null;
};
type Earlier = {
  id: number;
  debit: AccountKey;
  credit: AccountKey;
  amount: number;
  reason: string;
  cause: string | null;
  pending: number;
};

/** Finds the household a phone leads to, after taking one of the giver's few look-ups: the answer never says which problem a number had. */
async function findByPhone({ actor, deps }: Call & { actor: Actor }, phone: string, now: number) {
  const taken = await takeTries(
    deps.database.db,
    [{ key: `lookup:phone:${actor.userId}`, policy: PHONE_LOOKUP_POLICY }],
    now,
  );
  if (!taken.ok) return taken;
  const [person] = await deps.database.db
    .select({ householdId: users.householdId, name: users.name })
    .from(users)
    .where(eq(users.phone, phone));
  return ok({ householdId: person?.householdId ?? null, receiver: person ? maskName(person.name) : null });
}

/** The receiving household and the gift's checks: by phone every receiver problem is one answer, by id the staff tools' precise ones. */
function decideTarget(
  target: DonationInput["target"],
  found: { householdId: number | null },
  facts: Facts,
  gift: { amount: number; message: string },
) {
  const base = {
    ...gift,
    available: Number(facts.available),
    ownHouseholdId: facts.household_id === null ? null : Number(facts.household_id),
  };
  if (target.kind === "phone") {
    const receiver =
      found.householdId !== null && facts.household_community !== null
        ? { householdId: found.householdId, communityId: Number(facts.household_community) }
        : null;
    const decided = decideDonationByPhone({ ...base, communityId: Number(facts.community_id), receiver });
    return decided.ok
      ? ok({ target: { kind: "household", householdId: decided.householdId } as DonationTarget })
      : decided;
  }
  if (target.kind === "household" && facts.household_community === null) return fail("not_found");
  if (target.kind === "household" && Number(facts.household_community) !== Number(facts.community_id))
    return fail("not_in_community");
  const decided = decideDonation({ ...base, target });
  return decided.ok ? ok({ target }) : decided;
}

export async function donate(call: Call, input: DonationInput) {
  const { actor, deps } = call;
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const { client } = deps.database;
  const found =
    input.target.kind === "phone"
      ? await findByPhone({ ...call, actor }, input.target.phone, now)
      : ok({ householdId: input.target.kind === "household" ? input.target.householdId : null, receiver: null });
  if (!found.ok) return found;
  const from: AccountKey = `volunteer:${actor.userId}`;
  const key = `donation:${actor.userId}:${input.idempotencyKey}`;
  const household = found.householdId;
  for (let attempt = 0; attempt < 2; attempt++) {
    const facts = (await client.execute({ sql: FACTS, args: { user: actor.userId, from, household, key } }))
      .rows[0] as unknown as Facts | undefined;
    if (!facts?.community_id) return fail("not_in_community");
    const community = Number(facts.community_id);
    const message = input.message.trim();
    const credit = (target: DonationTarget): AccountKey =>
      target.kind === "household" ? `household:${target.householdId}` : `fund:${community}`;
    const transferTo = (to: AccountKey): TransferInput => ({
      debit: from,
      credit: to,
      amount: input.amount,
      reason: message || "转赠",
      cause: "donation",
      idempotencyKey: key,
      pending: false,
    });
    const earlier = facts.earlier ? (JSON.parse(facts.earlier) as Earlier) : null;
    const named =
      input.target.kind === "phone"
        ? household === null
          ? null
          : ({ kind: "household", householdId: household } as const)
        : input.target;
    // The ledger's rules answer a replay first, whatever the balance or the receiver's state is now; then the donation's own.
    if (earlier && named) {
      const replay = decideTransfer(transferTo(credit(named)), {
        available: Number(facts.available),
        earlier: {
          input: { ...earlier, idempotencyKey: key, pending: earlier.pending === 1 },
          transferId: Number(earlier.id),
        },
      });
      if (!replay.ok) return replay;
      if (replay.replayOf !== null)
        return ok({
          transferId: replay.replayOf,
          replayed: true,
          receiver: found.receiver,
          balance: await availableOf(deps.database.db, from),
        });
    }
    const decided = decideTarget(input.target, found, facts, { amount: input.amount, message: input.message });
    if (!decided.ok) return decided;
    const { target } = decided;
    const to = credit(target);
    const transfer = transferTo(to);
    const asTransfer = decideTransfer(transfer, { available: Number(facts.available), earlier: null });
    if (!asTransfer.ok) return asTransfer;
    const args = {
      user: actor.userId,
      from,
      to,
      amount: input.amount,
      reason: transfer.reason,
      key,
      now,
      community,
      household,
      message,
      // A gift is never urgent: an SMS about it waits out quiet hours.
      smsAt: sendableAt("sms", false, now),
    };
    const statements =
      target.kind === "household" ? [TRANSFER, ENTRIES, DONATION, NOTICES, DELIVERIES] : [TRANSFER, ENTRIES, DONATION];
    const results = await deps.database.groupCommit
      .submit(statements.map((sql) => ({ sql, args })))
      .catch((error: unknown) => {
        if (isConstraintViolation(error)) return null; // the same key in flight twice, or the balance spent meanwhile: read again
        throw error;
      });
    const row = results?.[0]?.rows[0] as unknown as { id: number } | undefined;
    if (row) {
      if (target.kind === "fund" && Number(facts.waiting) === 1)
        await deps.database.db.transaction((tx) => payWaiting(tx, community, now)); // the gift may pay earnings waiting on the fund
      // As read before the gift, less the gift: a concurrent spend of the same person shows on their next read.
      return ok({
        transferId: Number(row.id),
        replayed: false,
        receiver: found.receiver,
        balance: Number(facts.available) - input.amount,
      });
    }
  }
  return fail("insufficient_balance");
}
