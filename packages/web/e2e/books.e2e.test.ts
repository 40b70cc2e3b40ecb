import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "@tongxin/core";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("the books (台账)", () => {
  it("staff download the request queue as Excel and as CSV with the queue's filter, named in their language", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/queue?status=closed`);
    const [xlsx] = await Promise.all([
      staff.waitForEvent("download"),
      staff.getByRole("link", { name: "导出 Excel" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^需求台账-\d{4}-\d\d-\d\d\.xlsx$/);
    const [csv] = await Promise.all([
      staff.waitForEvent("download"),
      staff.getByRole("link", { name: "导出 CSV" }).click(),
    ]);
    const [header, ...rows] = readFileSync(must(await csv.path()), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toMatch(/^编号,类型,类别,内容,/);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes(",已关闭,"))).toBe(true);
  });

  it("staff download the activities book from the activities page and the ratings book from the committee desk", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/activities?community=1`);
    const [activities] = await Promise.all([
      staff.waitForEvent("download"),
      staff.getByRole("link", { name: "导出 Excel" }).click(),
    ]);
    expect(activities.suggestedFilename()).toMatch(/^志愿活动台账-\d{4}-\d\d-\d\d\.xlsx$/);
    const committee = await e2e.newPage("desktop");
    await e2e.login(committee, "13800000003");
    await committee.goto(`${e2e.baseUrl}/ratings/cycles/1`);
    const [ratings] = await Promise.all([
      committee.waitForEvent("download"),
      committee.getByRole("link", { name: "导出 CSV" }).click(),
    ]);
    expect(ratings.suggestedFilename()).toMatch(/^评星台账-\d{4}-\d\d-\d\d\.csv$/);
  });
});
