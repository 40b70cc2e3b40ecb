import { afterAll, beforeAll, describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
let staff: Page;
let url: string;
beforeAll(async () => {
  e2e = await startE2E();
  staff = await e2e.newPage("desktop");
  await e2e.login(staff, "13800000002");
  url = `${e2e.baseUrl}/communities/1/deliberation-settings`;
});
afterAll(async () => {
  await e2e?.close();
});

const benchForm = (page: Page) => page.getByRole("form", { name: "板凳协商" });
const benchSteps = (page: Page) => page.getByRole("list", { name: "板凳协商的步骤" }).locator("li > span");

async function open(page: Page) {
  await page.goto(url);
  await page.getByRole("heading", { name: "议事设置", level: 1 }).waitFor();
  await benchSteps(page).first().waitFor();
}

describe("议事设置", () => {
  it("staff reach the settings from the meetings desk", async () => {
    await staff.goto(`${e2e.baseUrl}/communities/1/meetings`);
    await staff.getByRole("link", { name: "议事规则与会议规则" }).click();
    await staff.getByRole("heading", { name: "议事设置", level: 1 }).waitFor();
  });

  it("a procedure whose last step is not 结果公开 is refused with the reason, and nothing is kept", async () => {
    await open(staff);
    const form = benchForm(staff);
    await form.getByRole("button", { name: "上移：结果公开" }).click();
    await form.getByRole("button", { name: "保存板凳协商" }).click();
    await form.getByRole("alert").filter({ hasText: "最后是实施和结果公开" }).waitFor();
    await open(staff);
    expect(await benchSteps(staff).allTextContents()).toEqual(["楼道板凳协商", "组织实施", "结果公开"]);
  });

  it("staff add 征求意见 before the bench meeting, save, and find it kept after a reload", async () => {
    await open(staff);
    const form = benchForm(staff);
    await form.getByLabel("步骤", { exact: true }).selectOption("consult");
    await form.getByRole("button", { name: "添加步骤" }).click();
    for (let i = 0; i < 3; i++) await form.getByRole("button", { name: "上移：征求意见" }).click();
    await form.getByRole("button", { name: "保存板凳协商" }).click();
    await form.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await open(staff);
    expect(await benchSteps(staff).allTextContents()).toEqual(["征求意见", "楼道板凳协商", "组织实施", "结果公开"]);
  });

  it("staff add a residents' representative found by phone, and the list keeps them", async () => {
    await open(staff);
    const reps = staff.getByRole("list", { name: "居民代表" });
    await reps.locator("li").first().waitFor();
    expect(await reps.getByText("刘德顺").count()).toBe(0);
    await staff.getByRole("textbox", { name: "按姓名或手机号查找本社区居民" }).fill("13800000003");
    await staff.getByRole("button", { name: "查找", exact: true }).click();
    await staff.getByRole("button", { name: "添加为居民代表：刘德顺" }).click();
    await staff.getByRole("button", { name: "保存居民代表名单" }).click();
    await staff.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await open(staff);
    await staff.getByRole("button", { name: "移出居民代表：刘德顺" }).waitFor();
  });

  it("staff change the quorum of 两委会议 and see it kept", async () => {
    await open(staff);
    const form = staff.getByRole("form", { name: "两委会议" });
    const quorum = form.getByRole("group", { name: "到会比例（法定人数）" });
    await quorum.getByLabel("分子").fill("3");
    await quorum.getByLabel("分母").fill("4");
    await form.getByRole("button", { name: "保存两委会议" }).click();
    await form.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await open(staff);
    const kept = staff.getByRole("form", { name: "两委会议" }).getByRole("group", { name: "到会比例（法定人数）" });
    expect([await kept.getByLabel("分子").inputValue(), await kept.getByLabel("分母").inputValue()]).toEqual([
      "3",
      "4",
    ]);
  });
});
