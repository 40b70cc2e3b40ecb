import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("../../drizzle", import.meta.url));
const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
const statementsOf = (tag: string) =>
  readFileSync(join(folder, `${tag}.sql`), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter((s) => s.replace(/^--.*$/gm, "").trim() !== "");

describe("upgrading a database that holds data", () => {
  it("asks every account staff opened before one-time passwords were enforced to set their own password, and no one else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tongxin-upgrade-"));
    const client = createClient({ url: `file:${join(dir, "old.db")}` });
    try {
      const upTo = journal.entries.findIndex((e) => e.tag === "0019_one_time_passwords_before");
      expect(upTo).toBeGreaterThan(0);
      for (const entry of journal.entries.slice(0, upTo))
        for (const statement of statementsOf(entry.tag)) await client.execute(statement);
      await client.execute(
        "INSERT INTO users (id, phone, name, password_hash, created_at) VALUES (1, '13700000001', '网格员', 'x', 0)",
      );
      await client.execute(
        "INSERT INTO users (id, phone, name, password_hash, created_at) VALUES (2, '13700000002', '自己注册', 'x', 0)",
      );
      await client.execute(
        "INSERT INTO users (id, phone, name, password_hash, created_by, created_at) VALUES (3, '13700000003', '代注册', 'x', 1, 0)",
      );
      for (const entry of journal.entries.slice(upTo))
        for (const statement of statementsOf(entry.tag)) await client.execute(statement);
      const rows = await client.execute("SELECT id, must_change_password FROM users ORDER BY id");
      expect(rows.rows.map((r) => [Number(r.id), Number(r.must_change_password)])).toEqual([
        [1, 0],
        [2, 0],
        [3, 1],
      ]);
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
