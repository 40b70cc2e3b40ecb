/**
 * A small Hrana-over-HTTP (protocol v2, JSON) server on loopback, built on the
 * `libsql` package, so tests can drive @libsql/client's remote mode (`http:`
 * URLs) the way a libSQL server would. It keeps one connection per stream
 * (baton), which is what interactive transactions need. Like sqld, a
 * statement that finds the write lock taken waits for it (without blocking
 * other streams), and a transaction that holds the lock past `txnMsMax`
 * while others wait loses it: it is rolled back and its stream expires.
 */
import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import Database from "libsql";

type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
type Stmt = {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
};
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond; stmt: Stmt }[] } }
  | { type: "sequence"; sql: string }
  | { type: "get_autocommit" }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };

/** A stream: one connection, the SQL texts the client stored on it, and since when it has been in a transaction. */
type Connection = InstanceType<typeof Database> & {
  storedSql?: Map<number, string>;
  txnSince?: number;
  statements?: Map<string, Statement>;
  tainted?: boolean;
};
type Statement = Database.Statement<unknown[]>;

export type HranaOptions = { busyWaitMsMax?: number; txnMsMax?: number };
/** A waiter is woken when a stream leaves its transaction; this poll catches writers the server does not see (another process on the file). */
const BUSY_POLL_MS = 50;
const isBusy = (e: unknown) => String((e as { code?: unknown }).code ?? "").startsWith("SQLITE_BUSY");

const fromHrana = (v: HranaValue): unknown => {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
};

const toHrana = (v: unknown): HranaValue => {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number")
    return Number.isInteger(v) ? { type: "integer", value: String(v) } : { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (Buffer.isBuffer(v)) return { type: "blob", base64: v.toString("base64") };
  throw new Error(`unsupported value ${String(v)}`);
};

function execute(conn: Connection, stmt: Stmt) {
  const text = stmt.sql ?? conn.storedSql?.get(stmt.sql_id ?? -1);
  if (text === undefined) throw new Error(`unknown sql_id ${stmt.sql_id}`);
  // One statement per text and connection: a statement that failed (busy) stays active until it runs again, and an active statement blocks COMMIT.
  const statements = (conn.statements ??= new Map<string, Statement>());
  const prepared = statements.get(text) ?? conn.prepare(text);
  statements.set(text, prepared);
  prepared.safeIntegers(true);
  const named = Object.fromEntries(
    (stmt.named_args ?? []).map((a) => [a.name.replace(/^[:@$]/, ""), fromHrana(a.value)]),
  );
  const params: unknown[] = (stmt.args ?? []).map(fromHrana);
  if (Object.keys(named).length > 0) params.push(named);
  if (prepared.reader) {
    const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    const rows = (prepared.raw(true).all(...params) as unknown[][]).map((row) => row.map(toHrana));
    return { cols, rows, affected_row_count: 0, last_insert_rowid: null };
  }
  const info = prepared.run(...params);
  return {
    cols: [],
    rows: [],
    affected_row_count: Number(info.changes),
    last_insert_rowid: String(info.lastInsertRowid),
  };
}

const errorOf = (e: unknown) => ({
  message: e instanceof Error ? e.message : String(e),
  code: (e as { code?: string }).code ?? "UNKNOWN",
});

function holds(cond: Cond | undefined, ok: boolean[], failed: boolean[], conn: Connection): boolean {
  if (!cond) return true;
  switch (cond.type) {
    case "ok":
      return ok[cond.step] === true;
    case "error":
      return failed[cond.step] === true;
    case "not":
      return !holds(cond.cond, ok, failed, conn);
    case "and":
      return cond.conds.every((c) => holds(c, ok, failed, conn));
    case "or":
      return cond.conds.some((c) => holds(c, ok, failed, conn));
    case "is_autocommit":
      return !conn.inTransaction;
  }
}

async function runBatch(conn: Connection, steps: { condition?: Cond; stmt: Stmt }[], wait: Waiting) {
  const ok: boolean[] = [];
  const failed: boolean[] = [];
  const step_results: unknown[] = [];
  const step_errors: unknown[] = [];
  for (const [i, step] of steps.entries()) {
    step_results[i] = null;
    step_errors[i] = null;
    if (!holds(step.condition, ok, failed, conn)) continue;
    try {
      step_results[i] = await wait(() => execute(conn, step.stmt));
      ok[i] = true;
    } catch (e) {
      conn.tainted ||= isBusy(e);
      step_errors[i] = errorOf(e);
      failed[i] = true;
    }
  }
  return { step_results, step_errors };
}

/** Runs a statement, waiting while another stream holds the write lock (sqld's busy handler, without blocking the server). */
type Waiting = <T>(run: () => T) => Promise<T>;

async function handle(conn: Connection, req: StreamRequest, wait: Waiting): Promise<unknown> {
  switch (req.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await wait(() => execute(conn, req.stmt)) };
    case "batch":
      return { type: "batch", result: await runBatch(conn, req.batch.steps, wait) };
    case "sequence":
      await wait(() => conn.exec(req.sql));
      return { type: "sequence" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !conn.inTransaction };
    case "store_sql":
      (conn.storedSql ??= new Map()).set(req.sql_id, req.sql);
      return { type: "store_sql" };
    case "close_sql":
      conn.storedSql?.delete(req.sql_id);
      return { type: "close_sql" };
  }
}

