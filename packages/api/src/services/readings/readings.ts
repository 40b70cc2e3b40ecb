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

/**
 * Reads in one worker thread, started on the first task; each task reads in its own snapshot there. A worker
 * that fails fails the tasks it held, and the next task starts another.
 */
export function readingsOffThread(url: string, authToken: string | undefined, log: Log): Readings {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = null;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = new Worker(workerModule(), {
      workerData: { url, authToken },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    w.on("message", ({ id, ok, value, error }: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) w.unref();
      if (ok) p?.resolve(value);
      else p?.reject(new Error(error));
    });
    w.on("error", (error) => (log("error", "readings worker failed", { error: String(error) }), failAll(error)));
    w.on("exit", (code) => worker === w && failAll(new Error(`readings worker exited (${code})`)));
    worker = w;
    return w;
  };
  const run = <T>(task: Task) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const w = started();
      // Only while it holds a task does it keep the process alive.
      w.ref();
      w.postMessage({ id, task });
    });
  return {
    indicators: (place, months, now) => run({ verb: "indicators", place, months, now }),
    warningsDue: (communityId, now) => run({ verb: "warningsDue", communityId, now }),
    close: async () => {
      const w = worker;
      worker = null;
      failAll(new Error("readings closed"));
      if (w) await w.terminate();
    },
  };
}
