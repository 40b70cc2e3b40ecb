import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client, type InStatement, type Transaction, type TransactionMode } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { MIGRATIONS_FOLDER } from "../config";
import { GroupCommit } from "./group-commit";
import { Lock, type LockLimits } from "./lock";
import { DEFAULT_RETRY, retryWhileLockLost, type RetryPolicy } from "./retry";
import { installStatementCache } from "./statement-cache";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Database = {
  /** Writes, and plain reads (on a file these run on the reader connections, beside the writer). */
  db: Db;
  client: Client;
  groupCommit: GroupCommit;
  isFile: boolean;
  /** Runs `fn` in a read-only transaction: one snapshot, and on a file it never waits for the write lock. */
  read: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  close: () => void;
};

export type DatabaseLimits = {
  lock: LockLimits;
  /** Read transactions open at once on a file's reader connections; more wait as for the lock. */
  readTransactionsMax: number;
  /** Hot writes waiting for the next group commit; more are refused at once. */
  groupCommitItemsMax: number;
  retry: RetryPolicy;
};

const DEFAULT_LIMITS: DatabaseLimits = {
  lock: { waitMsMax: 10_000, waitersMax: 512 },
  readTransactionsMax: 8,
  groupCommitItemsMax: 1_024,
  retry: DEFAULT_RETRY,
};

// SQLite's busy wait is a synchronous sleep that freezes the event loop; wait briefly there and retry asynchronously instead.
const FILE_BUSY_TIMEOUT_MS = 50;
const SERVER_TIMEOUT_MS = 5_000;

/** A property of a proxied client, with methods bound to it: the clients keep private (#) fields a proxy cannot reach. */
const member = (target: object, prop: string | symbol) => {
  const value: unknown = Reflect.get(target, prop);
  return typeof value === "function" ? value.bind(target) : value;
};

const sqlOf = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);
const isPlainRead = (stmt: InStatement) => /^\s*select\b/i.test(sqlOf(stmt));
// libSQL's "BEGIN TRANSACTION READONLY" does not stop writes on a local file; a write on a reader would bypass the lock.
const QUERY_ONLY = "PRAGMA query_only = 1";

/**
 * @libsql/client's file mode makes synchronous native calls over a pool of
 * connections: a write racing an open transaction gets SQLITE_BUSY, and a
 * write after such a failure can report success yet never commit. So every
 * write of this process goes through one lock, and a transaction holds it
 * until it commits, rolls back or closes. Plain SELECTs, read batches and read
 * transactions go to `reader` (other connections to the same WAL file), which
 * never take the lock. See docs/decisions/0002-serialised-file-database.md.
 */
function serialise(client: Client, limits: DatabaseLimits = DEFAULT_LIMITS, reader?: Client): Client {
  const lock = new Lock(limits.lock);
  const readTransactions = new Lock(limits.lock, limits.readTransactionsMax);
  const locked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      retryWhileLockLost(() => lock.with(() => fn(...args)), limits.retry);
  const execute = locked(
    client.execute.bind(client) as (stmt: InStatement) => Promise<Awaited<ReturnType<Client["execute"]>>>,
  );
  const batch = locked(client.batch.bind(client));
  const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
    const onReader = reader !== undefined && mode === "read";
    const release = await (onReader ? readTransactions : lock).acquire();
    try {
      const tx = await (onReader ? reader : client).transaction(mode);
      if (onReader) await tx.execute(QUERY_ONLY).catch((error: unknown) => (tx.close(), Promise.reject(error)));
      return holdUntilDone(tx, release);
    } catch (error) {
      release();
      throw error;
    }
  };
  // A read batch goes to the reader with the same guard in front of it.
  const readBatch = async (reading: Client, stmts: InStatement[]) =>
    (await reading.batch([QUERY_ONLY, ...stmts], "read")).slice(1);
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "execute")
        return (stmt: InStatement, args?: never) => {
          const statement = args === undefined ? stmt : { sql: sqlOf(stmt), args };
          return reader && isPlainRead(statement) ? reader.execute(statement) : execute(statement);
        };
      if (prop === "batch")
        return (stmts: InStatement[], mode?: TransactionMode) =>
          reader && mode === "read" ? readBatch(reader, stmts) : batch(stmts, mode);
      if (prop === "executeMultiple") return locked(target.executeMultiple.bind(target));
      if (prop === "migrate") return locked(target.migrate.bind(target));
      if (prop === "transaction") return transaction;
      return member(target, prop);
    },
  });
}

