import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("预警", () => {
  it("community staff read their warnings from the menu, note one with 知道了 and follow a late request to its page", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.getByRole("navigation", { name: "main" }).getByRole("link", { name: "预警" }).click();
    await staff.getByRole("heading", { name: "预警", level: 1 }).waitFor();
    // The scheduler works the demo street's warnings out as the server starts: reload until they are there.
    const late = staff.getByRole("row").filter({ hasText: /需求 #\d+ 超时未受理/ });
    for (let tries = 0; (await late.count()) === 0 && tries < 10; tries += 1) {
      await staff.waitForTimeout(500);
      await staff.reload();
    }
    const first = late.first();
    await first.getByRole("cell", { name: "待处理", exact: true }).waitFor();
    await first.getByRole("button", { name: "知道了" }).click();
    await first.getByRole("cell", { name: "已知晓", exact: true }).waitFor();
    expect(await first.getByRole("button", { name: "知道了" }).count()).toBe(0);
    await first.getByRole("link", { name: "去处理" }).click();
    await staff.waitForURL(/\/requests\/\d+$/);
  });

  it("on a phone, a refused 知道了 is said in the warning's own row, and the button waits while it is asked", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.route("**/api/warnings/*/acknowledge", (route) =>
      setTimeout(() => void route.fulfill({ status: 503, json: { error: { reason: "busy" } } }), 300),
    );
    await staff.goto(`${e2e.baseUrl}/warnings`);
    const row = staff
      .getByRole("row")
      .filter({ has: staff.getByRole("button", { name: "知道了" }) })
      .last();
    await row.scrollIntoViewIfNeeded();
    const button = row.getByRole("button", { name: "知道了" });
    await button.click();
    expect(await button.isDisabled()).toBe(true);
    const alert = row.getByRole("alert");
    await alert.waitFor();
    expect(await alert.isVisible()).toBe(true);
    expect(await button.isDisabled()).toBe(false);
  });

  it("staff hear of the warnings opened at start in one home-page message counting them, and follow it to the warnings page", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    const told = staff
      .getByRole("article")
      .filter({ has: staff.getByRole("heading", { name: "我的消息" }) })
      .locator("li.message", { hasText: /新增 \d+ 条预警：.*超时未受理 \d+ 条/ });
    for (let tries = 0; (await told.count()) === 0 && tries < 10; tries += 1) {
      await staff.waitForTimeout(500);
      await staff.reload();
    }
    expect(await told.count()).toBe(1);
    await told.getByRole("link", { name: "去处理" }).click();
    await staff.waitForURL((url) => url.pathname === "/warnings");
    await staff.getByRole("heading", { name: "预警", level: 1 }).waitFor();
  });

  it("a resident has no warnings page", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    expect(await resident.getByRole("navigation", { name: "main" }).getByRole("link", { name: "预警" }).count()).toBe(
      0,
    );
    await resident.goto(`${e2e.baseUrl}/warnings`);
    await resident.getByRole("alert").waitFor();
  });
});