export type HranaServer = { url: string; close: () => Promise<void>; requests: () => number; expired: () => number };

/** Serves the database file at `path` (in WAL mode, as sqld keeps it) on a free loopback port. */
export async function startHranaServer(
  path: string,
  { busyWaitMsMax = 5_000, txnMsMax = 5_000 }: HranaOptions = {},
): Promise<HranaServer> {
  const streams = new Map<string, Connection>();
  const expired = new Set<string>();
  let expiredCount = 0;
  let requestCount = 0;
  // Closed streams' connections are kept for the next ones, as sqld pools them: opening one reads the whole schema.
  const idle: Connection[] = [];
  const setup = new Database(path);
  setup.exec("PRAGMA journal_mode = WAL");
  setup.close();
  /** Rolls back idle streams that have held a transaction past the limit: their next request finds the stream expired. */
  const expireSlowTransactions = () => {
    for (const [baton, conn] of streams) {
      if (conn.txnSince === undefined || Date.now() - conn.txnSince <= txnMsMax) continue;
      if (conn.inTransaction) conn.exec("ROLLBACK");
      conn.close();
      streams.delete(baton);
      expired.add(baton);
      wakeNext();
      expiredCount += 1;
    }
  };
  // Writers waiting for the lock, first come first served: one is woken each time a stream may have released it.
  const waiters: (() => void)[] = [];
  const wakeNext = () => waiters.shift()?.();
  const wait: Waiting = async (run) => {
    for (let start = Date.now(), woken = false; ; ) {
      try {
        return run();
      } catch (e) {
        if (!isBusy(e) || Date.now() - start > busyWaitMsMax) throw e;
        expireSlowTransactions();
        await new Promise<void>((resolve) => {
          const wake = () => (clearTimeout(timer), (woken = true), resolve());
          const timer = setTimeout(
            () => (waiters.splice(waiters.indexOf(wake), 1), (woken = false), resolve()),
            BUSY_POLL_MS,
          );
          // Woken but beaten to the lock: keep the place at the front.
          if (woken) waiters.unshift(wake);
          else waiters.push(wake);
        });
      }
    }
  };
  const server: Server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/v2") return void res.writeHead(200).end("{}");
    if (req.method !== "POST" || req.url !== "/v2/pipeline") return void res.writeHead(404).end();
    requestCount += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { baton?: string | null; requests: StreamRequest[] };
    if (body.baton && expired.delete(body.baton)) {
      return void res.writeHead(400, { "content-type": "application/json" }).end(
        JSON.stringify({
          message: "stream expired: its transaction held the write lock too long",
          code: "STREAM_EXPIRED",
        }),
      );
    }
    const conn: Connection | undefined = body.baton ? streams.get(body.baton) : (idle.pop() ?? new Database(path));
    if (!conn) return void res.writeHead(400).end(JSON.stringify({ message: "unknown baton" }));
    if (body.baton) streams.delete(body.baton);
    let closed = false;
    const results: unknown[] = [];
    for (const r of body.requests) {
      try {
        const response = await handle(conn, r, wait);
        if (r.type === "close") closed = true;
        results.push({ type: "ok", response });
      } catch (e) {
        // A statement that gave up waiting may stay active: the connection is not reused for another stream.
        conn.tainted ||= isBusy(e);
        results.push({ type: "error", error: errorOf(e) });
      }
    }
    conn.txnSince = conn.inTransaction ? (conn.txnSince ?? Date.now()) : undefined;
    if (!conn.inTransaction) wakeNext();
    let baton: string | null = null;
    if (closed && (conn.inTransaction || conn.tainted)) conn.close();
    else if (closed) idle.push(Object.assign(conn, { storedSql: undefined }));
    else streams.set((baton = randomUUID()), conn);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ baton, base_url: null, results }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: () => requestCount,
    expired: () => expiredCount,
    close: () =>
      new Promise((resolve) => {
        for (const conn of [...streams.values(), ...idle]) conn.close();
        server.close(() => resolve());
      }),
  };
}
