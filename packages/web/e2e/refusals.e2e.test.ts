import { afterAll, beforeAll, describe, it } from "vitest";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("refusals in the reader's words", () => {
  it("a resident who books a slot someone else just filled reads that it is full, in Chinese; English counts its last place in the singular", async () => {
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.goto(`${e2e.baseUrl}/services/1`);
    await volunteer.getByText("发布服务项目").first().click();
    const form = volunteer.getByRole("form", { name: "发布服务项目" });
    await form.getByLabel("类别").selectOption({ label: "理发" });
    await form.getByLabel("活动名称").fill("上门理发（仅一位）");
    await form.getByLabel("地点", { exact: true }).fill("和平花园");
    await form.getByLabel("日期").fill(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel("开始").fill("09:00");
    await form.getByLabel("结束").fill("10:00");
    await form.getByLabel("人数").fill("1");
    await form.getByRole("button", { name: "发布服务项目" }).click();
    await volunteer.getByRole("list", { name: "便民服务卡" }).locator("li.offer", { hasText: "上门理发（仅一位）" }).waitFor();

    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/services/1`);
    const offer = resident.getByRole("list", { name: "便民服务卡" }).locator("li.offer", { hasText: "上门理发（仅一位）" });
    await offer.getByText("剩余名额 1").first().waitFor();

    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.getByRole("button", { name: "English" }).click();
    await staff.goto(`${e2e.baseUrl}/services/1`);
    const english = staff.getByRole("list", { name: "Community services" }).locator("li.offer", { hasText: "上门理发（仅一位）" });
    await english.getByText("1 place left", { exact: true }).first().waitFor();
    await english.getByRole("button", { name: "Book" }).first().click();
    await staff.waitForURL(/\/requests\/\d+/);

    await offer.getByRole("button", { name: "预约" }).first().click();
    await resident.getByText("这个时段已约满，请选别的时段").waitFor();
    await Promise.all([volunteer, resident, staff].map((p) => p.context().close()));
  });
});
