import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "../test/hrana-server";
import { DEMO, testApp, type Agent } from "../test/harness";
import { grant, key } from "../test/points";
import { makeVolunteers, publishedActivity } from "../test/volunteering";
import { openDatabase, type Database } from "./db/client";
import { JOBS } from "./services/scheduler/jobs";

/**
 * Two API processes against one libSQL server endpoint (the loopback Hrana
 * server), as N instances behind a load balancer (decision 0011): the races
 * split across both keep their counts, and the background jobs run once.
 */
const H = 3_600_000;
const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const START_MS_MAX = 60_000;

type Instance = { base: string; child: ChildProcess; output: string[] };
type Answer = { status: number; json: any };

let dir: string;
let hrana: HranaServer;
let reader: Database;
let instances: Instance[] = [];
const fixtures = {} as {
  shiftId: number;
  signers: Agent[];
  requestId: number;
  claimers: Agent[];
  itemId: number;
  redeemers: Agent[];
  remindedShiftId: number;
  reminded: Agent[];
  staff: Agent;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Starts `src/server.ts` as its own process on the shared endpoint; resolves once it listens. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SEED: "none",
    TRUST_PROXY: "1",
    LOG_LEVEL: "info",
    WEB_DIST: join(dir, "no-web"),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start: ${output.join("")}`)), START_MS_MAX);
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('"listening"')) clearTimeout(timer), resolve();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("exit", (code) => (clearTimeout(timer), reject(new Error(`instance exited ${code}: ${output.join("")}`))));
  });
  return { base: `http://127.0.0.1:${port}`, child, output };
}

