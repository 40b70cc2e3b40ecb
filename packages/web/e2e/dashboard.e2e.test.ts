import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { must } from "@tongxin/core";
import { startE2E, type E2E } from "./harness";

const STREET_ADMIN = "13800000001";
const COMMUNITY_STAFF = "13800000002";
const RESIDENT = "13800000007";
const COMMUNITIES = ["和平社区", "幸福里社区", "春晖社区", "锦绣社区", "柳湾村"];
const DAY_MS = 86_400_000;
const WALL_REFRESH_MS = 30_000;
/** Present in ECharts' own code (the attribute it marks its charts with), in no code of ours. */
const ECHARTS_MARK = "_echarts_instance_";
const WEB_DIST = fileURLToPath(new URL("../dist", import.meta.url));

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

type Board = { indicators: { key: string; value: number | null }[] };

/** The dashboard as the API answers it to whoever is signed in on `page`. */
const boardOf = (page: Page, path: string): Promise<Board> =>
  page.evaluate((p) => fetch(p).then((r) => r.json()), path);

/** Every script the page fetched, with its text. */
function scriptsOf(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on("response", (res: Response) => {
    if (res.url().endsWith(".js")) bodies.push(res.text().catch(() => ""));
  });
  return bodies;
}

describe("a street secretary's morning (issue 13's story)", () => {
  it("the street admin opens the dashboard, follows a warning to the overdue request, and downloads the requests book", async () => {
    const page = await e2e.newPage("desktop");
    await e2e.login(page, STREET_ADMIN);
    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "数据看板" }).click();
    await page.waitForURL(/\/dashboard\/street\/\d+$/);
    const street = new URL(page.url()).pathname.split("/").pop();
    const warnings = page.getByRole("region", { name: "预警" });
    // The scheduler works the demo street's warnings out as the server starts: reload until they are there.
    const late = warnings.getByRole("row").filter({ hasText: /需求 #\d+ 超时未受理/ });
    for (let tries = 0; (await late.count()) === 0 && tries < 20; tries += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    const reason = must(await late.first().textContent());
    const requestId = must(/#(\d+)/.exec(reason))[1];
    await late.first().getByRole("link", { name: "去处理" }).click();
    await page.waitForURL(new RegExp(`/requests/${requestId}$`));
    await page.getByRole("heading", { level: 1 }).waitFor();

    // The queue of the request's community, filtered to the overdue (the warning names the community).
    type Listed = { items: { path: string; communityId: number }[] };
    const listed: Listed = await page.evaluate(
      (p) => fetch(p).then((r) => r.json()),
      `/api/warnings?scope=street&id=${street}`,
    );
    const communityId = must(listed.items.find((w) => w.path === `/requests/${requestId}`)).communityId;
    await page.goto(`${e2e.baseUrl}/queue?community=${communityId}&overdue=1`);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "导出 CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^需求台账-\d{4}-\d\d-\d\d\.csv$/);
    const rows = readFileSync(must(await csv.path()), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1);
    expect(rows.map((row) => row.split(",")[0])).toContain(requestId);
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "导出 Excel" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^需求台账-\d{4}-\d\d-\d\d\.xlsx$/);
  });
});

describe("the dashboards (红色汇治)", () => {
  it("the street admin opens the street's dashboard from the menu: each community side by side, a definition on focus, charts drawn", async () => {
    const page = await e2e.newPage("desktop");
    await e2e.login(page, STREET_ADMIN);
    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "数据看板" }).click();
    await page.waitForURL(/\/dashboard\/street\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^红色汇治/ }).waitFor();
    const street = new URL(page.url()).pathname.split("/").pop();
    const board = await boardOf(page, `/api/dashboards/street/${street}`);
    const balance = board.indicators.find((i) => i.key === "fund_balance")?.value ?? 0;
    expect(balance).toBeGreaterThan(0);
    const card = page.locator('[data-indicator="fund_balance"]');
    await expect.poll(() => card.locator(".figure").textContent()).toBe(`${balance.toLocaleString("zh-CN")} 分`);
    // Communities side by side: the bars' numbers, as a screen reader reads them, name each community.
    const split = card.locator("table", { hasText: "按社区" });
    for (const name of COMMUNITIES) await split.getByRole("rowheader", { name }).waitFor({ state: "attached" });
    for (const name of COMMUNITIES) await page.getByRole("link", { name, exact: true }).waitFor();
    // Its two charts, drawn once near the screen: the twelve months, and the communities' bars.
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator("[data-chart] svg").count()).toBe(2);
    // The definition: hidden until the name has the focus or the pointer, then shown and read with the name.
    const term = card.getByRole("button", { name: "积分基金余额" });
    const definition = card.getByRole("tooltip", { includeHidden: true });
    await expect.poll(() => definition.isVisible()).toBe(false);
    await term.focus();
    await definition.waitFor();
    expect(await definition.textContent()).toContain("此刻社区积分基金可用的余额");
    expect(await term.getAttribute("aria-describedby")).toBe(await definition.getAttribute("id"));
    await page.keyboard.press("Escape");
    await expect.poll(() => definition.isVisible()).toBe(false);
    await term.hover();
    await definition.waitFor();
    await page.close();
  });

  it("resident pages load nothing of ECharts: not in the first page's scripts, fetched only by a dashboard", async () => {
    const html = readFileSync(join(WEB_DIST, "index.html"), "utf8");
    const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
    expect(first.length).toBeGreaterThan(1);
    for (const file of first) expect(readFileSync(join(WEB_DIST, file), "utf8")).not.toContain(ECHARTS_MARK);

    const resident = await e2e.newPage("phone");
    const residentScripts = scriptsOf(resident);
    await e2e.login(resident, RESIDENT);
    for (const path of ["/", "/board/1", "/activities", "/me/points"]) {
      await resident.goto(`${e2e.baseUrl}${path}`);
      await resident.locator("main h1").first().waitFor();
    }
    // Not for residents: the page says so, and still fetches no chart code.
    await resident.goto(`${e2e.baseUrl}/dashboard`);
    await resident.getByRole("alert").waitFor();
    expect((await Promise.all(residentScripts)).filter((text) => text.includes(ECHARTS_MARK))).toEqual([]);
    await resident.close();

    const staff = await e2e.newPage("phone");
    const staffScripts = scriptsOf(staff);
    await e2e.login(staff, COMMUNITY_STAFF);
    await staff.goto(`${e2e.baseUrl}/dashboard`);
    await staff.waitForURL(/\/dashboard\/community\/1$/);
    await staff.locator("[data-chart] svg").first().waitFor();
    expect((await Promise.all(staffScripts)).filter((text) => text.includes(ECHARTS_MARK))).toHaveLength(1);
    await staff.close();
  });

  it("on a 375 px phone the cards stack in one column and the charts fit them", async () => {
    const page = await e2e.newPage("phone");
    await page.setViewportSize({ width: 375, height: 812 });
    await e2e.login(page, COMMUNITY_STAFF);
    await page.goto(`${e2e.baseUrl}/dashboard/community/1`);
    await page.locator("[data-chart] svg").first().waitFor();
    const boxes = await page.locator("article.indicator").evaluateAll((cards) =>
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        const charts = [...card.querySelectorAll("[data-chart] svg")].map((svg) => svg.getBoundingClientRect());
        return { left: box.left, right: box.right, charts: charts.map((c) => [c.left, c.right]) };
      }),
    );
    expect(boxes.length).toBeGreaterThan(20);
    expect(boxes[0]?.charts.length).toBeGreaterThan(0);
    expect(new Set(boxes.map((b) => Math.round(b.left))).size).toBe(1);
    for (const box of boxes) {
      expect(box.right).toBeLessThanOrEqual(375);
      for (const [left, right] of box.charts) {
        expect(left).toBeGreaterThanOrEqual(box.left);
        expect(right).toBeLessThanOrEqual(box.right);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });

  it("community staff reach neither another community's dashboard nor its wall: the page says they may not", async () => {
    const page = await e2e.newPage("phone");
    await e2e.login(page, COMMUNITY_STAFF);
    for (const path of ["/dashboard/community/2", "/wall/community/2", "/dashboard/street/1"]) {
      await page.goto(`${e2e.baseUrl}${path}`);
      await page.getByRole("alert").getByText("您没有权限查看").waitFor();
      expect(await page.locator(".figure, .wall-value").count()).toBe(0);
    }
    await page.close();
  });
});

