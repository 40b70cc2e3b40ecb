/**
 * A small Hrana-over-HTTP (protocol v2, JSON) server on loopback, built on the
 * `libsql` package, so tests can drive @libsql/client's remote mode (`http:`
 * URLs) the way a libSQL server would. It keeps one connection per stream
 * (baton), which is what interactive transactions need.
 */
import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import Database from "libsql";
import { must } from "@tongxin/core";

type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: HranaValue[]; named_args?: { name: string; value: HranaValue }[]; want_rows?: boolean };
type Cond = { type: "ok" | "error"; step: number } | { type: "not"; cond: Cond } | { type: "and" | "or"; conds: Cond[] } | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond; stmt: Stmt }[] } }
  | { type: "sequence"; sql: string }
  | { type: "get_autocommit" }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };

/** A stream: one connection and the SQL texts the client stored on it. */
type Connection = InstanceType<typeof Database> & { storedSql?: Map<number, string> };

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
  if (typeof v === "number") return Number.isInteger(v) ? { type: "integer", value: String(v) } : { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (Buffer.isBuffer(v)) return { type: "blob", base64: v.toString("base64") };
  throw new Error(`unsupported value ${String(v)}`);
};

function execute(conn: Connection, stmt: Stmt) {
  const text = stmt.sql ?? conn.storedSql?.get(stmt.sql_id ?? -1);
  if (text === undefined) throw new Error(`unknown sql_id ${stmt.sql_id}`);
  const prepared = conn.prepare(text);
  prepared.safeIntegers(true);
  const named = Object.fromEntries((stmt.named_args ?? []).map((a) => [a.name.replace(/^[:@$]/, ""), fromHrana(a.value)]));
  const params: unknown[] = (stmt.args ?? []).map(fromHrana);
  if (Object.keys(named).length > 0) params.push(named);
  if (prepared.reader) {
    const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    const rows = (prepared.raw(true).all(...params) as unknown[][]).map((row) => row.map(toHrana));
    return { cols, rows, affected_row_count: 0, last_insert_rowid: null };
  }
  const info = prepared.run(...params);
  return { cols: [], rows: [], affected_row_count: Number(info.changes), last_insert_rowid: String(info.lastInsertRowid) };
}

const errorOf = (e: unknown) => ({ message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code ?? "UNKNOWN" });

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

function runBatch(conn: Connection, steps: { condition?: Cond; stmt: Stmt }[]) {
  const ok: boolean[] = [];
  const failed: boolean[] = [];
  const step_results: unknown[] = [];
  const step_errors: unknown[] = [];
  steps.forEach((step, i) => {
    step_results[i] = null;
    step_errors[i] = null;
    if (!holds(step.condition, ok, failed, conn)) return;
    try {
      step_results[i] = execute(conn, step.stmt);
      ok[i] = true;
    } catch (e) {
      step_errors[i] = errorOf(e);
      failed[i] = true;
    }
  });
  return { step_results, step_errors };
}

function handle(conn: Connection, req: StreamRequest): unknown {
  switch (req.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", result: execute(conn, req.stmt) };
    case "batch":
      return { type: "batch", result: runBatch(conn, req.batch.steps) };
    case "sequence":
      conn.exec(req.sql);
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

export type HranaServer = { url: string; close: () => Promise<void>; requests: () => number };

/** Serves the database file at `path` on a free loopback port. */
export async function startHranaServer(path: string): Promise<HranaServer> {
  const streams = new Map<string, Connection>();
  let requestCount = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/v2") return void res.writeHead(200).end("{}");
    if (req.method !== "POST" || req.url !== "/v2/pipeline") return void res.writeHead(404).end();
    requestCount += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { baton?: string | null; requests: StreamRequest[] };
    let conn = body.baton ? streams.get(body.baton) : new Database(path);
    if (!conn) return void res.writeHead(400).end(JSON.stringify({ message: "unknown baton" }));
    if (body.baton) streams.delete(body.baton);
    let closed = false;
    const results = body.requests.map((r) => {
      try {
        const response = handle(must(conn), r);
        if (r.type === "close") closed = true;
        return { type: "ok", response };
      } catch (e) {
        return { type: "error", error: errorOf(e) };
      }
    });
    let baton: string | null = null;
    if (closed) conn.close();
    else streams.set((baton = randomUUID()), conn);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ baton, base_url: null, results }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: () => requestCount,
    close: () =>
      new Promise((resolve) => {
        for (const conn of streams.values()) conn.close();
        server.close(() => resolve());
      }),
  };
}
