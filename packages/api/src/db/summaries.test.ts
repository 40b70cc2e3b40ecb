import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus } from "@tongxin/core";
import { testApp, type TestApp } from "../../test/harness";
import { pick as pickWith, prng } from "../seed/names";

/*
 * The public board's counts (request_counts) and the honor roll's totals
 * (hour_totals) are kept by triggers, not recomputed per view (custom migration
 * 0021_summary_counts). After a seeded random series of writes they must equal
 * a small reference model and a recomputation from the rows.
 */

const STEPS = 400;
const HELD: readonly RequestStatus[] = ["assigned", "claimed", "in_progress", "done"];
const holderOf = (status: RequestStatus) => (HELD.includes(status) ? "volunteer:6" : null);

type Model = {
  requests: Map<number, { communityId: number; status: RequestStatus }>;
  hours: Map<number, { userId: number; minutes: number; live: boolean }>;
  communityOf: Map<number, number | null>;
};

const countsOf = (model: Model) => {
  const counts = new Map<string, number>();
  for (const r of model.requests.values())
    counts.set(`${r.communityId}:${r.status}`, (counts.get(`${r.communityId}:${r.status}`) ?? 0) + 1);
  return counts;
};

const totalsOf = (model: Model) => {
  const totals = new Map<number, { communityId: number | null; minutes: number }>();
  for (const h of model.hours.values()) {
    const t = totals.get(h.userId) ?? { communityId: model.communityOf.get(h.userId) ?? null, minutes: 0 };
    totals.set(h.userId, { ...t, minutes: t.minutes + (h.live ? h.minutes : 0) });
  }
  return totals;
};

describe("summary tables kept by triggers", () => {
  let t: TestApp;
  const run = async (sql: string, args: (string | number | null)[] = []) =>
    (await t.database.client.execute({ sql, args })).rows;

  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.cleanup());

  /** The model starts from the rows the demo street already has (the backfill covered them). */
  async function loadModel(): Promise<Model> {
    const requests = new Map(
      (await run("select id, community_id, status from requests")).map((r) => [
        Number(r.id),
        { communityId: Number(r.community_id), status: r.status as RequestStatus },
      ]),
    );
    const hours = new Map(
      (await run("select id, user_id, minutes, voided_at from service_hours")).map((h) => [
        Number(h.id),
        { userId: Number(h.user_id), minutes: Number(h.minutes), live: h.voided_at === null },
      ]),
    );
    const communityOf = new Map(
      (await run("select id, community_id from users")).map((u) => [
        Number(u.id),
        u.community_id === null ? null : Number(u.community_id),
      ]),
    );
    return { requests, hours, communityOf };
  }

  it("board counts and honor-roll totals equal the model and a recomputation after a random series of writes", async () => {
    const model = await loadModel();
    const signups = await run(
      "select s.id, s.user_id, s.shift_id, sh.activity_id from signups s join shifts sh on sh.id = s.shift_id where not exists (select 1 from service_hours h where h.signup_id = s.id)",
    );
    const owner = Number((await run("select id from users where phone = '13800000007'"))[0]?.id);
    const next = prng(12);
    const pick = <T>(items: readonly T[]): T => pickWith(next, items);
    for (let step = 0; step < STEPS; step++) {
      const op = pick(["newRequest", "moveRequest", "confirmHours", "voidHours", "correctHours", "moveUser"] as const);
      if (op === "newRequest") {
        const status = pick(REQUEST_STATUSES);
        const communityId = pick([1, 2]);
        const [row] = await run(
          "insert into requests (community_id, owner_user_id, kind, category, description, status, holder_key, created_at) values (?, ?, 'service', 'plumbing', '修水管', ?, ?, 0) returning id",
          [communityId, owner, status, holderOf(status)],
        );
        model.requests.set(Number(row?.id), { communityId, status });
      } else if (op === "moveRequest" && model.requests.size) {
        const [id, request] = pick([...model.requests]);
        const status = pick(REQUEST_STATUSES);
        await run("update requests set status = ?, holder_key = ? where id = ?", [status, holderOf(status), id]);
        model.requests.set(id, { ...request, status });
      } else if (op === "confirmHours" && signups.length) {
        const [s] = signups.splice(Math.floor(next() * signups.length), 1);
        if (!s) continue;
        const minutes = 30 + Math.floor(next() * 600);
        const [row] = await run(
          "insert into service_hours (signup_id, user_id, shift_id, activity_id, service_date, minutes, default_minutes, confirmed_by, confirmed_at) values (?, ?, ?, ?, '2026-11-30', ?, ?, ?, 0) returning id",
          [Number(s.id), Number(s.user_id), Number(s.shift_id), Number(s.activity_id), minutes, minutes, owner],
        );
        model.hours.set(Number(row?.id), { userId: Number(s.user_id), minutes, live: true });
      } else if ((op === "voidHours" || op === "correctHours") && model.hours.size) {
        const [id, h] = pick([...model.hours]);
        if (!h.live) continue;
        if (op === "voidHours")
          await run("update service_hours set voided_at = 1, voided_by = ?, void_reason = '误登' where id = ?", [
            owner,
            id,
          ]);
        const minutes = op === "correctHours" ? Math.floor(next() * 720) : h.minutes;
        if (op === "correctHours") await run("update service_hours set minutes = ? where id = ?", [minutes, id]);
        model.hours.set(id, { ...h, minutes, live: op !== "voidHours" });
      } else if (op === "moveUser" && model.hours.size) {
        const userId = pick([...new Set([...model.hours.values()].map((h) => h.userId))]);
        const communityId = pick([1, 2]);
        await run("update users set community_id = ? where id = ?", [communityId, userId]);
        model.communityOf.set(userId, communityId);
      }
    }

    const kept = new Map(
      (await run("select community_id, status, n from request_counts where n <> 0")).map((r) => [
        `${r.community_id}:${r.status}`,
        Number(r.n),
      ]),
    );
    const recomputed = new Map(
      (await run("select community_id, status, count(*) n from requests group by community_id, status")).map((r) => [
        `${r.community_id}:${r.status}`,
        Number(r.n),
      ]),
    );
    expect(kept).toEqual(countsOf(model));
    expect(kept).toEqual(recomputed);

    const totals = new Map(
      (await run("select user_id, community_id, minutes from hour_totals")).map((r) => [
        Number(r.user_id),
        { communityId: r.community_id === null ? null : Number(r.community_id), minutes: Number(r.minutes) },
      ]),
    );
    const recomputedTotals = new Map(
      (
        await run(
          "select h.user_id, u.community_id, sum(case when h.voided_at is null then h.minutes else 0 end) minutes from service_hours h join users u on u.id = h.user_id group by h.user_id",
        )
      ).map((r) => [
        Number(r.user_id),
        { communityId: r.community_id === null ? null : Number(r.community_id), minutes: Number(r.minutes) },
      ]),
    );
    expect([...totals.values()].filter((x) => x.minutes > 0).length).toBeGreaterThan(3);
    expect(totals).toEqual(totalsOf(model));
    expect(totals).toEqual(recomputedTotals);

    const board = await t.agent().get("/api/public/communities/1/board");
    expect(board.json.counts).toEqual(
      Object.fromEntries([...countsOf(model)].filter(([k]) => k.startsWith("1:")).map(([k, n]) => [k.slice(2), n])),
    );
  });
});
