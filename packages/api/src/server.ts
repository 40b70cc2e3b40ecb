import { randomUUID } from "node:crypto";
import { serve } from "@hono/node-server";
import { Sessions } from "./auth/session";
import { createApp } from "./app";
import { ConfigError, loadConfig, type ServerConfig } from "./config";
import { openUsableDatabase, StartRefused } from "./db/open";
import { seedDemoIfEmpty } from "./seed/demo";
import { jsonLogger } from "./http/logger";
import { webApp } from "./http/static";
import type { Deps } from "./deps";
import { startJobs } from "./services/scheduler/jobs";
import { readingsOffThread } from "./services/readings/readings";

/**
 * Opens, migrates and (with SEED=demo) seeds the database, then serves the API
 * and the built web app on one port. `now` is the clock the rules read; tests
 * move it to "after the shift" instead of waiting.
 */
export async function startServer(config: ServerConfig, now: () => number = Date.now) {
  const log = jsonLogger(config.logLevel);
  const startMs = performance.now();
  const database = await openUsableDatabase(config.databaseUrl, config.databaseAuthToken);
  if (config.seed === "demo" && (await seedDemoIfEmpty(database.db, now()))) log("info", "seeded demo data");
  // An in-memory database lives on one connection, which another thread cannot open.
  const readings =
    config.databaseUrl === ":memory:"
      ? undefined
      : readingsOffThread(config.databaseUrl, config.databaseAuthToken, log);
  const deps: Deps = {
    database,
    sessions: new Sessions(database),
    now,
    log,
    ...(readings ? { readings } : {}),
    config: {
      trustProxy: config.trustProxy,
      trustedProxies: config.trustedProxies,
      allowedOrigins: config.allowedOrigins,
      publicOrigin: config.publicOrigin,
      channels: config.channels,
    },
  };
  const app = createApp(deps);
  // The sealer, the sweeps and the reminders run on whichever instance holds each job's lease.
  const stopJobs = startJobs(deps, randomUUID());
  const web = webApp(config.webDist);
  if (web) app.use("*", web);
  else log("warn", "web app not built; run `pnpm build` to serve it", { webDist: config.webDist });
  let http: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    http = serve({ fetch: app.fetch, port: config.port }, (info) => resolve(info.port));
  });
  log("info", "listening", { url: `http://localhost:${port}`, startMs: Math.round(performance.now() - startMs) });
  return {
    port,
    /**
     * Stops listening (the port is free again at once, for a restart on it), ends the jobs, then the readings worker
     * once its reads finish, then the database's connections.
     */
    stop: async () => {
      http?.close();
      stopJobs();
      await readings?.close();
      database.close();
    },
  };
}

/** A start refused for a bad setting ends with one line on stderr and exit code 1, not a stack trace. */
async function main() {
  try {
    return await startServer(loadConfig(process.env));
  } catch (error) {
    if (!(error instanceof StartRefused || error instanceof ConfigError)) throw error;
    process.stderr.write(`tongxin: ${error.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { stop } = await main();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void stop().then(() => process.exit(0)));
}
