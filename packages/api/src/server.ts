import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Sessions } from "./auth/session";
import { createApp } from "./app";
import { loadConfig, type ServerConfig } from "./config";
import { migrateDatabase, openDatabase } from "./db/client";
import { seedDemoIfEmpty } from "./seed/demo";
import { jsonLogger } from "./http/logger";
import type { Deps } from "./deps";
import { closeUnconfirmed } from "./services/request/sweep";
import { expireReservations } from "./services/store/expire";
import { sealChain } from "./services/points/seal";
import { sendShiftReminders } from "./services/reminder/send";

const SWEEP_INTERVAL_MS = 10 * 60_000;
const SEAL_INTERVAL_MS = 2_000;
const REMINDER_INTERVAL_MS = 60_000;

/**
 * Opens, migrates and (with SEED=demo) seeds the database, then serves the API
 * and the built web app on one port. `now` is the clock the rules read; tests
 * move it to "after the shift" instead of waiting.
 */
export async function startServer(config: ServerConfig, now: () => number = Date.now) {
  const log = jsonLogger(config.logLevel);
  const startMs = performance.now();
  const database = openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  if (config.seed === "demo" && (await seedDemoIfEmpty(database.db, now()))) log("info", "seeded demo data");
  const deps: Deps = {
    database,
    sessions: new Sessions(database),
    now,
    log,
    config: { trustProxy: config.trustProxy, trustedProxies: config.trustedProxies, allowedOrigins: config.allowedOrigins },
  };
  const app = createApp(deps);
  // Done requests nobody confirms close after 7 days, store reservations expire after 14;
  // every instance may sweep, each change happens once.
  const sweep = () =>
    void closeUnconfirmed(deps)
      .then(() => expireReservations(deps))
      .catch((error: unknown) => log("error", "sweep failed", { error: String(error) }));
  sweep();
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweeper.unref();
  // Shift reminders: the instance holding the lease sends what is due, including what came due while all were down.
  const holder = randomUUID();
  const remind = () => void sendShiftReminders(deps, holder).catch((error: unknown) => log("error", "reminders failed", { error: String(error) }));
  remind();
  const reminder = setInterval(remind, REMINDER_INTERVAL_MS);
  reminder.unref();
  // Transfers are written unsealed; the chain catches up within seconds (and before any head is read).
  const sealer = setInterval(() => void sealChain(database.client).catch((error: unknown) => log("error", "seal failed", { error: String(error) })), SEAL_INTERVAL_MS);
  sealer.unref();
  if (existsSync(config.webDist)) {
    const root = relative(process.cwd(), config.webDist);
    const indexHtml = readFileSync(`${config.webDist}/index.html`, "utf8");
    app.use("/*", serveStatic({ root }));
    // Client-side routes (/login, /admin/…) all load the single page.
    app.get("*", (c) => c.html(indexHtml));
  } else {
    log("warn", "web app not built; run `pnpm build` to serve it", { webDist: config.webDist });
  }
  const port = await new Promise<number>((resolve) => {
    serve({ fetch: app.fetch, port: config.port }, (info) => resolve(info.port));
  });
  log("info", "listening", { url: `http://localhost:${port}`, startMs: Math.round(performance.now() - startMs) });
  return {
    port,
    stop: () => {
      clearInterval(sweeper);
      clearInterval(sealer);
      clearInterval(reminder);
      database.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { stop } = await startServer(loadConfig(process.env));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stop(), process.exit(0)));
}
