import { afterAll, beforeAll, describe, it } from "vitest";
import { publishHaircutOffer, startE2E, type E2E } from "./harness";

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
    await publishHaircutOffer(e2e, volunteer, {
      title: "上门理发（仅一位）",
      day: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      capacity: 1,
    });

    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/services/1`);
    const offer = resident
      .getByRole("list", { name: "便民服务卡" })
      .locator("li.offer", { hasText: "上门理发（仅一位）" });
    await offer.getByText("剩余名额 1").first().waitFor();

    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.getByRole("button", { name: "English" }).click();
    await staff.goto(`${e2e.baseUrl}/services/1`);
    const english = staff
      .getByRole("list", { name: "Community services" })
      .locator("li.offer", { hasText: "上门理发（仅一位）" });
    await english.getByText("1 place left", { exact: true }).first().waitFor();
    await english.getByRole("button", { name: "Book" }).first().click();
    await staff.waitForURL(/\/requests\/\d+/);

    await offer.getByRole("button", { name: "预约" }).first().click();
    await resident.getByText("这个时段已约满，请选别的时段").waitFor();
    await Promise.all([volunteer, resident, staff].map((p) => p.context().close()));
  });
});
