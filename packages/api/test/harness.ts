import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sessions } from "../src/auth/session";
import { createApp } from "../src/app";
import { checkedAgainstContract } from "./contract";
import { migrateDatabase, openDatabase, type Database, type DatabaseLimits } from "../src/db/client";
import { inject } from "vitest";
import { TEST_START_MS } from "./clock";
import type { Config, Deps } from "../src/deps";
import { must } from "@tongxin/core";

const ORIGIN = "http://localhost";

/** A migrated database in a fresh temporary file (file mode, like production). */
export async function tempDatabase(
  from?: string,
  limits?: Partial<DatabaseLimits>,
): Promise<{ database: Database; path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-test-"));
  const path = join(dir, "test.db");
  if (from) copyFileSync(from, path);
  const database = openDatabase(`file:${path}`, undefined, limits);
  await migrateDatabase(database);
  return {
    database,
    path,
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** The real app over a temporary database: a copy of the demo street seeded once per run (test/global-setup.ts), or empty. */
export async function testApp(
  options: { seed?: boolean; config?: Partial<Config>; limits?: Partial<DatabaseLimits> } = {},
) {
  const { database, path, cleanup } = await tempDatabase(
    options.seed === false ? undefined : inject("demoDatabase"),
    options.limits,
  );
  const clock = { ms: TEST_START_MS };
  const deps: Deps = {
    database,
    sessions: new Sessions(database),
    now: () => clock.ms,
    log: () => {},
    config: { trustProxy: true, allowedOrigins: [], ...options.config },
  };
  const app = checkedAgainstContract(createApp(deps));
  return { app, deps, database, path, clock, cleanup, agent: () => new Agent(app) };
}

type Body = Record<string, unknown> | string;

let agents = 0;

/**
 * A browser-like client: keeps the session cookie, sends Origin on unsafe
 * requests, and comes from its own address (as the proxy forwards it), as
 * people do; per-address limits are tested by setting one address on purpose.
 */
export class Agent {
  cookie: string | null = null;
  headers: Record<string, string> = { "x-forwarded-for": `10.255.${(++agents >> 8) & 255}.${agents & 255}` };

  constructor(private readonly app: ReturnType<typeof createApp>) {}

  async request(method: string, path: string, body?: Body, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...this.headers, ...headers } };
    const h = init.headers as Record<string, string>;
    if (method !== "GET") h.origin ??= ORIGIN;
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined) {
      h["content-type"] ??= "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await this.app.request(`${ORIGIN}${path}`, init);
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      this.cookie = must(pair).endsWith("=") ? null : must(pair);
    }
    const text = await res.text();
    // A download (a calendar, a spreadsheet) is no JSON: its text stands in for the body.
    const isJson = /^application\/json\b/.test(res.headers.get("content-type") ?? "");
    const json = text ? (isJson ? (JSON.parse(text) as any) : text) : null;
    return { status: res.status, json, headers: res.headers };
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body: Body = {}, headers?: Record<string, string>) => this.request("POST", path, body, headers);
  patch = (path: string, body: Body) => this.request("PATCH", path, body);
  put = (path: string, body: Body) => this.request("PUT", path, body);
  delete = (path: string) => this.request("DELETE", path);

  async login(phone: string, password = "demo12345") {
    const res = await this.post("/api/auth/login", { phone, password });
    if (res.status !== 200) throw new Error(`login ${phone} failed: ${res.status} ${JSON.stringify(res.json)}`);
    return this;
  }

  /** Signs in with a one-time password and sets the person's own, as the forced change asks before anything else. */
  async firstLogin(phone: string, oneTimePassword: string, ownPassword = "demo12345") {
    await this.login(phone, oneTimePassword);
    const res = await this.post("/api/auth/password", { currentPassword: oneTimePassword, newPassword: ownPassword });
    if (res.status !== 200)
      throw new Error(`password change for ${phone} failed: ${res.status} ${JSON.stringify(res.json)}`);
    return this;
  }
}

export const DEMO = {
  streetAdmin: "13800000001",
  communityStaff: "13800000002",
  committeeMember: "13800000003",
  gridWorker: "13800000004",
  teamLeader: "13800000005",
  volunteer: "13800000006",
  resident: "13800000007",
  committeeMember2: "13800000008",
} as const;
