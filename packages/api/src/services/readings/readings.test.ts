import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitMonths, trailingMonths } from "@tongxin/core";
import { testApp, type TestApp } from "../../../test/harness";
import { placeNamed } from "../dashboard/place";
import { readingsHere, readingsOffThread, type Readings } from "./readings";

let t: TestApp;
let worker: Readings;

beforeAll(async () => {
  t = await testApp();
  worker = readingsOffThread(`file:${t.path}`, undefined, () => {});
});
afterAll(async () => {
  await worker.close();
  t.cleanup();
});

describe("the long reads in a worker thread", () => {
  it("answer the figures of every kind of place as the serving thread reads them", async () => {
    const here = readingsHere(t.database);
    const now = t.clock.ms;
    for (const [kind, id] of [
      ["street", 1],
      ["community", 1],
      ["grid", 1],
    ] as const) {
      const place = await placeNamed(t.database.db, kind, id);
      if (!place) throw new Error(`no ${kind} ${id}`);
      for (const months of [trailingMonths(now), splitMonths(now).current])
        expect(await worker.indicators(place, months, now)).toEqual(await here.indicators(place, months, now));
    }
  });

  it("answer the warnings a community's facts call for as the serving thread reads them, several asked at once", async () => {
    const here = readingsHere(t.database);
    const now = t.clock.ms;
    const asked = await Promise.all([1, 2, 3].map((id) => worker.warningsDue(id, now)));
    expect(asked).toEqual(await Promise.all([1, 2, 3].map((id) => here.warningsDue(id, now))));
    expect(asked[0]?.length).toBeGreaterThan(0);
  });

  it("fail the task with the database's error when the reading fails, and serve the next", async () => {
    const place = await placeNamed(t.database.db, "community", 1);
    if (!place) throw new Error("no community 1");
    // A folder is no database: the worker starts, and its first read fails.
    const broken = readingsOffThread(`file:${tmpdir()}`, undefined, () => {});
    try {
      await expect(broken.warningsDue(1, t.clock.ms)).rejects.toThrow();
    } finally {
      await broken.close();
    }
    expect((await worker.indicators(place, splitMonths(t.clock.ms).current, t.clock.ms)).length).toBeGreaterThan(0);
  });

  it("closing lets the worker answer what it held and end; a task asked after it is refused", async () => {
    const place = await placeNamed(t.database.db, "street", 1);
    if (!place) throw new Error("no street 1");
    const months = trailingMonths(t.clock.ms);
    const held = worker.indicators(place, months, t.clock.ms);
    await worker.close();
    expect(await held).toEqual(await readingsHere(t.database).indicators(place, months, t.clock.ms));
    await expect(worker.warningsDue(1, t.clock.ms)).rejects.toThrow("readings closed");
  });
});
