import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { must } from "@tongxin/core";
import { startE2E, type E2E } from "./harness";

const STAFF = "13800000002";
const GRID_WORKER = "13800000004";
/** 赵志刚, made a Party member for the story. */
const PARTY_MEMBER = "13800000005";
const VOLUNTEER = "13800000006";
/** 郑桂兰, an elderly resident living alone. */
const RESIDENT = "13800000007";
const NEED = "助行器坏了";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** A JSON call from the signed-in page, as its own scripts make them (same origin, its session cookie). */
async function call(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`/api${p}`, {
        method: m,
        headers: { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, json: await res.json() };
    },
    [method, path, body] as const,
  );
}

/** The resident's home: the first door of her building. */
async function residentHousehold(staff: Page): Promise<number> {
  const resident = await e2e.newPage("phone");
  await e2e.login(resident, RESIDENT);
  const me = await call(resident, "GET", "/me");
  const doors = await call(staff, "GET", `/buildings/${me.json.user.buildingId}/households?limit=100`);
  return Math.min(...doors.json.items.map((d: { id: number }) => d.id));
}

describe("党员联户 on phones", () => {
  it("staff pair a Party member with an elderly resident living alone; his visit finds a broken walker; it becomes a request a volunteer claims from his feed; the grid worker sees both", async () => {
    const member = await e2e.newPage("phone");
    await e2e.login(member, PARTY_MEMBER);
    const profile = { homeGridId: null, skillIds: [], availability: [], partnerUnitId: null, publicNameConsent: false };
    expect((await call(member, "PUT", "/me/volunteer", { ...profile, partyStatus: "active" })).status).toBe(200);

    // Staff open her household's care, write its profile and her consent, and pair him with it.
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    const householdId = await residentHousehold(staff);
    await staff.goto(`${e2e.baseUrl}/households/${householdId}/care`);
    await staff.getByText("该户还没有关爱档案。").waitFor();
    await staff.locator("summary", { hasText: "编辑档案" }).click();
    const edit = staff.getByRole("form", { name: "编辑档案" });
    await edit.getByLabel("独居老人").check();
    await edit.getByLabel("走访频次").selectOption("weekly");
    await edit.getByRole("button", { name: "保存档案" }).click();
    await staff.locator("dl.facts").getByText("独居老人").waitFor();
    await staff.locator("summary", { hasText: "记录同意" }).click();
    const consent = staff.getByRole("form", { name: "记录同意" });
    await consent.getByLabel("同意人姓名").fill("郑桂兰");
    await consent.getByRole("button", { name: "记录同意" }).click();
    await staff
      .locator("dl.facts")
      .getByText(/本人 郑桂兰 于 .* 同意/)
      .waitFor();
    const find = staff.getByRole("form", { name: "查找志愿者" });
    await find.getByLabel("查找志愿者").fill("赵志刚");
    await find.getByRole("button", { name: "查找" }).click();
    await find.getByRole("button", { name: /赵志刚/ }).click();
    const pair = staff.getByRole("form", { name: "结对", exact: true });
    expect(await pair.getByLabel("结对身份").inputValue()).toBe("partyMember");
    await pair.getByRole("button", { name: "结对", exact: true }).click();
    await staff.getByTestId("care-pairing").filter({ hasText: "赵志刚" }).filter({ hasText: "党员" }).waitFor();

    // He finds her on his home page, records the visit in a few taps and turns the need into a request.
    await member.goto(e2e.baseUrl);
    await member.getByRole("link", { name: /我的联户/ }).click();
    const item = member.getByTestId("care-household");
    await item.first().waitFor();
    await item.first().getByRole("link", { name: "记录走访" }).click();
    await member.getByRole("button", { name: "较差" }).click();
    await member.getByLabel("发现的需求").fill(NEED);
    await member.getByRole("button", { name: "保存走访" }).click();
    await member.getByRole("status").getByText("走访已记录。").waitFor();
    await member.getByRole("button", { name: "陪伴照护" }).click();
    await member.getByRole("button", { name: "转为诉求" }).click();
    const link = member.getByTestId("visit-request-link");
    await link.waitFor();
    // The visitor is told which request it became; its page is for the resident, its holder and staff.
    expect(await link.getAttribute("href")).toBeNull();
    const requestPath = `/requests/${must(/#(\d+)/.exec(must(await link.textContent()))?.[1])}`;

    // A volunteer whose skills fit (助老陪护) claims it from the requests near him.
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, VOLUNTEER);
    await volunteer.goto(`${e2e.baseUrl}/me/feed`);
    await volunteer
      .getByRole("list", { name: "附近适合我的需求" })
      .locator("li.request-item", { hasText: NEED })
      .getByRole("button", { name: "认领" })
      .click();
    await volunteer.getByRole("status").getByText("认领成功，可以在“我的任务”里找到它").waitFor();

    // The grid worker finds the visit among those to confirm, and sees it and the request, claimed, on the household's page.
    const worker = await e2e.newPage("phone");
    await e2e.login(worker, GRID_WORKER);
    await worker.goto(`${e2e.baseUrl}/communities/1/care/confirmations`);
    await worker
      .getByTestId("care-unconfirmed")
      .filter({ hasText: "赵志刚" })
      .getByRole("link", { name: "去认定" })
      .click();
    await worker.waitForURL(`**/households/${householdId}/care`);
    const visit = worker.getByTestId("care-visit").filter({ hasText: NEED });
    await visit.waitFor();
    expect(await visit.textContent()).toContain("赵志刚");
    expect(await visit.textContent()).toContain("较差");
    const request = worker.getByTestId("care-request").filter({ has: worker.locator(`a[href="${requestPath}"]`) });
    await request.getByText("已认领").waitFor();
    expect(await request.textContent()).toContain("来自走访");

    // The same page in English, in large text: its words are English and it fits the phone's width.
    await worker.getByRole("button", { name: "English" }).click();
    await worker.getByRole("heading", { name: "Care profile", level: 1 }).waitFor();
    await worker
      .getByRole("button", { name: "大字模式" })
      .or(worker.getByRole("button", { name: "Large text" }))
      .click();
    await worker.getByTestId("care-request").getByText("From a visit").first().waitFor();
    expect(await visit.textContent()).toContain("Poor");
    const width = await worker.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
