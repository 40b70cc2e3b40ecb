import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULER_LEASE_MS } from "@tongxin/core";
import { DEMO, testApp, type TestApp } from "../../../test/harness";
import type { Deps } from "../../deps";
import { JOBS, runJob } from "./jobs";

let t: TestApp;
let instanceA: Deps;
let instanceB: Deps;
beforeAll(async () => {
  t = await testApp();
  // Two instances: their own deps over the one database, as two API processes behind a load balancer.
  instanceA = { ...t.deps, log: () => {} };
  instanceB = { ...t.deps, log: () => {} };
});
afterAll(() => t.cleanup());

/** One tick of every job on an instance: what each job did there (null: another instance holds it). */
const tick = async (deps: Deps, holder: string) =>
  Object.fromEntries(await Promise.all(JOBS.map(async (job) => [job.name, await runJob(deps, job, holder)] as const)));
const unsealed = async () =>
  Number((await t.database.client.execute("select count(*) n from ledger_entries where hash is null")).rows[0]?.n);

describe("background jobs across instances", () => {
  it("two instances ticking at once run each job once; the demo ledger is sealed once, without gaps", async () => {
    const before = await unsealed();
    expect(before).toBeGreaterThan(0);
    const [a, b] = await Promise.all([tick(instanceA, "instance-a"), tick(instanceB, "instance-b")]);
    for (const job of JOBS) expect([a[job.name], b[job.name]].filter((done) => done === null)).toHaveLength(1);
    expect((a.seal_chain ?? 0) + (b.seal_chain ?? 0)).toBe(before);
    expect(await unsealed()).toBe(0);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.get("/api/points/verify")).json).toMatchObject({ chainBreaks: [], unsealed: 0, sound: true });
  });

  it("only the holder runs while its leases last; when it stops, the other takes every job over once they lapse", async () => {
    const holderOf = async () =>
      Object.fromEntries(
        (await t.database.client.execute("select name, holder from scheduler_leases")).rows.map((r) => [
          r.name,
          r.holder,
        ]),
      );
    // The race may have split the leases; once they lapse, A's next tick takes them all, as after a few ticks.
    t.clock.ms += SCHEDULER_LEASE_MS;
    expect(Object.values(await tick(instanceA, "instance-a")).every((done) => done !== null)).toBe(true);
    t.clock.ms += 10_000;
    expect(Object.values(await tick(instanceB, "instance-b")).every((done) => done === null)).toBe(true);
    // A stops ticking; the sealer's short lease lapses first, the others after theirs.
    t.clock.ms += 30_000;
    const early = await tick(instanceB, "instance-b");
    expect(early.seal_chain).toBe(0);
    expect(early.shift_reminders).toBeNull();
    t.clock.ms += SCHEDULER_LEASE_MS;
    expect(Object.values(await tick(instanceB, "instance-b")).every((done) => done !== null)).toBe(true);
    expect(Object.values(await holderOf()).every((holder) => holder === "instance-b")).toBe(true);
  });
});
