import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "../test/harness";
import { makeReadOnly } from "../test/read-only";

const API_DIR = new URL("..", import.meta.url).pathname;

/** Starts `src/server.ts` as `pnpm start` would, and collects what it says until it exits. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: API_DIR,
      env: { ...process.env, SEED: "none", PORT: "45999", ...env },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

function expectOneLine(result: { code: number | null; stderr: string }, url: string, reason: RegExp) {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`cannot use DATABASE_URL ${url}: `);
  expect(lines[0]).toMatch(reason);
}

describe("start-up refuses a bad DATABASE_URL with one clear line", () => {
  let dir: string;
  const undo: (() => void)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tongxin-start-"));
  });
  afterAll(() => {
    for (const fn of undo.reverse()) fn();
    rmSync(dir, { recursive: true, force: true });
  });

  it("an unknown scheme", async () => {
    expectOneLine(
      await start({ DATABASE_URL: "ftp://example.com/tongxin.db" }),
      "ftp://example.com/tongxin.db",
      /URL_SCHEME_NOT_SUPPORTED/,
    );
  }, 60_000);

  it("a folder that cannot be made (a file stands in its way)", async () => {
    writeFileSync(join(dir, "plain-file"), "");
    const url = `file:${join(dir, "plain-file", "data", "tongxin.db")}`;
    expectOneLine(await start({ DATABASE_URL: url }), url, /ENOTDIR/);
  }, 60_000);

  it("a folder nobody may write in", async () => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    undo.push(makeReadOnly(locked));
    const url = `file:${join(locked, "tongxin.db")}`;
    expectOneLine(await start({ DATABASE_URL: url }), url, /SQLITE_CANTOPEN|unable to open/i);
  }, 60_000);

  it("a read-only database file", async () => {
    const temp = await tempDatabase();
    temp.database.close();
    undo.push(temp.cleanup);
    undo.push(makeReadOnly(temp.path));
    const url = `file:${temp.path}`;
    expectOneLine(await start({ DATABASE_URL: url }), url, /readonly/i);
  }, 60_000);

  it("an unreachable server, without printing its token", async () => {
    const port = await closedPort();
    const result = await start({
      DATABASE_URL: `http://127.0.0.1:${port}/?authToken=sekrit-in-url`,
      DATABASE_AUTH_TOKEN: "sekrit-in-env",
    });
    expectOneLine(result, `http://127.0.0.1:${port}/?authToken=***`, /ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/sekrit/);
  }, 60_000);
});
