import type { AccountKey } from "@tongxin/core";
import type { TestApp } from "./harness";
import { applyTransfer } from "../src/services/points/ledger";

let keys = 0;

/** Test setup: points straight from the street's issuance account, as if earned long ago. */
export async function grant(t: TestApp, account: AccountKey, amount: number) {
  const result = await t.database.db.transaction((tx) => applyTransfer(tx, { debit: "issuance:1", credit: account, amount, reason: "测试发放", cause: null, idempotencyKey: `test-grant-${++keys}-${account}`, pending: false }, null, t.clock.ms));
  if (!result.ok) throw new Error(result.reason);
}

export const key = (label: string) => `${label}-${++keys}-key`;
