import type { AccountKey } from "@tongxin/core";
import type { Agent, TestApp } from "./harness";
import { publishedActivity, shiftOn } from "./volunteering";
import { applyTransfer, availableOf } from "../src/services/points/ledger";

let keys = 0;

/** Test setup: points straight from the street's issuance account, as if earned long ago. */
export async function grant(t: TestApp, account: AccountKey, amount: number) {
  const result = await t.database.db.transaction((tx) =>
    applyTransfer(
      tx,
      {
        debit: "issuance:1",
        credit: account,
        amount,
        reason: "测试发放",
        cause: null,
        idempotencyKey: `test-grant-${++keys}-${account}`,
        pending: false,
      },
      null,
      t.clock.ms,
    ),
  );
  if (!result.ok) throw new Error(result.reason);
}

export const key = (label: string) => `${label}-${++keys}-key`;

/** Test setup: empties a community fund back to the street, so earnings have to wait. */
export async function drainFund(t: TestApp, communityId: number) {
  const available = await availableOf(t.database.db, `fund:${communityId}`);
  if (available === 0) return;
  const result = await t.database.db.transaction((tx) =>
    applyTransfer(
      tx,
      {
        debit: `fund:${communityId}`,
        credit: "issuance:1",
        amount: available,
        reason: "测试清空",
        cause: null,
        idempotencyKey: `test-drain-${++keys}`,
        pending: false,
      },
      null,
      t.clock.ms,
    ),
  );
  if (!result.ok) throw new Error(result.reason);
}

/** Hours confirmed for these volunteers on a shift of the demo team: present by hand, the shift's full length. */
export async function confirmedHours(t: TestApp, people: Agent[], day: string, from: string, to: string) {
  const { leader, shiftIds } = await publishedActivity(t, [shiftOn(day, from, to, people.length)]);
  const ids: number[] = [];
  for (const p of people) {
    if ((await p.post(`/api/shifts/${shiftIds[0]}/signups`)).status !== 201) throw new Error("sign-up failed");
    ids.push((await p.get("/api/me")).json.user.id);
  }
  t.clock.ms = Date.parse(`${day}T${from}:00+08:00`) + 60_000;
  for (const userId of ids)
    await leader.post(`/api/shifts/${shiftIds[0]}/attendance`, { userId, attendance: "present" });
  t.clock.ms = Date.parse(`${day}T${to}:00+08:00`) + 60_000;
  const confirmed = await leader.post(`/api/shifts/${shiftIds[0]}/hours`, {
    entries: ids.map((userId) => ({ userId })),
  });
  return { leader, ids, hoursIds: confirmed.json.outcomes.map((o: { hoursId: number }) => o.hoursId) as number[] };
}
