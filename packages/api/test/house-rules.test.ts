import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The house rules fail on a planted breach. Lint and format run with the repository's own
 * biome.json over planted files laid out at the paths the rules name, in a folder outside the
 * work tree; knip runs over the work tree itself with two planted files, removed afterwards.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const knipMsMax = 120_000;

type Finding = { rule: string; file: string };

/** Runs biome over a tree of planted files; returns each finding as (rule, relative path). */
function biome(command: "lint" | "format", files: Record<string, string>): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), "house-rules-"));
  try {
    copyFileSync(join(root, "biome.json"), join(dir, "biome.json"));
    for (const [path, code] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), code);
    }
    const run = spawnSync(
      bin("biome"),
      [command, "--vcs-enabled=false", "--reporter=github", "--max-diagnostics=100", "."],
      { cwd: dir, encoding: "utf8" },
    );
    return [...run.stdout.matchAll(/^::error title=([^,]+),file=([^,]+),/gm)].map(([, rule = "", file = ""]) => ({
      rule,
      file: file.slice(dir.length + 1),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const planted: Record<string, string> = {
  "packages/core/src/node-builtin.ts": 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n',
  "packages/core/src/bare-builtin.ts": 'import { join } from "path";\nexport const joined = join("a", "b");\n',
  "packages/core/src/imports-api.ts": 'import { app } from "@tongxin/api";\nexport const server = app;\n',
  "packages/core/src/imports-hono.ts": 'import { Hono } from "hono";\nexport const web = new Hono();\n',
  "packages/api/src/routes/imports-drizzle.ts": 'import { eq } from "drizzle-orm";\nexport const equal = eq;\n',
  "packages/api/src/routes/imports-db.ts": 'import type { Db } from "../db/client";\nexport type Handle = Db;\n',
  "packages/api/src/services/x/imports-hono.ts":
    'import { HTTPException } from "hono/http-exception";\nexport const refuse = () => new HTTPException(400);\n',
  "packages/api/src/services/x/imports-http.ts":
    'import { errorBody } from "../../http/errors";\nexport const body = errorBody;\n',
  "packages/api/src/services/x/asserts.ts": "export const first = (rows: number[]) => rows[0]!;\n",
  "packages/web/src/asserts.ts": "export const first = (rows: number[]) => rows[0]!;\n",
  // Within the rules: a service reads the database, a route test sets up rows, core uses its own modules.
  "packages/api/src/services/x/reads.ts":
    'import { eq } from "drizzle-orm";\nimport { ok } from "@tongxin/core";\nexport const found = () => ok({ eq });\n',
  "packages/api/src/routes/fixtures.test.ts":
    'import { eq } from "drizzle-orm";\nimport { users } from "../db/schema";\nexport const where = eq(users.id, 1);\n',
  "packages/core/src/pure.ts": 'import { ok } from "./result";\nexport const done = ok({});\n',
};

describe("the linter", () => {
  let findings: Finding[];
  beforeAll(() => {
    findings = biome("lint", planted);
  });
  const rulesOf = (file: string) => findings.filter((f) => f.file === file).map((f) => f.rule);

  it.each([
    ["packages/core/src/node-builtin.ts", "lint/correctness/noNodejsModules"],
    ["packages/core/src/bare-builtin.ts", "lint/correctness/noNodejsModules"],
    ["packages/core/src/imports-api.ts", "lint/style/noRestrictedImports"],
    ["packages/core/src/imports-hono.ts", "lint/style/noRestrictedImports"],
    ["packages/api/src/routes/imports-drizzle.ts", "lint/style/noRestrictedImports"],
    ["packages/api/src/routes/imports-db.ts", "lint/style/noRestrictedImports"],
    ["packages/api/src/services/x/imports-hono.ts", "lint/style/noRestrictedImports"],
    ["packages/api/src/services/x/imports-http.ts", "lint/style/noRestrictedImports"],
    ["packages/api/src/services/x/asserts.ts", "lint/style/noNonNullAssertion"],
    ["packages/web/src/asserts.ts", "lint/style/noNonNullAssertion"],
  ])("refuses %s with %s", (file, rule) => {
    expect(rulesOf(file)).toContain(rule);
  });

  it.each([
    "packages/api/src/services/x/reads.ts",
    "packages/api/src/routes/fixtures.test.ts",
    "packages/core/src/pure.ts",
  ])("lets %s be", (file) => {
    expect(rulesOf(file)).toEqual([]);
  });
});

describe("the formatter", () => {
  it("refuses a file not written as it would write it", () => {
    const findings = biome("format", {
      "packages/core/src/quotes.ts": "export const word = 'single'\n",
      "packages/core/src/kept.ts": 'export const word = "double";\n',
    });
    expect(findings.map((f) => f.file)).toEqual(["packages/core/src/quotes.ts"]);
  });
});

describe("knip", () => {
  const unique = `planted-${process.pid}`;
  const entry = join(root, "packages/api/bench", `${unique}.ts`);
  const module = join(root, "packages/api/src", `${unique}.ts`);
  const orphan = join(root, "packages/core/src", `${unique}.ts`);
  afterAll(() => {
    for (const file of [entry, module, orphan]) rmSync(file, { force: true });
  });

  it(
    "reports a planted unused export and an unused file",
    () => {
      writeFileSync(module, "export const used = 1;\nexport const unusedPlanted = 2;\n");
      writeFileSync(entry, `import { used } from "../src/${unique}";\nconsole.log(used);\n`);
      writeFileSync(orphan, "export const nobody = 1;\n");
      const run = spawnSync(bin("knip"), ["--no-progress", "--reporter", "compact"], { cwd: root, encoding: "utf8" });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toMatch(new RegExp(`src/${unique}\\.ts.*unusedPlanted`));
      expect(run.stdout).toContain(`packages/core/src/${unique}.ts`);
    },
    knipMsMax,
  );
});