function holdUntilDone(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "commit" || prop === "rollback") {
        return async () => {
          try {
            await target[prop]();
          } finally {
            release();
          }
        };
      }
      if (prop === "close") {
        return () => {
          target.close();
          release();
        };
      }
      return member(target, prop);
    },
  });
}

/** On a server a plain statement or a batch that lost the write lock rolled back whole: run it again. */
function retryingServer(client: Client, policy: RetryPolicy): Client {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "execute" || prop === "batch") {
        const fn = target[prop].bind(target) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => retryWhileLockLost(() => fn(...args), policy);
      }
      return member(target, prop);
    },
  });
}

/** drizzle 0.45 always opens "write" transactions on libSQL; this client opens "read" ones. */
const readTransactionsOf = (client: Client): Client =>
  new Proxy(client, {
    get: (target, prop) => (prop === "transaction" ? () => target.transaction("read") : member(target, prop)),
  });

/** A whole transaction that lost the write lock rolled back: run it again, callback and all. */
function retryingTransactions(db: Db, policy: RetryPolicy): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => retryWhileLockLost(() => transaction(fn, config), policy)) as Db["transaction"];
  return db;
}

const isFileUrl = (url: string) => url.startsWith("file:") || url === ":memory:";

export function openDatabase(url: string, authToken?: string, limits: Partial<DatabaseLimits> = {}): Database {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const isFile = isFileUrl(url);
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
  if (isFile) installStatementCache();
  const raw = createClient({ url, authToken, timeout: isFile ? FILE_BUSY_TIMEOUT_MS : SERVER_TIMEOUT_MS });
  // An in-memory database exists on one connection only, so it has no separate readers.
  const reader = url.startsWith("file:")
    ? createClient({ url, timeout: FILE_BUSY_TIMEOUT_MS, concurrency: all.readTransactionsMax + 1 })
    : undefined;
  // A server serialises writes itself; only the embedded file needs the lock.
  const client = isFile ? serialise(raw, all, reader) : retryingServer(raw, all.retry);
  const db = retryingTransactions(drizzle(client, { schema }), all.retry);
  const reads = retryingTransactions(drizzle(readTransactionsOf(client), { schema }), all.retry);
  return {
    db,
    client,
    groupCommit: new GroupCommit(client, all.groupCommitItemsMax),
    isFile,
    read: (fn) => reads.transaction(fn),
    close: () => (raw.close(), reader?.close()),
  };
}

const ANALYSIS_ROWS_MAX = 1000;

/** Applies the committed migrations; a file database is switched to WAL (kept in the file) for faster commits; then the planner's statistics are refreshed. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.isFile) await database.client.execute("PRAGMA journal_mode = WAL");
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Fresh statistics let the planner pick the indexes that serve each list; the limit keeps this fast on a large file.
  await database.client.executeMultiple(`PRAGMA analysis_limit = ${ANALYSIS_ROWS_MAX}; ANALYZE;`);
}

/** Commits one tiny write, so a read-only file, a full disk or a lost server shows before users meet it. */
export async function probeWrite(
  database: Database,
  waitMsMax: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no commit within ${waitMsMax} ms`)), waitMsMax)),
  );
  const write = database.client.execute(
    "insert into health_probes (id, probed_at_s) values (1, unixepoch()) on conflict (id) do update set probed_at_s = excluded.probed_at_s",
  );
  try {
    await Promise.race([write, timeout]);
    return { ok: true };
  } catch (error) {
    write.catch(() => {});
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
