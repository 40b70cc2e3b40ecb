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

const WISH = "想要一个助行器，走路不稳";

/** The page's own navigation, as a person taps it. */
const tapNav = (page: Page, name: string) =>
  page.getByRole("navigation").getByRole("link", { name, exact: true }).click();

describe("a grid worker posts a resident's micro-wish for her; she follows and confirms it on her own phone", () => {
  it("the walker: posted for 郑桂兰, accepted, claimed from 附近需求 and found under 我的任务, done, confirmed in plain words", async () => {
    const worker = await e2e.newPage("phone");
    await e2e.login(worker, "13800000004");
    await tapNav(worker, "需求清单");
    await worker.getByRole("link", { name: "提需求" }).click();
    await worker.getByRole("button", { name: /微心愿/ }).click();
    await worker.getByRole("button", { name: "物品心愿" }).click();
    await worker.getByLabel("具体情况").fill(WISH);
    await worker.getByLabel("居民姓名、手机号或手机尾号（后四位）").fill("13800000007");
    await worker.getByRole("button", { name: "查找居民" }).click();
    await worker
      .getByRole("list", { name: "查找居民" })
      .getByRole("button", { name: /郑桂兰/ })
      .click();
    await worker.getByTestId("posting-for").getByText("将为 郑桂兰 发布").waitFor();
    await worker.getByRole("button", { name: "提交" }).click();
    await worker.getByText("由网格员代为发布").first().waitFor();
    const requestUrl = must(worker.url().split("?")[0]);
    // A grid worker without a volunteer profile is told how to become one instead of being offered 认领.
    expect(await worker.getByRole("button", { name: "认领" }).count()).toBe(0);
    await worker.getByTestId("become-volunteer").waitFor();
    await worker.getByRole("button", { name: "受理", exact: true }).click();
    await worker.getByRole("status").getByText("已受理，请尽快安排办理").waitFor();

    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await tapNav(resident, "我的需求");
    await resident.locator("li.request-item", { hasText: WISH }).getByRole("link").click();
    await resident.getByTestId("request-status").getByText("已受理").waitFor();
    const badges = await resident.locator(".badge").allTextContents();
    expect(badges).toContain("由网格员代为发布");
    const timeline = must(await resident.getByRole("list", { name: "办理进度" }).textContent());
    expect(timeline).toContain("由网格员代为发布");
    expect(timeline).not.toMatch(/proxy|volunteer:|网格员代发/);

    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await tapNav(volunteer, "附近需求");
    await volunteer
      .getByRole("list", { name: "附近适合我的需求" })
      .locator("li.request-item", { hasText: WISH })
      .getByRole("button", { name: "认领" })
      .click();
    await volunteer.getByRole("status").getByText("认领成功，可以在“我的任务”里找到它").waitFor();
    // The list reloads after the notice: wait for the claimed wish to leave it rather than reading it at once.
    await volunteer.locator("li.request-item", { hasText: WISH }).waitFor({ state: "detached" });
    await tapNav(volunteer, "我的任务");
    const task = volunteer.getByRole("list", { name: "我手上的需求" }).locator("li.task", { hasText: WISH });
    await task.getByTestId("next-step").getByText("下一步：联系居民，然后开始办理").waitFor();
    expect(await task.textContent()).toContain("郑*兰");
    await task.getByRole("button", { name: "开始办理" }).click();
    await task.getByTestId("next-step").getByText("下一步：办完后标记办结").waitFor();
    await task.getByRole("button", { name: "标记办结" }).click();
    await task.getByTestId("next-step").getByText("已办结，等居民确认").waitFor();

    await resident.goto(requestUrl);
    await resident.getByTestId("request-status").getByText("已办结").waitFor();
    await resident.getByRole("radio", { name: "5 星" }).click();
    await resident.getByRole("button", { name: "确认并评价" }).click();
    await resident.getByRole("status").getByText("已确认办好了，谢谢您的评价").waitFor();
    await resident.getByTestId("request-status").getByText("已关闭").waitFor();
    for (const page of [worker, resident, volunteer]) await page.close();
  });
});

describe("a volunteer's tasks", () => {
  it("a volunteer claims a request from 附近需求 on the home page's way in and finds it under 我的任务 with its next step", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    const posted = await resident.evaluate(async () => {
      const res = await fetch("/api/requests", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "wish", category: "item", description: "想要一本大字版象棋书" }),
      });
      return (await res.json()) as { id: number };
    });
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.locator('[data-role="volunteer"]').getByRole("link", { name: "附近需求" }).click();
    await volunteer
      .locator(`li.request-item[data-request="${posted.id}"]`)
      .getByRole("button", { name: "认领" })
      .click();
    await volunteer.getByRole("link", { name: "我的任务" }).first().click();
    await volunteer.getByRole("heading", { name: "我的任务", level: 1 }).waitFor();
    const task = volunteer.locator(`li.task[data-task="${posted.id}"]`);
    await task.getByTestId("next-step").getByText("下一步：联系居民，然后开始办理").waitFor();
    await task.getByRole("link", { name: "查看详情" }).click();
    await volunteer.getByTestId("request-status").getByText("已认领").waitFor();
    for (const page of [resident, volunteer]) await page.close();
  });

  it("the resident's home names the request board and the rating notices apart", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    const card = resident.locator('[data-role="resident"]');
    await card.getByRole("link", { name: "办理公示" }).waitFor();
    await card.getByRole("link", { name: "评星公示" }).waitFor();
    expect(await card.getByRole("link", { name: "公示", exact: true }).count()).toBe(0);
    await resident.close();
  });
});
