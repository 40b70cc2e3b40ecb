import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { TEST_START_MS } from "./clock";

declare module "vitest" {
  export interface ProvidedContext {
    demoDatabase: string;
  }
}

/** Seeds the demo street once per run; each test file starts from a copy of it (see `testApp`). */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-demo-"));
  const path = join(dir, "demo.db");
  const database = openDatabase(`file:${path}`);
  await migrateDatabase(database);
  await seedDemoIfEmpty(database.db, TEST_START_MS);
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  project.provide("demoDatabase", path);
  return () => rmSync(dir, { recursive: true, force: true });
}
