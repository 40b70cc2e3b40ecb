/** The readings worker (decision 0014): opens its own connections to the database and answers tasks. */
import { parentPort, workerData } from "node:worker_threads";
import { must } from "@tongxin/core";
import { openDatabase } from "../../db/client";
import { CLOSE, readingsHere, runTask, type Task } from "./readings";

const { url, authToken } = workerData as { url: string; authToken?: string };
const database = openDatabase(url, authToken);
const readings = readingsHere(database);
const port = must(parentPort, "run as a worker thread");
let running = 0;
let closing = false;

/**
 * Asked to close, the worker lets its reads finish, closes its connections and lets its port go, so the thread
 * ends by itself: stopping it in the middle of a native call aborts the whole process.
 */
const endWhenIdle = () => {
  if (!closing || running > 0) return;
  if (!process.env.ZZ_KEEPDB) database.close();
  port.close();
};

port.on("message", (message: { id: number; task: Task } | typeof CLOSE) => {
  if (message === CLOSE) {
    closing = true;
    return endWhenIdle();
  }
  running += 1;
  runTask(readings, message.task)
    .then(
      (value) => port.postMessage({ id: message.id, ok: true, value }),
      (error: unknown) => port.postMessage({ id: message.id, ok: false, error: String(error) }),
    )
    .finally(() => {
      running -= 1;
      endWhenIdle();
    });
});
