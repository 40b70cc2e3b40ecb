import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeDayAhead, qrTokenOf, startE2E, type E2E } from "./harness";
import { must } from "@tongxin/core";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Two days from now in Beijing, off Saturday (the demo volunteer holds Saturday-morning places). */
const day = freeDayAhead(2);

describe("a 20-place clean-up, from publication to points spent in the 爱心超市", () => {
  it("the team leader publishes it; a volunteer signs up and finds it under 我的任务, checks in by QR, has hours confirmed, reads the activity on the statement line and spends the points; the desk sees who collects", async () => {
    const leader = await e2e.newPage("phone");
    await e2e.login(leader, "13800000005");
    await leader.goto(`${e2e.baseUrl}/activities/new?community=1`);
    await leader.getByLabel("活动名称").fill("和平花园小区大扫除");
    await leader.getByLabel("类别").selectOption({ label: "环境整治" });
    await leader.getByLabel("地点").fill("和平花园中心广场");
    await leader.getByLabel("日期").fill(day);
    await leader.getByLabel("开始").fill("09:00");
    await leader.getByLabel("结束").fill("11:00");
    await leader.getByLabel("人数").fill("20");
    await leader.getByRole("button", { name: "保存为草稿" }).click();
    await leader.getByRole("heading", { name: "和平花园小区大扫除" }).waitFor();
    await leader.getByRole("button", { name: "发布" }).click();
    await leader.getByRole("status").getByText("已发布").waitFor();
    const activityUrl = leader.url();
    const activityId = Number(activityUrl.split("/").pop());

    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    const pointsBefore = await volunteer.evaluate(() =>
      fetch("/api/me/points")
        .then((r) => r.json())
        .then((j) => j.available as number),
    );
    await volunteer.goto(activityUrl);
    await volunteer.getByText("剩余名额 20").waitFor();
    await volunteer.getByRole("button", { name: "报名" }).click();
    await volunteer.getByRole("status").getByText("报名成功").waitFor();
    await volunteer.getByText("1/20 人").waitFor();

    await volunteer.goto(`${e2e.baseUrl}/tasks`);
    const shift = volunteer.getByRole("listitem").filter({ hasText: "和平花园小区大扫除" });
    await shift.getByText("已报名").waitFor();
    await shift.getByText("到场后请扫组织者的二维码签到").waitFor();

    // The morning of the clean-up: the organiser shows the QR code, the volunteer scans it.
    e2e.clock.offsetMs = Date.parse(`${day}T08:55:00+08:00`) - Date.now();
    const shiftId = await leader.evaluate(
      (id) =>
        fetch(`/api/activities/${id}`)
          .then((r) => r.json())
          .then((j) => j.shifts[0].id as number),
      activityId,
    );
    await leader.goto(`${e2e.baseUrl}/organise/shifts/${shiftId}/qr`);
    await leader.locator(".qr svg").waitFor();
    await volunteer.goto(
      `${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(await qrTokenOf(leader, shiftId))}`,
    );
    await volunteer.getByText("签到成功：和平花园小区大扫除").waitFor();

    // After the shift the leader confirms the hours in the organiser's console.
    e2e.clock.offsetMs = Date.parse(`${day}T11:30:00+08:00`) - Date.now();
    await leader.goto(activityUrl);
    await leader.getByRole("link", { name: "组织者控制台" }).click();
    await leader.getByRole("button", { name: "确认时长" }).click();
    await leader
      .getByRole("status")
      .getByText(/吴思远：已确认 \d+ 分钟/)
      .waitFor();

    await volunteer.goto(`${e2e.baseUrl}/me/points`);
    await volunteer.getByLabel("月份").fill(day.slice(0, 7));
    const line = volunteer
      .getByRole("list", { name: "积分明细" })
      .locator("li", { hasText: "和平花园小区大扫除" })
      .first();
    await line.waitFor();
    const earnedText = must(await line.textContent());
    const earned = Number(must(/\+(\d+)/.exec(earnedText))[1]);
    expect(earned).toBeGreaterThan(0);
    expect(Number(await volunteer.getByTestId("balance").textContent())).toBe(pointsBefore + earned);

    await volunteer.getByRole("link", { name: "去爱心超市" }).click();
    const towel = volunteer.getByTestId("store-item").filter({ hasText: "纯棉毛巾" });
    await towel.getByRole("button", { name: "兑换" }).click();
    await towel.getByRole("button", { name: "兑换" }).click();
    await volunteer.getByText("兑换成功，请凭核销码领取").waitFor();
    const code = must(await volunteer.getByTestId("pickup-code").first().textContent()).replace(/\s/g, "");

    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/`);
    await staff.getByRole("link", { name: "爱心超市柜台" }).click();
    await staff.getByLabel("核销码（8 位数字）").fill(code);
    await staff.getByRole("button", { name: "查询" }).click();
    const found = staff.getByTestId("pickup-found");
    await found.getByText("纯棉毛巾 × 1").waitFor();
    expect(await found.textContent()).toContain("吴思远");
    await staff.getByRole("button", { name: "确认交付" }).click();
    await staff.getByRole("status").getByText("已交付：纯棉毛巾 × 1").waitFor();
    e2e.clock.offsetMs = 0;
    await Promise.all([leader, volunteer, staff].map((p) => p.context().close()));
  });
});
