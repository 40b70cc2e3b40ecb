import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedShift, qrTokenOf, startE2E, type E2E, freeDayAhead } from "./harness";
import { must } from "@tongxin/core";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("from a published activity to hours in the record", () => {
  it("a team leader publishes; a volunteer signs up on a phone; the organiser marks attendance and confirms hours; the volunteer sees them", async () => {
    const leader = await e2e.newPage("desktop");
    await e2e.login(leader, "13800000005");
    await leader.goto(`${e2e.baseUrl}/activities/new?community=1`);
    await leader.getByLabel("活动名称").fill("端到端助老探访");
    await leader.getByLabel("地点").fill("和平花园2栋");
    const day = freeDayAhead(3);
    await leader.getByLabel("日期").fill(day);
    await leader.getByLabel("开始").fill("09:00");
    await leader.getByLabel("结束").fill("11:00");
    await leader.getByLabel("人数").fill("3");
    await leader.getByRole("button", { name: "保存为草稿" }).click();
    await leader.getByRole("heading", { name: "端到端助老探访" }).waitFor();
    await leader.getByRole("button", { name: "发布" }).click();
    await leader.getByRole("status").getByText("已发布").waitFor();
    const activityUrl = leader.url();

    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.goto(activityUrl);
    await volunteer.getByRole("button", { name: "报名" }).click();
    await volunteer.getByRole("status").getByText("报名成功").waitFor();
    await volunteer.getByText("已报名").waitFor();
    expect(await volunteer.getByText("1/3 人").isVisible()).toBe(true);

    // The shift (09:00–11:00 in Beijing) is over: an hour after its end.
    e2e.clock.offsetMs = Date.parse(`${day}T12:00:00+08:00`) - Date.now();
    await leader.getByRole("link", { name: "组织者控制台" }).click();
    const person = leader.locator("li.person", { hasText: "吴思远" });
    await person.getByRole("button", { name: "到场" }).click();
    await leader.getByRole("status").getByText("吴思远：已标记到场").waitFor();
    await leader.getByRole("button", { name: "确认时长" }).click();
    await leader.getByRole("status").getByText("吴思远：已确认 120 分钟").waitFor();

    await volunteer.getByRole("link", { name: "志愿者档案" }).click();
    await volunteer.getByRole("link", { name: "我的服务记录" }).click();
    const entries = volunteer.getByRole("list", { name: "服务明细" });
    await entries.getByText("端到端助老探访").waitFor();
    expect(await entries.locator("li", { hasText: "端到端助老探访" }).textContent()).toContain("2 h");
    expect(await volunteer.getByTestId("total-hours").textContent()).toContain("162");
    await leader.close();
    await volunteer.close();
  });

  it("a volunteer scans the organiser's QR code to check in (a reload keeps the check-in), and again when leaving to check out", async () => {
    e2e.clock.offsetMs = 0;
    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const day = freeDayAhead(5);
    const shiftId = await publishedShift(organiser, day, "扫码签到演练");
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.evaluate(
      (id) => fetch(`/api/shifts/${id}/signups`, { method: "POST", headers: { "idempotency-key": "e2e-scan-0001" } }),
      shiftId,
    );

    e2e.clock.offsetMs = Date.parse(`${day}T14:05:00+08:00`) - Date.now();
    await organiser.goto(`${e2e.baseUrl}/organise/shifts/${shiftId}/qr`);
    await organiser.locator(".qr svg").waitFor();
    const token = await qrTokenOf(organiser, shiftId);
    await volunteer.goto(`${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(token)}`);
    await volunteer.getByText("签到成功：扫码签到演练").waitFor();
    // A phone reloads the page when one comes back to the browser: the code is used, the check-in kept.
    await volunteer.reload();
    await volunteer.getByText(/^这个码您已经用过了，签到已记录/).waitFor();
    e2e.clock.offsetMs = Date.parse(`${day}T16:00:00+08:00`) - Date.now();
    const later = await qrTokenOf(organiser, shiftId);
    await volunteer.goto(`${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(later)}`);
    await volunteer.getByText("签退成功：扫码签到演练").waitFor();
    e2e.clock.offsetMs = 0;
    await organiser.close();
    await volunteer.close();
  });

  it("community staff create a team of their own type with a leader named by phone, and add a skill", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/teams?community=1`);
    const form = staff.locator("form", { has: staff.getByRole("button", { name: "新建队伍" }) });
    await form.getByLabel("队伍名称").fill("和平社区巾帼志愿服务队");
    await form.getByLabel("类型").fill("巾帼");
    await form.getByLabel("队长手机号（可不填）").fill("13800000003");
    await form.getByRole("button", { name: "新建队伍" }).click();
    await staff.getByRole("link", { name: "和平社区巾帼志愿服务队" }).click();
    await staff.getByText("队长：刘德顺").waitFor();

    await staff.goto(`${e2e.baseUrl}/volunteers?community=1`);
    const skillForm = staff.getByRole("form", { name: "新增技能" });
    await skillForm.getByLabel("新增技能").fill("手语");
    await skillForm.getByRole("button", { name: "保存" }).click();
    await staff.getByRole("status").getByText("已创建“手语”").waitFor();
    await staff
      .getByRole("combobox", { name: "技能" })
      .locator("option", { hasText: "手语" })
      .waitFor({ state: "attached" });
    await staff.close();
  });

  it("the activity list shows what suits a volunteer first, and the QR screen draws a code", async () => {
    const page = await e2e.newPage("phone");
    await e2e.login(page, "13800000006");
    await page.goto(`${e2e.baseUrl}/activities`);
    // The lists' frames come before their cards: wait for a card, not a list.
    await page.locator("li.activity-card").first().waitFor();

    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const firstUpcoming = page.locator("li.activity-card a").first();
    const href = await firstUpcoming.getAttribute("href");
    const activityId = Number(must(href).split("/").pop());
    await organiser.goto(`${e2e.baseUrl}/organise/${activityId}`);
    await organiser.getByRole("link", { name: "签到二维码" }).click();
    await organiser.locator(".qr svg").waitFor();
    await page.close();
    await organiser.close();
  });
});

describe("my shifts in a phone's calendar", () => {
  it("a volunteer makes a private feed link that a calendar app reads, downloads a shift's .ics, and stops the feed", async () => {
    e2e.clock.offsetMs = 0;
    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const shiftId = await publishedShift(organiser, freeDayAhead(4), "端到端日历订阅");
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.evaluate((id) => fetch(`/api/shifts/${id}/signups`, { method: "POST" }), shiftId);

    await volunteer.goto(`${e2e.baseUrl}/me/shifts`);
    await volunteer.getByRole("button", { name: "生成订阅链接" }).click();
    const url = await volunteer.getByLabel("订阅链接", { exact: true }).inputValue();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    expect(await volunteer.getByLabel("手机日历地址（webcal）").inputValue()).toBe(url.replace("http://", "webcal://"));
    // A calendar app fetches it with no session.
    const feed = await fetch(url);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain(`UID:shift-${shiftId}@tongxin`);

    const row = volunteer.locator("li.card", { hasText: "端到端日历订阅" });
    const download = volunteer.waitForEvent("download");
    await row.getByRole("link", { name: "加入日历" }).click();
    expect((await download).suggestedFilename()).toBe(`tongxin-shift-${shiftId}.ics`);

    volunteer.once("dialog", (dialog) => void dialog.accept());
    await volunteer.getByRole("button", { name: "停用订阅" }).click();
    await volunteer.getByRole("status").getByText("订阅已停用").waitFor();
    expect((await fetch(url)).status).toBe(404);
    await organiser.close();
    await volunteer.close();
  });
});
