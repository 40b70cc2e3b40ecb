import { SCHEDULER_LEASE_MS } from "@tongxin/core";
import type { Deps } from "../../deps";
import { FIGURES_REFRESH_MS, refreshFigures } from "../dashboard/figures";
import { sealChain } from "../points/seal";
import { sendShiftReminders } from "../reminder/send";
import { closeUnconfirmed } from "../request/sweep";
import { expireReservations } from "../store/expire";
import { refreshDueWarnings } from "../warning/refresh";
import { DEFAULT_RETRY, retryWhileLockLost } from "../../db/retry";
import { takeLease } from "./lease";
import { dispatchOutbox } from "../outbox/dispatch";

/** A background job: run every `everyMs` by the one instance holding its lease. */
export type Job = { name: string; everyMs: number; leaseMs: number; run: (deps: Deps) => Promise<number> };

const SEAL_EVERY_MS = 2_000;
/** The sealer's lease is short: if its holder dies, the chain falls behind by this much at most before another seals. */
const SEAL_LEASE_MS = 30_000;
const SWEEP_EVERY_MS = 10 * 60_000;
const REMIND_EVERY_MS = 60_000;
/** A community a verb marked stale has its warnings (预警) worked out again within this. */
const WARNINGS_EVERY_MS = 30_000;
/** Messages outside the app leave within this of being written (or of their next attempt coming due). */
const OUTBOX_EVERY_MS = 10_000;

/**
 * The jobs every instance starts. Transfers are written unsealed and chained
 * here, off the request path (decision 0006); done requests nobody confirms
 * close after 7 days, store reservations expire after 14; shift reminders go
 * out, including what came due while every instance was down; warnings open and clear; the dashboards'
 * figures are recomputed off the request path (decision 0013); messages outside the app (SMS, WeChat)
 * leave the outbox.
 */
export const JOBS = [
  {
    name: "seal_chain",
    everyMs: SEAL_EVERY_MS,
    leaseMs: SEAL_LEASE_MS,
    run: (deps) => sealChain(deps.database.client),
  },
  { name: "close_unconfirmed", everyMs: SWEEP_EVERY_MS, leaseMs: SCHEDULER_LEASE_MS, run: closeUnconfirmed },
  { name: "expire_reservations", everyMs: SWEEP_EVERY_MS, leaseMs: SCHEDULER_LEASE_MS, run: expireReservations },
  { name: "shift_reminders", everyMs: REMIND_EVERY_MS, leaseMs: SCHEDULER_LEASE_MS, run: sendShiftReminders },
  { name: "warnings", everyMs: WARNINGS_EVERY_MS, leaseMs: SCHEDULER_LEASE_MS, run: refreshDueWarnings },
  { name: "outbox", everyMs: OUTBOX_EVERY_MS, leaseMs: SCHEDULER_LEASE_MS, run: dispatchOutbox },
  { name: "dashboard_figures", everyMs: FIGURES_REFRESH_MS, leaseMs: SCHEDULER_LEASE_MS, run: refreshFigures },
] as const satisfies readonly Job[];

export type JobName = (typeof JOBS)[number]["name"];

export const jobNamed = (name: JobName): Job => JOBS.find((j) => j.name === name) as Job;

/**
 * Runs the job if this instance holds (or takes) its lease: the work of each
 * tick happens on one instance however many run. Answers null when another holds it.
 */
export async function runJob(deps: Deps, job: Job, holder: string): Promise<number | null> {
  if (!(await takeLease(deps.database.db, job.name, holder, deps.now(), job.leaseMs))) return null;
  // Each job's work is guarded to happen once, so a run that lost the server's write lock may run again.
  return retryWhileLockLost(() => job.run(deps), DEFAULT_RETRY);
}

/** Starts every job on its interval (and once now); answers a stop. A failed tick is logged and the next one tries again. */
export function startJobs(deps: Deps, holder: string, jobs: readonly Job[] = JOBS): () => void {
  const timers = jobs.map((job) => {
    const tick = () =>
      void runJob(deps, job, holder).catch((error: unknown) =>
        deps.log("error", "job failed", { job: job.name, error: String(error) }),
      );
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
