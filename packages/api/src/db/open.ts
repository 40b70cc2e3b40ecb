import { migrateDatabase, openDatabase, probeWrite, type Database } from "./client";

const START_PROBE_MS_MAX = 10_000;

/** The start cannot go on; its message is the one line an operator reads. */
export class StartRefused extends Error {}

/** The URL as an operator may see it in a log: no token, no password. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const secrets = [...parsed.searchParams.keys()].filter((key) => /token|password|key/i.test(key));
    if (secrets.length === 0 && !parsed.password) return url;
    for (const key of secrets) parsed.searchParams.set(key, "***");
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

const innermost = (error: unknown): string => {
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
};

/** Opens and migrates the database and commits one write, or refuses the start naming the URL and why. */
export async function openUsableDatabase(url: string, authToken: string | undefined): Promise<Database> {
  let database: Database | undefined;
  try {
    database = openDatabase(url, authToken);
    await migrateDatabase(database);
    const probe = await probeWrite(database, START_PROBE_MS_MAX);
    if (!probe.ok) throw new Error(probe.reason);
    return database;
  } catch (error) {
    database?.close();
    throw new StartRefused(`cannot use DATABASE_URL ${redactUrl(url)}: ${innermost(error)}`);
  }
}
