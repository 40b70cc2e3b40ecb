import type { Client, InStatement, ResultSet } from "@libsql/client";
import { busyOf, DatabaseBusy } from "./errors";

type Item = { statements: InStatement[]; resolve: (results: ResultSet[]) => void; reject: (error: unknown) => void };

const ITEMS_PER_COMMIT_MAX = 128;

/**
 * Group commit for hot writes: requests that arrive while a commit is in
 * flight are written together in the next single transaction, so one disk
 * sync serves them all. Each caller still gets its answer only after the
 * commit that holds its write. The statements of each item must guard
 * themselves (conditional inserts) so that one item cannot make another fail;
 * should a batch fail anyway, its items are retried one by one. A full queue
 * refuses new items at once (overload), so waiting never grows without bound.
 */
export class GroupCommit {
  private queue: Item[] = [];
  private running = false;

  constructor(
    private readonly client: Client,
    private readonly itemsMax: number,
  ) {}

  submit(statements: InStatement[]): Promise<ResultSet[]> {
    if (this.queue.length >= this.itemsMax) return Promise.reject(new DatabaseBusy("queue_full"));
    return new Promise((resolve, reject) => {
      this.queue.push({ statements, resolve, reject });
      // Wait one turn of the event loop, so the writes of requests already in flight can join this commit.
      if (this.queue.length === 1 && !this.running) setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.commit(this.queue.splice(0, ITEMS_PER_COMMIT_MAX));
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(items: Item[]): Promise<void> {
    try {
      const results = await this.client.batch(
        items.flatMap((item) => item.statements),
        "write",
      );
      let offset = 0;
      for (const item of items) {
        item.resolve(results.slice(offset, offset + item.statements.length));
        offset += item.statements.length;
      }
    } catch (error) {
      // One by one would only meet the same overload or lost lock (already retried below the batch).
      if (items.length === 1 || busyOf(error)) return items.forEach((item) => item.reject(error));
      for (const item of items) await this.client.batch(item.statements, "write").then(item.resolve, item.reject);
    }
  }
}
