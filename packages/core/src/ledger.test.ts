import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Book, decideSettle, decideTransfer, verify, type AccountKey, type TransferInput } from "./ledger";
import { must } from "./result";

const input = (over: Partial<TransferInput> = {}): TransferInput => ({
  debit: "fund:1",
  credit: "volunteer:7",
  amount: 30,
  reason: "服务时长",
  cause: "hours:1",
  idempotencyKey: "k1",
  pending: false,
  ...over,
});

describe("transfer rules", () => {
  it.each([
    {
      case: "a zero amount",
      over: { amount: 0 },
      ctx: { available: 100, earlier: null },
      expected: { ok: false, reason: "invalid_amount" },
    },
    {
      case: "a negative amount",
      over: { amount: -5 },
      ctx: { available: 100, earlier: null },
      expected: { ok: false, reason: "invalid_amount" },
    },
    {
      case: "a fractional amount",
      over: { amount: 1.5 },
      ctx: { available: 100, earlier: null },
      expected: { ok: false, reason: "invalid_amount" },
    },
    {
      case: "the same account on both sides",
      over: { credit: "fund:1" as AccountKey },
      ctx: { available: 100, earlier: null },
      expected: { ok: false, reason: "same_account" },
    },
    {
      case: "more than the balance",
      over: { amount: 101 },
      ctx: { available: 100, earlier: null },
      expected: { ok: false, reason: "insufficient_balance" },
    },
    {
      case: "issuance below zero",
      over: { debit: "issuance:1" as AccountKey, credit: "fund:1" as AccountKey },
      ctx: { available: 0, earlier: null },
      expected: { ok: true, replayOf: null, state: "posted" },
    },
    {
      case: "exactly the balance",
      over: { amount: 100 },
      ctx: { available: 100, earlier: null },
      expected: { ok: true, replayOf: null, state: "posted" },
    },
    {
      case: "a reservation",
      over: { pending: true },
      ctx: { available: 100, earlier: null },
      expected: { ok: true, replayOf: null, state: "pending" },
    },
    {
      case: "a replay with the same content",
      over: {},
      ctx: { available: 0, earlier: { input: input(), transferId: 9 } },
      expected: { ok: true, replayOf: 9, state: "posted" },
    },
    {
      case: "a replay with other content",
      over: { amount: 31 },
      ctx: { available: 100, earlier: { input: input(), transferId: 9 } },
      expected: { ok: false, reason: "idempotency_conflict" },
    },
  ])("$case → $expected.ok", ({ over, ctx, expected }) => {
    expect(decideTransfer(input(over), ctx)).toEqual(expected);
  });

  it.each([
    { from: "pending" as const, to: "posted" as const, expected: { ok: true, state: "posted" } },
    { from: "pending" as const, to: "voided" as const, expected: { ok: true, state: "voided" } },
    { from: "posted" as const, to: "posted" as const, expected: { ok: false, reason: "not_pending" } },
    { from: "voided" as const, to: "posted" as const, expected: { ok: false, reason: "not_pending" } },
    { from: "posted" as const, to: "voided" as const, expected: { ok: false, reason: "not_pending" } },
  ])("settling a $from transfer as $to", ({ from, to, expected }) => {
    expect(decideSettle(from, to)).toEqual(expected);
  });

  it("verification finds an unbalanced transfer and a negative account", () => {
    const report = verify([
      { transferId: 1, account: "issuance:1", amount: -50 },
      { transferId: 1, account: "fund:1", amount: 50 },
      { transferId: 2, account: "volunteer:3", amount: -5 },
    ]);
    expect(report).toMatchObject({ sum: -5, negative: ["volunteer:3"], unbalanced: [2] });
  });
});

