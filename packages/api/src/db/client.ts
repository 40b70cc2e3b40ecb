import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { GroupCommit } from "./group-commit";
import { installStatementCache } from "./statement-cache";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Database = { db: Db; client: Client; groupCommit: GroupCommit; isFile: boolean; close: () => void };

const LOCK_WAIT_MS_MAX = 30_000;

/** A FIFO async lock. A wait past the limit means a transaction callback used `db` instead of `tx`. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("database lock wait exceeded: use `tx` inside a transaction")), LOCK_WAIT_MS_MAX);
      void previous.then(() => {
        clearTimeout(timer);
        resolve(once(release));
      });
    });
  }
}

const once = (fn: () => void) => {
  let done = false;
  return () => {
    if (!done) (done = true), fn();
  };
};

/**
 * @libsql/client's file mode makes synchronous native calls over a pool of
 * connections: a write racing an open transaction gets SQLITE_BUSY, and a
 * write after such a failure can report success yet never commit. So every
 * call of this process goes through one lock, and a transaction holds it until
 * it commits, rolls back or closes. See docs/decisions/0002-serialised-file-database.md.
 */
function serialise(client: Client): Client {
  const mutex = new Mutex();
  const locked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await mutex.acquire();
      try {
        return await fn(...args);
      } finally {
        release();
      }
    };
  const transaction = async (...args: Parameters<Client["transaction"]>): Promise<Transaction> => {
    const release = await mutex.acquire();
    try {
      return holdUntilDone(await client.transaction(...args), release);
    } catch (error) {
      release();
      throw error;
    }
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute") return locked(target.execute.bind(target));
      if (prop === "batch") return locked(target.batch.bind(target));
      if (prop === "executeMultiple") return locked(target.executeMultiple.bind(target));
      if (prop === "migrate") return locked(target.migrate.bind(target));
      if (prop === "transaction") return transaction;
      return Reflect.get(target, prop, receiver);
    },
  });
}

function holdUntilDone(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, prop, receiver) {
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
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const isFileUrl = (url: string) => url.startsWith("file:") || url === ":memory:";

export function openDatabase(url: string, authToken?: string): Database {
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
  if (isFileUrl(url)) installStatementCache();
  const raw = createClient({ url, authToken, timeout: 5_000 });
  // A server serialises writes itself; only the embedded file needs the lock.
  const client = isFileUrl(url) ? serialise(raw) : raw;
  return { db: drizzle(client, { schema }), client, groupCommit: new GroupCommit(client), isFile: isFileUrl(url), close: () => raw.close() };
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Applies the committed migrations; a file database is switched to WAL (kept in the file) for faster commits. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.isFile) await database.client.execute("PRAGMA journal_mode = WAL");
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
