import { randomInt } from "node:crypto";
import {
  decideRedemption,
  fail,
  ok,
  pickupCode,
  reservationExpiresAt,
  shanghaiMonth,
  shanghaiMonthRange,
} from "@tongxin/core";
import { isConstraintViolation } from "../../db/errors";
import type { Call } from "../call";
import { toIso } from "../../time";

/**
 * The redemption hot path (decision 0006): one statement reads the facts, core
 * decides, and three self-guarding statements go through group commit:
 * take the stock (only while it lasts, the balance covers the price and the
 * month's limit holds), record the redemption, reserve the points as a
 * pending transfer. The CHECKs on stock and on balances back every guard.
 */
const FACTS = `
select i.id, i.community_id, i.active, i.points_price, i.stock, i.monthly_limit, u.community_id as user_community,
  coalesce((select posted - reserved from ledger_balances where account = :account), 0) as available,
  coalesce((select sum(quantity) from redemptions r where r.user_id = :user and r.item_id = i.id and r.reserved_at >= :monthStart and r.reserved_at < :monthEnd and r.status <> 'expired'), 0) as redeemed,
  (select json_object('id', r.id, 'itemId', r.item_id, 'quantity', r.quantity, 'points', r.points, 'code', r.code, 'status', r.status, 'expiresAt', r.expires_at)
     from redemptions r where r.user_id = :user and r.idempotency_key = :key) as earlier
from store_items i join users u on u.id = :user
where i.id = :item`;

const TAKE_STOCK = `
update store_items set stock = stock - :quantity, updated_at = :now
where id = :item and active = 1 and stock >= :quantity
  and coalesce((select posted - reserved from ledger_balances where account = :account), 0) >= :points
  and (:limit is null or coalesce((select sum(quantity) from redemptions r where r.user_id = :user and r.item_id = :item and r.reserved_at >= :monthStart and r.reserved_at < :monthEnd and r.status <> 'expired'), 0) + :quantity <= :limit)`;

const RECORD = `
insert into redemptions (item_id, community_id, user_id, quantity, points, code, status, idempotency_key, reserved_at, expires_at)
select :item, :community, :user, :quantity, :points, :code, 'reserved', :key, :now, :expires where changes() = 1
returning id`;

const RESERVE = `
insert into ledger_transfers (debit, credit, amount, state, reason, cause, idempotency_key, two_phase, actor_user_id, created_at)
select :account, :store, :points, 'pending', '爱心超市兑换：' || (select name from store_items where id = :item) || ' × ' || cast(:quantity as integer), 'redemption:' || last_insert_rowid(), 'redemption:' || last_insert_rowid(), 1, :user, :now where changes() = 1`;

type FactsRow = {
  community_id: number;
  active: number;
  points_price: number;
  stock: number;
  monthly_limit: number | null;
  user_community: number | null;
  available: number;
  redeemed: number;
  earlier: string | null;
};
type Earlier = {
  id: number;
  itemId: number;
  quantity: number;
  points: number;
  code: string;
  status: string;
  expiresAt: number;
};

export type RedemptionAnswer = {
  redemptionId: number;
  itemId: number;
  quantity: number;
  points: number;
  code: string;
  status: string;
  expiresAt: string;
  replayed: boolean;
};

const answer = (e: Earlier, replayed: boolean): RedemptionAnswer => ({
  redemptionId: Number(e.id),
  itemId: Number(e.itemId),
  quantity: Number(e.quantity),
  points: Number(e.points),
  code: e.code,
  status: e.status,
  expiresAt: toIso(Number(e.expiresAt)),
  replayed,
});

const CODE_ATTEMPTS = 3;

export async function redeem(
  { deps, actor }: Call,
  itemId: number,
  input: { quantity: number; idempotencyKey: string },
) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const [monthStart, monthEnd] = shanghaiMonthRange(shanghaiMonth(now));
  const base = {
    user: actor.userId,
    item: itemId,
    account: `volunteer:${actor.userId}`,
    key: input.idempotencyKey,
    monthStart,
    monthEnd,
  };
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const facts = (await deps.database.client.execute({ sql: FACTS, args: base })).rows[0] as unknown as
      | FactsRow
      | undefined;
    if (!facts) return fail("not_found");
    if (facts.earlier) {
      const earlier = JSON.parse(facts.earlier) as Earlier;
      // The same key again: the first answer if it asked the same, a refusal if it asked something else.
      return earlier.itemId === itemId && earlier.quantity === input.quantity
        ? ok(answer(earlier, true))
        : fail("idempotency_conflict");
    }
    if (Number(facts.user_community) !== Number(facts.community_id)) return fail("not_in_community");
    const item = {
      active: Number(facts.active) === 1,
      pointsPrice: Number(facts.points_price),
      stock: Number(facts.stock),
      monthlyLimit: facts.monthly_limit === null ? null : Number(facts.monthly_limit),
    };
    const decided = decideRedemption({
      item,
      available: Number(facts.available),
      redeemedThisMonth: Number(facts.redeemed),
      quantity: input.quantity,
    });
    if (!decided.ok) return decided;
    const code = pickupCode(() => randomInt(0, 1_000_000) / 1_000_000);
    const expires = reservationExpiresAt(now);
    const args = {
      ...base,
      community: Number(facts.community_id),
      store: `store:${facts.community_id}`,
      quantity: input.quantity,
      points: decided.points,
      limit: item.monthlyLimit,
      code,
      now,
      expires,
    };
    const results = await deps.database.groupCommit
      .submit([TAKE_STOCK, RECORD, RESERVE].map((sql) => ({ sql, args })))
      .catch((error: unknown) => {
        if (isConstraintViolation(error)) return null; // a code in use, the same key in flight twice, or a lost race: read again
        throw error;
      });
    const row = results?.[1]?.rows[0] as unknown as { id: number } | undefined;
    if (row)
      return ok(
        answer(
          {
            id: Number(row.id),
            itemId,
            quantity: input.quantity,
            points: decided.points,
            code,
            status: "reserved",
            expiresAt: expires,
          },
          false,
        ),
      );
    // Nothing was written: the guards saw other facts than the read (stock gone, balance spent). Decide on fresh ones.
  }
  return fail("stale_version");
}