describe("the wall screen (大屏)", () => {
  const wallValue = (page: Page, key: string) =>
    page.locator(`.wall-figures [data-indicator="${key}"] .wall-value`).textContent();

  /** Moves the page's timers on by one refresh and waits for the dashboard it asks for. */
  async function nextRefresh(page: Page): Promise<number> {
    const answered = page.waitForResponse((res) => res.url().includes("/api/dashboards/"), { timeout: 5_000 });
    await page.clock.fastForward(WALL_REFRESH_MS);
    return (await answered).status();
  }

  it("shows the community's figures full screen and, every 30 s, a change in the facts; an unreachable server leaves the last figures with a notice", async () => {
    const wall = await e2e.newPage("desktop");
    await e2e.login(wall, COMMUNITY_STAFF);
    await wall.clock.install();
    await wall.goto(`${e2e.baseUrl}/wall/community/1`);
    await wall.getByRole("heading", { level: 1, name: /红色汇治/ }).waitFor();
    expect(await wall.locator("nav").count()).toBe(0);
    await wall.getByText(/^更新于 \d\d:\d\d$/).waitFor();
    await wall.locator(".wall-chart [data-chart] svg").nth(2).waitFor();
    const before = Number(await wallValue(wall, "requests_received"));

    const resident = await e2e.newPage("phone");
    await e2e.login(resident, RESIDENT);
    const posted = await resident.evaluate(async () => {
      const body = { kind: "wish", category: "item", description: "想要一台收音机" };
      const res = await fetch("/api/requests", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.status;
    });
    expect(posted).toBe(201);
    await resident.close();

    // Pre-aggregated figures may lag the facts by up to a minute: the wall shows them at a refresh after that.
    const deadline = Date.now() + 75_000;
    while (Number(await wallValue(wall, "requests_received")) === before && Date.now() < deadline) {
      expect(await nextRefresh(wall)).toBe(200);
      await wall.waitForTimeout(500);
    }
    expect(Number(await wallValue(wall, "requests_received"))).toBe(before + 1);

    await wall.route("**/api/dashboards/**", (route) => route.abort());
    await wall.clock.fastForward(WALL_REFRESH_MS);
    await wall.getByRole("status").filter({ hasText: "暂时连不上服务器" }).waitFor();
    expect(Number(await wallValue(wall, "requests_received"))).toBe(before + 1);
    await wall.unroute("**/api/dashboards/**");
    expect(await nextRefresh(wall)).toBe(200);
    await expect.poll(() => wall.getByRole("status").count()).toBe(0);
    await wall.close();
  }, 120_000);

  it("a TV stays signed in: its refreshes slide the session past 30 days, where an idle one has ended", async () => {
    const wall = await e2e.newPage("desktop");
    await e2e.login(wall, STREET_ADMIN);
    const idle = await e2e.newPage("desktop");
    await e2e.login(idle, COMMUNITY_STAFF);
    await wall.clock.install();
    await wall.goto(`${e2e.baseUrl}/wall/street/1`);
    await wall.locator(".wall-figures li").first().waitFor();
    // Sessions expire by the server's system time (lucia reads Date): only Date moves, the server's timers stay real.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 20 * DAY_MS);
      expect(await nextRefresh(wall)).toBe(200);
      vi.setSystemTime(Date.now() + 20 * DAY_MS);
      expect(await nextRefresh(wall)).toBe(200);
      expect(await wall.locator(".wall-stale").count()).toBe(0);
      expect(await idle.evaluate(() => fetch("/api/me").then((r) => r.status))).toBe(401);
    } finally {
      vi.useRealTimers();
    }
    await wall.close();
    await idle.close();
  });
});
