import { fail, ok, type Result, must } from "./result";

/**
 * Points as a double-entry ledger. Every transfer moves an integer amount from
 * a debit account to a credit account as two entries that sum to zero. Only a
 * street's issuance account may go below zero: it is where points come from.
 */
export const ACCOUNT_KINDS = ["volunteer", "household", "fund", "store", "issuance"] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** `volunteer:12`, `fund:3` (a community), `store:3`, `issuance:1` (a street). */
export type AccountKey = `${AccountKind}:${number}`;
export const kindOf = (account: AccountKey): AccountKind => account.split(":")[0] as AccountKind;

export type TransferState = "pending" | "posted" | "voided";

export type TransferInput = {
  debit: AccountKey;
  credit: AccountKey;
  amount: number;
  reason: string;
  /** What caused it: `hours:81`, `request:7`, `redemption:3`. */
  cause: string | null;
  idempotencyKey: string;
  /** Two-phase (a redemption): reserve now, post or void later. */
  pending: boolean;
};

/** What the rules need to know about the debit account and about an earlier use of the key. */
export type TransferContext = {
  /** Posted balance minus what is reserved by pending transfers out of it. */
  available: number;
  earlier: { input: TransferInput; transferId: number } | null;
};

export type TransferRefusal = "idempotency_conflict" | "invalid_amount" | "same_account" | "insufficient_balance";

const sameContent = (a: TransferInput, b: TransferInput) =>
  a.debit === b.debit &&
  a.credit === b.credit &&
  a.amount === b.amount &&
  a.reason === b.reason &&
  a.cause === b.cause &&
  a.pending === b.pending;

/** Guards in a fixed order: replay, amount, accounts, balance. A replay of the same request returns the first transfer. */
export function decideTransfer(
  input: TransferInput,
  ctx: TransferContext,
): Result<{ replayOf: number | null; state: TransferState }, TransferRefusal> {
  if (ctx.earlier)
    return sameContent(ctx.earlier.input, input)
      ? ok({ replayOf: ctx.earlier.transferId, state: input.pending ? "pending" : "posted" })
      : fail("idempotency_conflict");
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return fail("invalid_amount");
  if (input.debit === input.credit) return fail("same_account");
  if (kindOf(input.debit) !== "issuance" && ctx.available < input.amount) return fail("insufficient_balance");
  return ok({ replayOf: null, state: input.pending ? "pending" : "posted" });
}

/** A reservation is settled once: posted (handed over) or voided (expired, cancelled). */
export function decideSettle(
  state: TransferState,
  outcome: "posted" | "voided",
): Result<{ state: "posted" | "voided" }, "not_pending"> {
  if (state !== "pending") return fail("not_pending");
  return ok({ state: outcome });
}

export type Entry = { transferId: number; account: AccountKey; amount: number };

/** The two entries of a transfer: out of the debit account, into the credit account. */
export const entriesOf = (
  transferId: number,
  input: Pick<TransferInput, "debit" | "credit" | "amount">,
): [Entry, Entry] => [
  { transferId, account: input.debit, amount: -input.amount },
  { transferId, account: input.credit, amount: input.amount },
];

export type Verification = {
  entries: number;
  sum: number;
  negative: AccountKey[];
  unbalanced: number[];
  balances: Map<AccountKey, number>;
};

/** Recomputes every balance from the entries: all entries sum to zero, every transfer has two, nothing but issuance is negative. */
export function verify(entries: readonly Entry[]): Verification {
  const balances = new Map<AccountKey, number>();
  const perTransfer = new Map<number, { count: number; sum: number }>();
  let sum = 0;
  for (const e of entries) {
    balances.set(e.account, (balances.get(e.account) ?? 0) + e.amount);
    const t = perTransfer.get(e.transferId) ?? { count: 0, sum: 0 };
    perTransfer.set(e.transferId, { count: t.count + 1, sum: t.sum + e.amount });
    sum += e.amount;
  }
  const negative = [...balances]
    .filter(([account, balance]) => balance < 0 && kindOf(account) !== "issuance")
    .map(([account]) => account);
  const unbalanced = [...perTransfer].filter(([, t]) => t.count !== 2 || t.sum !== 0).map(([id]) => id);
  return { entries: entries.length, sum, negative, unbalanced, balances };
}

/**
 * An in-memory book applying the rules: what the API does in a database
 * transaction, used here to check the rules against a simple model.
 * Pending transfers hold their entries back until posted.
 */
export class Book {
  readonly entries: Entry[] = [];
  private readonly transfers = new Map<number, { input: TransferInput; state: TransferState }>();
  private readonly byKey = new Map<string, number>();
  private nextId = 1;

  posted(account: AccountKey): number {
    return this.entries.reduce((sum, e) => (e.account === account ? sum + e.amount : sum), 0);
  }

  available(account: AccountKey): number {
    let reserved = 0;
    for (const t of this.transfers.values())
      if (t.state === "pending" && t.input.debit === account) reserved += t.input.amount;
    return this.posted(account) - reserved;
  }

  transfer(input: TransferInput) {
    const earlierId = this.byKey.get(input.idempotencyKey);
    const earlier =
      earlierId === undefined ? null : { input: must(this.transfers.get(earlierId)).input, transferId: earlierId };
    const decided = decideTransfer(input, { available: this.available(input.debit), earlier });
    if (!decided.ok || decided.replayOf !== null)
      return decided.ok ? ok({ transferId: must(decided.replayOf), replayed: true }) : decided;
    const transferId = this.nextId++;
    this.transfers.set(transferId, { input, state: decided.state });
    this.byKey.set(input.idempotencyKey, transferId);
    if (decided.state === "posted") this.entries.push(...entriesOf(transferId, input));
    return ok({ transferId, replayed: false });
  }

  settle(transferId: number, outcome: "posted" | "voided") {
    const t = this.transfers.get(transferId);
    if (!t) return fail("not_found" as const);
    const decided = decideSettle(t.state, outcome);
    if (!decided.ok) return decided;
    t.state = decided.state;
    if (decided.state === "posted") this.entries.push(...entriesOf(transferId, t.input));
    return ok({ state: decided.state });
  }
}

export type CachedBalance = { account: AccountKey; posted: number; reserved: number };

/** Accounts whose cached balance differs from what the entries and open reservations say. */
export function cacheDiscrepancies(
  posted: ReadonlyMap<AccountKey, number>,
  reserved: ReadonlyMap<AccountKey, number>,
  cached: readonly CachedBalance[],
): AccountKey[] {
  const byAccount = new Map(cached.map((c) => [c.account, c]));
  const accounts = new Set<AccountKey>([...posted.keys(), ...reserved.keys(), ...byAccount.keys()]);
  return [...accounts]
    .filter(
      (a) =>
        (byAccount.get(a)?.posted ?? 0) !== (posted.get(a) ?? 0) ||
        (byAccount.get(a)?.reserved ?? 0) !== (reserved.get(a) ?? 0),
    )
    .sort();
}
