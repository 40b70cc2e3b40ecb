import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let actorId: number;
beforeAll(async () => {
  t = await testApp();
  actorId = await userIdOf(t, DEMO.communityStaff);
});
afterAll(() => t.cleanup());

const REFUSED = /ledger transfers (change once|are immutable)/;
let seq = 0;

/** A transfer written straight into the table (no entries): only the triggers on ledger_transfers are under test. */
async function transfer(state: "pending" | "posted" | "voided"): Promise<number> {
  const settledAt = state === "pending" ? null : 2_000;
  const row = await t.database.client.execute({
    sql: "insert into ledger_transfers (debit, credit, amount, state, reason, cause, idempotency_key, two_phase, actor_user_id, created_at, settled_at) values ('fund:1', 'user:1', 10, ?, '测试', 'test', ?, 1, ?, 1000, ?) returning id",
    args: [state, `immutability-${++seq}`, actorId, settledAt],
  });
  return Number(must(row.rows[0]).id);
}

const update = (id: number, set: string) =>
  t.database.client.execute({ sql: `update ledger_transfers set ${set} where id = ?`, args: [id] });

/** Every change but the one legal settle, valid for the table's own checks so only the trigger can refuse it. */
const EDITS = [
  { change: "the amount", set: "amount = 11" },
  { change: "the debit account", set: "debit = 'fund:2'" },
  { change: "the credit account", set: "credit = 'user:2'" },
  { change: "the reason", set: "reason = '改过'" },
  { change: "the cause", set: "cause = 'other'" },
  { change: "the cause to nothing", set: "cause = null" },
  { change: "the idempotency key", set: "idempotency_key = idempotency_key || '-x'" },
  { change: "two-phase", set: "two_phase = 0" },
  { change: "the actor", set: "actor_user_id = null" },
  { change: "the creation time", set: "created_at = 999" },
  { change: "the id", set: "id = id + 100000" },
];

describe("ledger transfers change once, from pending to posted or voided, and nothing else", () => {
  it.each([
    ...EDITS.map((e) => ({ ...e, set: `${e.set}, state = state` })),
    { change: "back to pending", set: "state = 'pending', settled_at = null" },
    { change: "back to pending, keeping the settle time", set: "state = 'pending'" },
    { change: "posted to voided", set: "state = 'voided', settled_at = 3000" },
    { change: "the settle time", set: "settled_at = 3000" },
    { change: "nothing (a no-op update)", set: "state = state" },
  ])("a posted transfer refuses $change", async ({ set }) => {
    const id = await transfer("posted");
    await expect(update(id, set)).rejects.toThrow(REFUSED);
  });

  it.each([
    { change: "voided to posted", set: "state = 'posted', settled_at = 3000" },
    { change: "voided to pending", set: "state = 'pending', settled_at = null" },
    { change: "the amount", set: "amount = 11" },
  ])("a voided transfer refuses $change", async ({ set }) => {
    const id = await transfer("voided");
    await expect(update(id, set)).rejects.toThrow(REFUSED);
  });

  it.each([
    ...EDITS.map((e) => ({
      change: `${e.change} while settling`,
      set: `${e.set}, state = 'posted', settled_at = 3000`,
    })),
    ...EDITS.map((e) => ({ change: `${e.change} while still pending`, set: e.set })),
    { change: "pending to pending", set: "state = 'pending'" },
    { change: "pending to pending with a settle time", set: "state = 'pending', settled_at = 3000" },
    { change: "posting without a settle time", set: "state = 'posted'" },
    { change: "voiding without a settle time", set: "state = 'voided'" },
  ])("a pending transfer refuses $change", async ({ set }) => {
    const id = await transfer("pending");
    await expect(update(id, set)).rejects.toThrow(REFUSED);
  });

  it.each(["pending", "posted", "voided"] as const)("a %s transfer cannot be deleted", async (state) => {
    const id = await transfer(state);
    await expect(
      t.database.client.execute({ sql: "delete from ledger_transfers where id = ?", args: [id] }),
    ).rejects.toThrow(REFUSED);
  });

  it.each(["posted", "voided"] as const)(
    "a pending transfer settles once as %s, with its settle time, and stays so",
    async (state) => {
      const id = await transfer("pending");
      await update(id, `state = '${state}', settled_at = 3000`);
      const [row] = (
        await t.database.client.execute({
          sql: "select state, settled_at, amount from ledger_transfers where id = ?",
          args: [id],
        })
      ).rows;
      expect({ ...row }).toEqual({ state, settled_at: 3000, amount: 10 });
      await expect(update(id, "state = 'pending', settled_at = null")).rejects.toThrow(REFUSED);
    },
  );
});