// Model-based: random operations on the book, checked after every step against plain numbers.
const ACCOUNTS: AccountKey[] = ["fund:1", "volunteer:1", "volunteer:2", "household:1", "store:1"];
const op = fc.oneof(
  fc.record({ type: fc.constant("issue" as const), amount: fc.integer({ min: -5, max: 200 }) }),
  fc.record({
    type: fc.constant("move" as const),
    from: fc.constantFrom(...ACCOUNTS),
    to: fc.constantFrom(...ACCOUNTS),
    amount: fc.integer({ min: -5, max: 120 }),
    pending: fc.boolean(),
    key: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    type: fc.constant("settle" as const),
    pick: fc.nat(),
    outcome: fc.constantFrom("posted" as const, "voided" as const),
  }),
);

describe("the book against a simple model", () => {
  it("keeps sums at zero, nothing negative but issuance, and every balance equal to the model, after every step", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const book = new Book();
        const model = new Map<AccountKey, number>(); // posted balances
        const reserved = new Map<number, { from: AccountKey; to: AccountKey; amount: number; open: boolean }>();
        const seen = new Map<string, { from: AccountKey; to: AccountKey; amount: number; pending: boolean }>();
        const add = (a: AccountKey, n: number) => model.set(a, (model.get(a) ?? 0) + n);
        const available = (a: AccountKey) =>
          (model.get(a) ?? 0) -
          [...reserved.values()].filter((r) => r.open && r.from === a).reduce((s, r) => s + r.amount, 0);
        let issued = 0;
        for (const [i, o] of ops.entries()) {
          if (o.type === "issue") {
            const r = book.transfer({
              debit: "issuance:1",
              credit: "fund:1",
              amount: o.amount,
              reason: "issue",
              cause: null,
              idempotencyKey: `issue-${i}`,
              pending: false,
            });
            expect(r.ok).toBe(o.amount > 0);
            if (o.amount > 0) add("issuance:1", -o.amount), add("fund:1", o.amount), (issued += o.amount);
          } else if (o.type === "move") {
            const key = `move-${o.key}`;
            const request = {
              debit: o.from,
              credit: o.to,
              amount: o.amount,
              reason: "move",
              cause: null,
              idempotencyKey: key,
              pending: o.pending,
            };
            const r = book.transfer(request);
            const earlier = seen.get(key);
            const valid = o.amount > 0 && o.from !== o.to && available(o.from) >= o.amount;
            if (earlier) {
              const same =
                earlier.from === o.from &&
                earlier.to === o.to &&
                earlier.amount === o.amount &&
                earlier.pending === o.pending;
              expect(r.ok).toBe(same);
              if (r.ok) expect(r.replayed).toBe(true);
            } else {
              expect(r.ok).toBe(valid);
              if (r.ok) {
                seen.set(key, { from: o.from, to: o.to, amount: o.amount, pending: o.pending });
                if (o.pending) reserved.set(r.transferId, { from: o.from, to: o.to, amount: o.amount, open: true });
                else add(o.from, -o.amount), add(o.to, o.amount);
              }
            }
          } else {
            const open = [...reserved.entries()];
            if (open.length === 0) continue;
            const [id, r] = must(open[o.pick % open.length]);
            const result = book.settle(id, o.outcome);
            expect(result.ok).toBe(r.open);
            if (result.ok) {
              r.open = false;
              if (o.outcome === "posted") add(r.from, -r.amount), add(r.to, r.amount);
            }
          }
          const report = verify(book.entries);
          expect(report.sum).toBe(0);
          expect(report.negative).toEqual([]);
          expect(report.unbalanced).toEqual([]);
          for (const account of [...ACCOUNTS, "issuance:1" as AccountKey]) {
            expect(book.posted(account)).toBe(model.get(account) ?? 0);
            expect(book.available(account)).toBe(available(account));
            if (account !== "issuance:1") expect(book.available(account)).toBeGreaterThanOrEqual(0);
          }
          expect(issued + (model.get("issuance:1") ?? 0)).toBe(0); // all supply came from issuance
        }
      }),
      { numRuns: 200, seed: 20261127 },
    );
  });
});