/** The agent's request sent to an instance over HTTP, as the load balancer would forward it. */
async function send(
  instance: Instance,
  agent: Agent,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${instance.base}${path}`, {
    method,
    headers: {
      ...agent.headers,
      origin: instance.base,
      "content-type": "application/json",
      ...(agent.cookie ? { cookie: agent.cookie } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Sends each agent's request to the instances in turn, all at once. */
const splitAcross = (agents: Agent[], request: (instance: Instance, agent: Agent) => Promise<Answer>) =>
  Promise.all(agents.map((agent, i) => request(instances[i % instances.length] as Instance, agent)));
const countOf = async (sql: string, args: (string | number)[] = []) =>
  Number((await reader.client.execute({ sql, args })).rows[0]?.n);
const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((tally, a) => ({ ...tally, [a.status]: (tally[a.status] ?? 0) + 1 }), {});

/** Shanghai wall-clock date and time of a moment, as shift specs take them. */
const shanghai = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 16).split("T");

/** The fixtures, made fast in file mode; the file is then served to both instances. */
async function prepare(): Promise<string> {
  const t = await testApp();
  t.clock.ms = Date.now(); // the instances read the real clock
  const on = (startsAt: number, capacity: number) => {
    const at = (ms: number) => `${shanghai(ms).join("T")}:00+08:00`;
    return { startsAt: at(startsAt), endsAt: at(startsAt + 2 * H), capacity };
  };
  fixtures.shiftId = (await publishedActivity(t, [on(Date.now() + 72 * H, 20)], { title: "双实例报名" }))
    .shiftIds[0] as number;
  fixtures.signers = await makeVolunteers(t, 200, "51");
  fixtures.requestId = (
    await (
      await t.agent().login(DEMO.resident)
    ).post("/api/requests", { kind: "wish", category: "item", description: "想要一个助行器" })
  ).json.id;
  fixtures.claimers = await makeVolunteers(t, 20, "52", { vouched: true });
  fixtures.itemId = (
    await (
      await t.agent().login(DEMO.communityStaff)
    ).post("/api/communities/1/store/items", { name: "双实例毛巾", pointsPrice: 10, stock: 1 })
  ).json.id;
  fixtures.redeemers = await makeVolunteers(t, 30, "53");
  for (const r of fixtures.redeemers) await grant(t, `volunteer:${(await r.get("/api/me")).json.user.id}`, 100);
  // A shift tomorrow with confirmed volunteers: its day-before reminders are due as soon as the instances start.
  fixtures.remindedShiftId = (await publishedActivity(t, [on(Date.now() + 20 * H, 5)], { title: "双实例提醒" }))
    .shiftIds[0] as number;
  fixtures.reminded = await makeVolunteers(t, 3, "54");
  for (const v of fixtures.reminded)
    expect((await v.post(`/api/shifts/${fixtures.remindedShiftId}/signups`)).json.status).toBe("confirmed");
  fixtures.staff = await t.agent().login(DEMO.communityStaff);
  const [file] = (await t.database.client.execute("select file from pragma_database_list where name = 'main'")).rows;
  await t.database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const served = join(dir, "served.db");
  copyFileSync(String(file?.file), served);
  t.cleanup();
  return served;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tongxin-instances-"));
  hrana = await startHranaServer(await prepare());
  reader = openDatabase(hrana.url);
  instances = await Promise.all([startInstance(hrana.url), startInstance(hrana.url)]);
}, 180_000);

afterAll(async () => {
  for (const { child } of instances) child.kill("SIGTERM");
  reader?.close();
  await hrana?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("two API processes on one libSQL server", () => {
  it("200 sign-ups for 20 places split across both: exactly 20 confirmed, the rest waitlisted, none fails", async () => {
    const answers = await splitAcross(fixtures.signers, (instance, agent) =>
      send(instance, agent, "POST", `/api/shifts/${fixtures.shiftId}/signups`, {}),
    );
    expect(statuses(answers)).toEqual({ 201: 200 });
    expect(answers.filter((a) => a.json.status === "confirmed")).toHaveLength(20);
    expect(
      await countOf("select count(*) n from signups where shift_id = ? and status = 'confirmed'", [fixtures.shiftId]),
    ).toBe(20);
    expect(await countOf("select taken n from shifts where id = ?", [fixtures.shiftId])).toBe(20);
  }, 60_000);

  it("20 claims of one request split across both: one holder", async () => {
    const answers = await splitAcross(fixtures.claimers, (instance, agent) =>
      send(instance, agent, "POST", `/api/requests/${fixtures.requestId}/claim`, {}),
    );
    expect(statuses(answers)).toEqual({ 200: 1, 409: 19 });
    expect(
      await countOf("select count(*) n from request_holds where request_id = ? and ended_at is null", [
        fixtures.requestId,
      ]),
    ).toBe(1);
  }, 60_000);

  it("30 redemptions of an item with stock 1 split across both: one", async () => {
    const answers = await splitAcross(fixtures.redeemers, (instance, agent) =>
      send(
        instance,
        agent,
        "POST",
        `/api/store/items/${fixtures.itemId}/redemptions`,
        {},
        { "idempotency-key": key("instances") },
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 409: 29 });
    expect(await countOf("select stock n from store_items where id = ?", [fixtures.itemId])).toBe(0);
    expect(await countOf("select count(*) n from redemptions where item_id = ?", [fixtures.itemId])).toBe(1);
  }, 60_000);

  it("the sealer and the reminders run once across both: the chain seals without gaps or forks, each reminder goes out once", async () => {
    for (
      const deadline = Date.now() + 30_000;
      (await countOf("select count(*) n from ledger_entries where hash is null")) > 0;
    ) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const report = await send(instances[1] as Instance, fixtures.staff, "GET", "/api/points/verify");
    expect(report.json).toMatchObject({ chainBreaks: [], unsealed: 0, sum: 0, sound: true });
    expect(await countOf("select count(distinct prev_hash) - count(*) n from ledger_entries")).toBe(0);
    const reminders = await countOf(
      "select count(*) n from notifications where kind = 'shift_reminder' and json_extract(payload, '$.shiftId') = ?",
      [fixtures.remindedShiftId],
    );
    expect(reminders).toBe(fixtures.reminded.length);
    expect(await countOf("select count(*) n from scheduler_leases")).toBe(JOBS.length); // every job ran under its lease
    for (const { output } of instances) expect(output.join("")).not.toMatch(/"level":"error"/);
  }, 60_000);
});
