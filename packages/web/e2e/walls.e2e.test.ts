import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "@tongxin/core";
import { startE2E, type E2E } from "./harness";

const COMMUNITY_STAFF = "13800000002";
const WALL_REFRESH_MS = 30_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Moves the TV's timers on by one refresh and waits for the wall it asks for. */
async function nextRefresh(tv: Page): Promise<number> {
  const answered = tv.waitForResponse((res) => res.url().includes("/api/public/walls/"), { timeout: 5_000 });
  await tv.clock.fastForward(WALL_REFRESH_MS);
  return (await answered).status();
}

describe("a read-only wall link (大屏链接)", () => {
  it("staff make one on the dashboard; a TV with no session shows the figures by it, until staff stop it", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, COMMUNITY_STAFF);
    await staff.goto(`${e2e.baseUrl}/dashboard/community/1`);
    const section = staff.getByRole("region", { name: "大屏链接" });
    await section.getByRole("button", { name: "生成大屏链接" }).click();
    const field = section.getByRole("textbox", { name: /^大屏链接/ });
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(new RegExp(`^${e2e.baseUrl}/wall/t/[A-Za-z0-9_-]{43}$`));
    expect(await section.getByRole("img", { name: "大屏链接二维码" }).locator("svg").count()).toBe(1);
    await section.getByRole("row").filter({ hasText: "使用中" }).first().waitFor();

    // A fresh browser context: no cookie, no session; the TV opens the link.
    const tv = await e2e.newPage("desktop");
    await tv.clock.install();
    await tv.goto(url);
    await tv.getByRole("heading", { level: 1, name: /和平社区 · 红色汇治/ }).waitFor();
    await tv.locator('.wall-figures [data-indicator="requests_received"] .wall-value').waitFor();
    const shown = must(
      await tv.locator('.wall-figures [data-indicator="requests_received"] .wall-value').textContent(),
    );
    expect(shown).toMatch(/^\d+$/);
    expect(await tv.locator("nav").count()).toBe(0);
    expect((await tv.context().cookies()).filter((c) => c.name === "tongxin_session")).toEqual([]);

    // A refresh that cannot reach the server keeps the last figures, with a notice.
    await tv.route("**/api/public/walls/**", (route) => route.abort());
    await tv.clock.fastForward(WALL_REFRESH_MS);
    await tv.getByRole("status").filter({ hasText: "暂时连不上服务器" }).waitFor();
    expect(await tv.locator('.wall-figures [data-indicator="requests_received"] .wall-value').textContent()).toBe(
      shown,
    );
    await tv.unroute("**/api/public/walls/**");
    expect(await nextRefresh(tv)).toBe(200);
    await expect.poll(() => tv.getByRole("status").count()).toBe(0);

    staff.on("dialog", (dialog) => void dialog.accept());
    const row = section.getByRole("row").filter({ hasText: "使用中" }).first();
    await row.getByRole("button", { name: "停用" }).click();
    await section
      .getByRole("row")
      .filter({ hasText: /已停用/ })
      .first()
      .waitFor();

    // At its next refresh the TV says plainly that the link was stopped, and shows no figures.
    expect(await nextRefresh(tv)).toBe(404);
    await tv.getByRole("alert").filter({ hasText: "此大屏链接已停用" }).waitFor();
    expect(await tv.locator(".wall-value").count()).toBe(0);
    await tv.context().close();
    await staff.context().close();
  });
});
