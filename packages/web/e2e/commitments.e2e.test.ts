import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

const COMMUNITY_STAFF = "13800000002";
const WHAT = "为3号楼加装楼道扶手";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("承诺践诺 on a phone", () => {
  it("staff make the branch's commitment, report progress, mark it kept, and the public board shows it kept", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, COMMUNITY_STAFF);
    await staff.goto(`${e2e.baseUrl}/commitments/1`);
    await staff.getByRole("heading", { name: "承诺践诺", level: 1 }).waitFor();
    await staff.getByText("作出承诺", { exact: true }).first().click();
    const make = staff.getByRole("form", { name: "作出承诺" });
    await make.getByLabel("承诺主体").selectOption("branch");
    await make.getByLabel("承诺事项").fill(WHAT);
    // Half a year on: a commitment is due within three years.
    const dueOn = new Date(Date.now() + 182 * 86_400_000).toISOString().slice(0, 10);
    await make.getByLabel("承诺完成日期").fill(dueOn);
    await make.getByRole("button", { name: "作出承诺" }).click();

    const card = staff.getByRole("list", { name: "社区承诺台账" }).getByRole("listitem").filter({ hasText: WHAT });
    await card.first().waitFor();
    await card.first().getByText("查看进展").click();
    const report = card.first().getByRole("form", { name: "报告进展" });
    await report.getByLabel("进展情况").fill("扶手已采购到位");
    await report.getByRole("button", { name: "报告进展" }).click();
    await card.first().getByText("扶手已采购到位").waitFor();
    const outcome = card.first().getByRole("form", { name: "标记结果" });
    await outcome.getByLabel("标记结果").selectOption("kept");
    await outcome.getByRole("button", { name: "标记结果" }).click();
    await staff
      .getByRole("list", { name: "社区承诺台账" })
      .getByRole("listitem")
      .filter({ hasText: WHAT })
      .filter({ hasText: "已兑现" })
      .first()
      .waitFor();

    const resident = await e2e.newPage("phone");
    await resident.goto(`${e2e.baseUrl}/board/1`);
    const kept = resident.getByRole("list", { name: "承诺践诺公示" }).getByRole("listitem").filter({ hasText: WHAT });
    await kept.waitFor();
    expect(await kept.textContent()).toContain("已兑现");
    expect(await kept.textContent()).toContain("和平社区党支部");
  });
});
