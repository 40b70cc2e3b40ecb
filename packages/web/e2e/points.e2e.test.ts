import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startE2E, type E2E } from "./harness";
import { must } from "@tongxin/core";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const MINUTE_MS = 60_000;

/** Calls the API as the person signed in on this page (their cookies), as the web app would. */
async function call(
  page: Page,
  method: "GET" | "POST",
  path: string,
  data?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await page.request.fetch(`${e2e.baseUrl}${path}`, {
    method,
    data,
    headers: { origin: e2e.baseUrl, ...headers },
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe("points: from confirmed hours to goods handed over", () => {
  it("a volunteer with confirmed hours sees their points, redeems an item, the store hands it over by code, and the statement shows both", async () => {
    const leader = await e2e.newPage("desktop");
    await e2e.login(leader, "13800000005");
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    const before = (await call(volunteer, "GET", "/api/me/points")).available as number;

    // An hour's service, confirmed by the team leader once it is over.
    const me = await call(leader, "GET", "/api/me");
    const teamId = me.roles.find((r: { role: string }) => r.role === "teamLeader").scopeId;
    const startsAt = new Date(Date.now() + 10 * MINUTE_MS);
    const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
    const activity = await call(leader, "POST", "/api/activities", {
      communityId: 1,
      teamId,
      title: "积分测试活动",
      description: "打扫楼道",
      category: "environment",
      place: "和平花园1栋",
      shifts: [{ startsAt: iso(startsAt), endsAt: iso(new Date(startsAt.getTime() + 60 * MINUTE_MS)), capacity: 2 }],
    });
    await call(leader, "POST", `/api/activities/${activity.id}/publish`);
    const shiftId = activity.shifts[0].id;
    await call(volunteer, "POST", `/api/shifts/${shiftId}/signups`, undefined, {
      "idempotency-key": "e2e-points-signup",
    });
    e2e.clock.offsetMs = 75 * MINUTE_MS;
    const userId = (await call(volunteer, "GET", "/api/me")).user.id;
    await call(leader, "POST", `/api/shifts/${shiftId}/attendance`, { userId, attendance: "present" });
    await call(leader, "POST", `/api/shifts/${shiftId}/hours`, { entries: [{ userId }] });
    const month = new Date(Date.now() + e2e.clock.offsetMs + 8 * 3_600_000).toISOString().slice(0, 7);

    await volunteer.goto(`${e2e.baseUrl}/`);
    await volunteer.getByRole("link", { name: "我的积分" }).first().click();
    await volunteer.getByLabel("月份").fill(month);
    const statement = volunteer.getByRole("list", { name: "积分明细" });
    // The line names what earned it: the activity and its date.
    await statement
      .locator("li", { hasText: "志愿服务积分" })
      .filter({ hasText: "积分测试活动（" })
      .filter({ hasText: "+10" })
      .first()
      .waitFor();
    expect(Number(await volunteer.getByTestId("balance").textContent())).toBe(before + 10);

    await volunteer.getByRole("link", { name: "去爱心超市" }).click();
    const towel = volunteer.getByTestId("store-item").filter({ hasText: "纯棉毛巾" });
    await towel.getByRole("button", { name: "兑换" }).click();
    await towel.getByText("确认用 30 积分兑换“纯棉毛巾”").waitFor();
    await towel.getByRole("button", { name: "兑换" }).click();
    await volunteer.getByText("兑换成功，请凭核销码领取").waitFor();
    const code = must(await volunteer.getByTestId("pickup-code").first().textContent()).replace(/\s/g, "");
    expect(code).toMatch(/^\d{8}$/);
    expect(await volunteer.getByTestId("store-balance").textContent()).toContain(String(before + 10 - 30));

    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.getByRole("link", { name: "爱心超市柜台" }).click();
    await staff.getByLabel("核销码（8 位数字）").fill(code);
    await staff.getByRole("button", { name: "查询" }).click();
    await staff.getByTestId("pickup-found").getByText("纯棉毛巾 × 1").waitFor();
    // Staff at the desk check who collects: the full name and the phone's last four digits.
    expect(await staff.getByTestId("pickup-holder").textContent()).toContain("吴思远");
    expect(await staff.getByTestId("pickup-holder").textContent()).toMatch(/手机尾号 \d{4}/);
    await staff.getByRole("button", { name: "确认交付" }).click();
    await staff.getByRole("status").getByText("已交付：纯棉毛巾 × 1").waitFor();

    await volunteer.goto(`${e2e.baseUrl}/me/points`);
    await volunteer.getByLabel("月份").fill(month);
    await statement
      .locator("li", { hasText: "爱心超市兑换" })
      .filter({ hasText: "纯棉毛巾 × 1" })
      .filter({ hasText: "-30" })
      .first()
      .waitFor();
    expect(
      await statement.locator("li", { hasText: "志愿服务积分" }).filter({ hasText: "+10" }).count(),
    ).toBeGreaterThanOrEqual(1);
    const mine = volunteer.getByRole("list", { name: "我的兑换" });
    expect(await mine.locator("li", { hasText: "纯棉毛巾" }).first().getAttribute("data-status")).toBe("collected");
    await leader.close();
    await volunteer.close();
    await staff.close();
  });

  it("store staff see low stock, restock an item, and community staff read the month's figures", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/store/1/desk`);
    const eggs = staff.getByTestId("stock-line").filter({ hasText: "土鸡蛋" });
    await eggs.getByText("库存不足").waitFor();
    await eggs.getByLabel("补货数量（减少填负数）").fill("10");
    await eggs.getByRole("button", { name: "更新库存" }).click();
    await eggs.getByTestId("stock").getByText("库存 12").waitFor();
    expect(await eggs.getByText("库存不足").count()).toBe(0);

    await staff.goto(`${e2e.baseUrl}/admin/points?community=1`);
    expect(Number(await staff.getByTestId("fund-balance").textContent())).toBeGreaterThan(0);
    await staff.getByRole("heading", { name: "积分规则" }).waitFor();
    await staff.getByLabel("每服务 1 小时").fill("12");
    await staff.getByRole("button", { name: "保存规则" }).click();
    await staff.getByRole("status").getByText("已保存").waitFor();
    expect(await staff.getByRole("link", { name: "导出积分明细（Excel 表格）" }).getAttribute("href")).toMatch(
      /^\/api\/communities\/1\/points\/export\?format=xlsx&lang=zh&kind=statement&month=\d{4}-\d{2}$/,
    );
    expect(await staff.getByRole("link", { name: "导出兑换记录（CSV）" }).getAttribute("href")).toMatch(
      /^\/api\/communities\/1\/points\/export\?format=csv&lang=zh&kind=redemptions&month=\d{4}-\d{2}$/,
    );
    await staff.close();
  });
});
