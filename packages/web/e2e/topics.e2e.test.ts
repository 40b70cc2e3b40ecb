import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("议题", () => {
  it("a resident proposes fixing a stairwell light on a phone, a neighbour supports it, staff take it to 板凳协商", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.getByRole("navigation", { name: "main" }).getByRole("link", { name: "议事协商" }).click();
    await resident.getByRole("heading", { name: "社区议题", level: 1 }).waitFor();
    await resident.getByText("提出议题", { exact: true }).first().click();
    const form = resident.getByRole("form", { name: "提出议题" });
    await form.getByLabel("议题标题").fill("3号楼楼道灯坏了");
    await form.getByLabel("具体情况").fill("三单元二楼到四楼的楼道灯不亮，老人晚上上下楼不安全。");
    await form.getByRole("button", { name: "提出议题" }).click();
    await resident.getByRole("status").filter({ hasText: "议题已提出" }).waitFor();
    await resident.getByRole("link", { name: "3号楼楼道灯坏了" }).click();
    await resident.waitForURL(/\/topics\/\d+$/);
    const topicUrl = resident.url();

    const neighbour = await e2e.newPage("phone");
    await e2e.login(neighbour, "13800000006");
    await neighbour.goto(topicUrl);
    await neighbour.getByRole("button", { name: "我支持" }).click();
    await neighbour.getByText("1 人支持").waitFor();
    expect(await neighbour.getByText("已支持").count()).toBe(1);

    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.goto(topicUrl);
    await staff.getByLabel("议事流程").selectOption("bench");
    await staff.getByRole("button", { name: "纳入议事" }).click();
    await staff.getByRole("list", { name: "议事过程" }).getByText("楼道板凳协商").waitFor();
    await staff.getByLabel("作出决定的会议编号").waitFor();

    await resident.reload();
    await resident.getByText("协商中").first().waitFor();
    await resident.goto(`${e2e.baseUrl}/`);
    await resident.locator("li.message", { hasText: "您提出的议题“3号楼楼道灯坏了”：协商中" }).waitFor();
  });

  it("a topic that does not exist shows the error state with a way home", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/topics/999999`);
    const alert = resident.getByRole("alert");
    await alert.waitFor();
    expect(await alert.getByRole("link", { name: "回到首页" }).count()).toBe(1);
  });
});
