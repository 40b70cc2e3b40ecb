import { Worker } from "node:worker_threads";
import { warningsDue as dueOf, type Indicator, type Warning } from "@tongxin/core";
import type { Database } from "../../db/client";
import type { Deps, Log } from "../../deps";
import { computeIndicators } from "../dashboard/indicators";
import type { Place } from "../dashboard/place";
import { warningFacts } from "../warning/facts";

/**
 * The long reads of the dashboards' figures and of the warnings' facts (decision 0014). libSQL's file calls are
 * synchronous, so a read of seconds run by the serving thread stops every request for that long; a served
 * instance runs them in a worker thread with its own connections, and answers requests meanwhile.
 */
export type Readings = {
  indicators: (place: Place, months: readonly string[], now: number) => Promise<Indicator[]>;
  warningsDue: (communityId: number, now: number) => Promise<Warning[]>;
  close: () => Promise<void>;
};

export type Task =
  | { verb: "indicators"; place: Place; months: readonly string[]; now: number }
  | { verb: "warningsDue"; communityId: number; now: number };

/** The reads in the calling thread: tests, an in-memory database, and the worker itself. */
export function readingsHere(database: Database): Readings {
  return {
    indicators: (place, months, now) => computeIndicators(database, place, months, now),
    warningsDue: async (communityId, now) =>
      dueOf(await database.read((tx) => warningFacts(tx, communityId, now)), now),
    close: async () => {},
  };
}

/** The message that asks the worker to finish its reads and end. */
export const CLOSE = "close";

export const runTask = (readings: Readings, task: Task): Promise<unknown> =>
  task.verb === "indicators"
    ? readings.indicators(task.place, task.months, task.now)
    : readings.warningsDue(task.communityId, task.now);

const here = new WeakMap<Database, Readings>();

/** The instance's readings: the worker a served instance started, else reads in this thread. */
export function readingsOf(deps: Deps): Readings {
  if (deps.readings) return deps.readings;
  const known = here.get(deps.database) ?? readingsHere(deps.database);
  here.set(deps.database, known);
  return known;
}

/** The worker's module: bundled beside the server (dist/readings-worker.mjs), or from source through tsx. */
const workerModule = () =>
  new URL(import.meta.url.endsWith(".ts") ? "./worker-source.mjs" : "./readings-worker.mjs", import.meta.url);

/** A worker's heap: the figures of the largest place are a few thousand rows of aggregates. */
const WORKER_HEAP_MB = 128;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** A worker and the tasks it holds; one being closed takes no new task. */
type Running = { worker: Worker; pending: Map<number, Pending>; closing: boolean };

/**
 * Reads in one worker thread, started on the first task; each task reads in its own snapshot there. A worker
 * that fails fails the tasks it held, and the next task starts another. Closing lets the worker answer what it
 * holds and end by itself; tasks asked after it are refused.
 */
export function readingsOffThread(url: string, authToken: string | undefined, log: Log): Readings {
  let current: Running | null = null;
  let closed = false;
  let nextId = 0;
  const start = (): Running => {
    const worker = new Worker(workerModule(), {
      workerData: { url, authToken },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const self: Running = { worker, pending: new Map(), closing: false };
    const failHeld = (error: Error) => {
      for (const p of self.pending.values()) p.reject(error);
      self.pending.clear();
      if (current === self) current = null;
    };
    worker.on("message", ({ id, ok, value, error }: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = self.pending.get(id);
      self.pending.delete(id);
      // Only while it holds a task (or is closing) does it keep the process alive.
      if (self.pending.size === 0 && !self.closing) worker.unref();
      if (ok) p?.resolve(value);
      else p?.reject(new Error(error));
    });
    worker.on("error", (error) => (log("error", "readings worker failed", { error: String(error) }), failHeld(error)));
    worker.on("exit", (code) => failHeld(new Error(`readings worker exited (${code})`)));
    return self;
  };
  const run = <T>(task: Task) =>
    new Promise<T>((resolve, reject) => {
      // A task asked while the server stops would start a worker the process then ends mid-read.
      if (closed) return reject(new Error("readings closed"));
      const id = nextId++;
      current ??= start();
      current.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      current.worker.ref();
      current.worker.postMessage({ id, task });
    });
  return {
    indicators: (place, months, now) => run({ verb: "indicators", place, months, now }),
    warningsDue: (communityId, now) => run({ verb: "warningsDue", communityId, now }),
    // Never `terminate()`, nor fail its tasks before it ends: a worker stopped inside a native call aborts the process.
    close: async () => {
      closed = true;
      const closing = current;
      if (!closing) return;
      current = null;
      closing.closing = true;
      const ended = new Promise((resolve) => closing.worker.once("exit", resolve));
      closing.worker.ref();
      closing.worker.postMessage(CLOSE);
      await ended;
    },
  };
}
