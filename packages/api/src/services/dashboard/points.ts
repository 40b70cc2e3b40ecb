import { and, eq, gte, lt, or, sql, sum, type SQLWrapper } from "drizzle-orm";
import {
  FUND_RATE_WEEKS,
  fundWeeks,
  monthEndBalances,
  snapshot,
  summariseMonths,
  summaryCells,
  monthlyTotal,
  type AccountKey,
  type MonthCell,
  type Indicator,
  type MonthlySummary,
  type TransferCell,
} from "@tongxin/core";
import { earnings, ledgerEntries, ledgerTransfers } from "../../db/schema";
import { balanceOf } from "../points/ledger";
import { monthOf, type Place, type Reader } from "./place";

const WEEK_MS = 7 * 86_400_000;
/** The month of an entry after the dashboard's months (the current one, when only the closed months are read): after them all. */
const LATER = "9999-12";

/** `fund:3` → `fund`: what core's transfer kinds read of an account or a cause. */
const kindOf = (column: SQLWrapper) =>
  sql<
    string | null
  >`(case when instr(${column}, ':') > 0 then substr(${column}, 1, instr(${column}, ':') - 1) else ${column} end)`;

/**
 * A community's posted transfers grouped by month, account kinds and cause: the rows of the points admin's monthly
 * summary (`communityTransfers`: its fund and store, and donations to its households) that issued, earned, spent and
 * donated count, added up in SQL. Found through the entries of the window (an entry is written when its transfer
 * posts), so a month reads its own transfers, never the fund's whole history.
 */
async function transferCells(db: Reader, communityId: number, months: readonly string[], window: [number, number]) {
  const accounts = [`fund:${communityId}`, `store:${communityId}`];
  const when = sql`coalesce(${ledgerTransfers.settledAt}, ${ledgerTransfers.createdAt})`;
  const month = monthOf(when, months);
  const debit = kindOf(ledgerTransfers.debit);
  const credit = kindOf(ledgerTransfers.credit);
  const cause = kindOf(ledgerTransfers.cause);
  const rows = await db
    .select({ month, debit, credit, cause, state: ledgerTransfers.state, amount: sum(ledgerTransfers.amount) })
    .from(ledgerTransfers)
    .where(
      and(
        or(
          sql`${ledgerTransfers.id} in (select transfer_id from ledger_entries where account in (${sql.join(
            accounts.map((a) => sql`${a}`),
            sql`, `,
          )}) and created_at >= ${window[0]} and created_at < ${window[1]})`,
          sql`${ledgerTransfers.id} in (select transfer_id from donations where community_id = ${communityId})`,
        ),
        eq(ledgerTransfers.state, "posted"),
        sql`${when} >= ${window[0]}`,
        sql`${when} < ${window[1]}`,
      ),
    )
    .groupBy(month, debit, credit, cause, ledgerTransfers.state);
  return rows.map(
    (r): TransferCell => ({
      month: r.month ?? "",
      debit: `${r.debit}:0` as AccountKey,
      credit: `${r.credit}:0` as AccountKey,
      cause: r.cause,
      state: r.state,
      amount: Number(r.amount ?? 0),
    }),
  );
}

/** What the account paid out over core's FUND_RATE_WEEKS up to now: the rate `fundWeeks` reads (dashboard and 预警). */
export async function paidOutRecently(db: Reader, account: AccountKey, now: number): Promise<number> {
  const [out] = await db
    .select({ n: sum(ledgerEntries.amount) })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.account, account),
        gte(ledgerEntries.createdAt, now - FUND_RATE_WEEKS * WEEK_MS),
        lt(ledgerEntries.amount, 0),
      ),
    );
  return -Number(out?.n ?? 0);
}

/** The fund now, its net flow per month (for its month-end balances) and what it paid out over the last weeks. */
async function fund(db: Reader, communityId: number, months: readonly string[], window: [number, number], now: number) {
  const account = `fund:${communityId}` as AccountKey;
  const month = monthOf(ledgerEntries.createdAt, months);
  const flows = await db
    .select({ month, n: sum(ledgerEntries.amount) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, account), gte(ledgerEntries.createdAt, window[0])))
    .groupBy(month);
  const paidOut = await paidOutRecently(db, account, now);
  const [waiting] = await db
    .select({ n: sum(earnings.points) })
    .from(earnings)
    .where(and(eq(earnings.communityId, communityId), eq(earnings.status, "waiting")));
  return {
    balance: await balanceOf(db, account),
    flows: flows.map((f): MonthCell => ({ month: f.month ?? LATER, n: Number(f.n ?? 0) })),
    paidOut,
    waiting: Number(waiting?.n ?? 0),
  };
}

/** The points indicators, community by community: issued, earned, spent in the store, donated, waiting, the fund and how long it lasts. */
export async function pointIndicators(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
): Promise<Indicator[]> {
  const summaries = new Map<number, Map<string, MonthlySummary>>();
  const funds: ({ communityId: number } & Awaited<ReturnType<typeof fund>>)[] = [];
  for (const communityId of place.communityIds) {
    summaries.set(communityId, summariseMonths(await transferCells(db, communityId, months, window), months));
    funds.push({ communityId, ...(await fund(db, communityId, months, window, now)) });
  }
  const dims = place.kind === "street" ? ["community"] : [];
  const split = (n: (f: (typeof funds)[number]) => number | null) =>
    dims.length > 0 ? { community: funds.map((f) => ({ key: String(f.communityId), value: n(f) })) } : undefined;
  const total = (n: (f: (typeof funds)[number]) => number) => funds.reduce((s, f) => s + n(f), 0);
  const available = total((f) => f.balance.available);
  const balances = monthEndBalances(
    available,
    funds.flatMap((f) => f.flows),
    months,
  );
  return [
    monthlyTotal("points_issued", summaryCells(summaries, "issued"), months, dims),
    monthlyTotal("points_earned", summaryCells(summaries, "earned"), months, dims),
    monthlyTotal("points_spent", summaryCells(summaries, "redeemed"), months, dims),
    monthlyTotal("points_donated", summaryCells(summaries, "donated"), months, dims),
    snapshot(
      "points_waiting",
      total((f) => f.waiting),
      split((f) => f.waiting),
    ),
    snapshot(
      "fund_balance",
      available,
      split((f) => f.balance.available),
      balances,
    ),
    snapshot(
      "fund_weeks",
      fundWeeks(
        available,
        total((f) => f.paidOut),
      ),
      split((f) => fundWeeks(f.balance.available, f.paidOut)),
    ),
  ];
}
