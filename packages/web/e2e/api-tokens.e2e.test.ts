import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const STREET_ADMIN = "13800000001";
const COMMUNITY_STAFF = "13800000002";

/** The browser's own checks (required, min, max) would stop the form first: these cases are the server's answer. */
const withoutBrowserChecks = (page: Page) =>
  page.locator("form", { hasText: "签发新令牌" }).evaluate((form) => {
    (form as HTMLFormElement).noValidate = true;
  });

/** The 接口令牌 page on a phone, signed in as `phone`. */
async function tokensPage(phone: string): Promise<Page> {
  const page = await e2e.newPage("phone");
  await e2e.login(page, phone);
  await page.goto(`${e2e.baseUrl}/admin/api-tokens`);
  return page;
}

async function issue(page: Page, name: string) {
  await page.getByLabel("令牌名称").fill(name);
  await page.getByRole("radio", { name: "读写" }).check();
  await page.getByLabel("有效天数").fill("30");
  await page.getByRole("button", { name: "签发", exact: true }).click();
  await page.getByRole("status").getByText(`已签发“${name}”`).waitFor();
}

describe("接口令牌 on a phone, for an older street admin", () => {
  it("names the form's own fields when the server refuses them: 令牌名称, and the days' range", async () => {
    const page = await tokensPage(STREET_ADMIN);
    await withoutBrowserChecks(page);

    await page.getByLabel("令牌名称").fill("   ");
    await page.getByRole("button", { name: "签发", exact: true }).click();
    await page.getByText("请填写令牌名称").first().waitFor();
    expect(await page.getByText("请填写姓名").count()).toBe(0);

    await page.getByLabel("令牌名称").fill("区网格化平台");
    await page.getByLabel("有效天数").fill("400");
    await page.getByRole("button", { name: "签发", exact: true }).click();
    await page.getByText("有效天数须为 1 到 366 天").first().waitFor();
    expect(await page.getByText("expiresInDays").count()).toBe(0);
    await page.context().close();
  });

  it("after 签发 brings the shown-once token into view with focus on its heading, and the form back to its defaults", async () => {
    const page = await tokensPage(STREET_ADMIN);
    await issue(page, "区数据平台");

    const heading = page.locator("#api-token-secret-title");
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    const box = await heading.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);

    expect(await page.getByRole("radio", { name: "只读" }).isChecked()).toBe(true);
    expect(await page.getByLabel("有效天数").inputValue()).toBe("90");
    await page.context().close();
  });

  it("offers each access as a labelled choice at least 44 px tall, with room between them", async () => {
    const page = await tokensPage(STREET_ADMIN);
    const read = await page.locator("label", { hasText: "只读" }).boundingBox();
    const write = await page.locator("label", { hasText: "读写" }).boundingBox();
    expect(read && write).toBeTruthy();
    if (!read || !write) return;
    expect(Math.min(read.height, write.height)).toBeGreaterThanOrEqual(44);
    expect(write.y - (read.y + read.height)).toBeGreaterThanOrEqual(4);
    await page.context().close();
  });

  it("lists tokens as cards that fit 390 px, with the year, and tells two tokens of one name apart by prefix", async () => {
    const page = await tokensPage(STREET_ADMIN);
    await issue(page, "市平台");
    await issue(page, "市平台");

    const cards = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "市平台", level: 3 }) });
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => cards.first().innerText()).toMatch(/有效期至\s*\d{4}年\d{1,2}月\d{1,2}日/);

    const revokes = page.getByRole("button", { name: /^撤销令牌“市平台”（开头 tx_/ });
    expect(await revokes.count()).toBe(2);
    const labels = await revokes.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")));
    expect(new Set(labels).size).toBe(2);
    for (const button of await revokes.all()) {
      const box = await button.boundingBox();
      expect(box && box.height >= 44 && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const prefix = /（开头 (tx_[^）]*)）/.exec(labels[0] ?? "")?.[1];
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await revokes.first().click();
    await page
      .getByRole("status")
      .getByText(/^已撤销“市平台”/)
      .waitFor();
    expect(prefix && asked.includes(prefix)).toBe(true);
    await page.context().close();
  });

  it("tells a signed-in staff member without the street admin's role why the page is not for her", async () => {
    const page = await tokensPage(COMMUNITY_STAFF);
    await page.getByText("只有街道管理员可以管理接口令牌。").waitFor();
    await page.context().close();
  });
});
