/** The readings worker (decision 0014): opens its own connections to the database and answers tasks one at a time. */
import { parentPort, workerData } from "node:worker_threads";
import { must } from "@tongxin/core";
import { openDatabase } from "../../db/client";
import { readingsHere, runTask, type Task } from "./readings";

const { url, authToken } = workerData as { url: string; authToken?: string };
const readings = readingsHere(openDatabase(url, authToken));
const port = must(parentPort, "run as a worker thread");

port.on("message", ({ id, task }: { id: number; task: Task }) => {
  runTask(readings, task).then(
    (value) => port.postMessage({ id, ok: true, value }),
    (error: unknown) => port.postMessage({ id, ok: false, error: String(error) }),
  );
});
