import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startE2E, type E2E } from "./harness";
import { must } from "@tongxin/core";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** The message on the home page's inbox that contains these words. */
const message = (page: Page, words: string): Locator =>
  page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "我的消息" }) })
    .locator("li.message", { hasText: words });

async function expectTapTarget(link: Locator) {
  const box = await link.boundingBox();
  expect(must(box).height).toBeGreaterThanOrEqual(44);
}

describe("messages that say what happened, on the phones of the people they concern", () => {
  it("the grid worker hears of the new request, assigns it; the volunteer reads 您被派单 naming it and opens it; the resident is prompted to confirm and confirms from the message", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/requests/new`);
    await resident.getByRole("button", { name: /微心愿/ }).click();
    await resident.getByRole("button", { name: "陪伴照护" }).click();
    await resident.getByLabel("具体情况").fill("想请人陪我去菜市场");
    await resident.getByRole("button", { name: "提交" }).click();
    await resident.getByRole("status").getByText("已提交，网格员会尽快受理").waitFor();
    const requestPath = new URL(resident.url()).pathname;

    const worker = await e2e.newPage("phone");
    await e2e.login(worker, "13800000004");
    const told = message(worker, "新需求：陪伴照护「想请人陪我去菜市场」");
    await told.waitFor();
    expect(await worker.getByRole("heading", { name: /^未读消息（\d+ 条）$/ }).count()).toBe(1);
    await expectTapTarget(told.getByRole("link", { name: "查看需求" }));
    await told.getByRole("link", { name: "查看需求" }).click();
    await worker.waitForURL((url) => url.pathname === requestPath);
    await worker.getByRole("link", { name: "派单" }).click();
    await worker
      .getByRole("list", { name: "推荐人选" })
      .locator("li.match")
      .first()
      .getByRole("button", { name: "派给TA" })
      .click();
    await worker.getByTestId("request-status").getByText("已派单").waitFor();

    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    const assigned = message(volunteer, "您被派单：陪伴照护「想请人陪我去菜市场」");
    await assigned.waitFor();
    expect(await message(volunteer, "您的需求有进展").count()).toBe(0); // never the resident's words
    await assigned.getByRole("link", { name: "查看需求" }).click();
    await volunteer.waitForURL((url) => url.pathname === requestPath);
    await volunteer.getByRole("button", { name: "接受派单" }).click();
    await volunteer.getByTestId("request-status").getByText("已认领").waitFor();
    await volunteer.getByRole("button", { name: "标记办结" }).click();
    await volunteer.getByTestId("request-status").getByText("已办结").waitFor();

    await resident.goto(e2e.baseUrl);
    await message(resident, "您的需求「想请人陪我去菜市场」有进展：已派单").waitFor();
    const prompt = message(resident, "您的需求「想请人陪我去菜市场」已经办好了，请您确认并评价");
    await expectTapTarget(prompt.getByRole("link", { name: "去确认" }));
    await prompt.getByRole("link", { name: "去确认" }).click();
    await resident.waitForURL((url) => url.pathname === requestPath && url.hash === "#confirm");
    const form = resident.locator("form#confirm");
    await form.waitFor();
    expect(await form.isVisible()).toBe(true);
    await resident.getByRole("radio", { name: "5 星" }).click();
    await resident.getByRole("button", { name: "确认并评价" }).click();
    await resident.getByTestId("request-status").getByText("已关闭").waitFor();

    // Seen once, the messages are under 已读 on the next visit; nothing is lost.
    await resident.goto(e2e.baseUrl);
    const read = resident.getByRole("list", { name: "已读消息" });
    await read.locator("li.message", { hasText: "已经办好了，请您确认并评价" }).waitFor();
    expect(
      await resident
        .getByRole("list", { name: /^未读消息/ })
        .locator("li.message", { hasText: "想请人陪我去菜市场" })
        .count(),
    ).toBe(0);
  });

  it("points given to a household reach it in English too, counted as 1 point and 2 points, with a button to the points page", async () => {
    const giver = await e2e.newPage("phone");
    await e2e.login(giver, "13800000006");
    for (const amount of ["1", "2"]) {
      await giver.goto(`${e2e.baseUrl}/me/points`);
      await giver.getByLabel("转赠给困难家庭").check();
      await giver.getByLabel("对方家庭成员的手机号").fill("13800000007");
      await giver.getByLabel("积分", { exact: true }).fill(amount);
      await giver.getByLabel("留言（可不填）").fill(`祝您冬天暖和${amount}`);
      await giver.getByRole("button", { name: "确认转赠" }).click();
      await giver.getByText(`已转赠 ${amount} 积分`).waitFor();
    }
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.getByRole("button", { name: "English" }).click();
    await resident.getByRole("heading", { name: "Messages" }).waitFor();
    const inbox = resident.getByRole("article").filter({ has: resident.getByRole("heading", { name: "Messages" }) });
    await inbox.locator("li.message", { hasText: "Your household received 1 point: 祝您冬天暖和1" }).waitFor();
    const two = inbox.locator("li.message", { hasText: "Your household received 2 points: 祝您冬天暖和2" });
    await two.getByRole("link", { name: "My points" }).click();
    await resident.waitForURL((url) => url.pathname === "/me/points");
  });

  it("someone with no messages reads an empty inbox that says what will come", async () => {
    const admin = await e2e.newPage("phone");
    await e2e.login(admin, "13800000001");
    await admin.getByText("还没有消息。您的需求有进展、活动有变化时，会在这里告诉您。").waitFor();
  });
});
