import { createRequire } from "node:module";
import { must } from "@tongxin/core";

/*
 * @libsql/client's file mode prepares every statement afresh and asks the
 * native statement for its columns twice per query; under load that was a
 * third of the API's CPU (see docs/decisions/0004-sign-up-hot-path.md). This
 * keeps a small LRU of prepared statements per native connection, with their
 * columns remembered. Statements are reused one at a time: the cache is per
 * connection and the driver's calls on a connection are synchronous.
 */

type Statement = { columns: () => unknown[] };
type NativeDatabase = { prepare: (sql: string) => Statement };

const STATEMENTS_PER_CONNECTION_MAX = 256;
const caches = new WeakMap<object, Map<string, Statement>>();
let installed = false;

function cached(db: object, sql: string, prepare: (sql: string) => Statement): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(sql);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the statement as recently used.
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const statement = prepare(sql);
  const columns = statement.columns.bind(statement);
  let known: unknown[] | undefined;
  statement.columns = () => (known ??= columns());
  cache.set(sql, statement);
  if (cache.size > STATEMENTS_PER_CONNECTION_MAX) cache.delete(must(cache.keys().next().value));
  return statement;
}

/** Patches the `libsql` driver that @libsql/client loads (resolved from the client, not from us). */
export function installStatementCache(): void {
  if (installed) return;
  installed = true;
  const requireFromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
  const Database = requireFromClient("libsql") as { prototype: NativeDatabase };
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: NativeDatabase, sql: string) {
    return cached(this, sql, (text) => prepare.call(this, text));
  };
}
