import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { publishHaircutOffer, startE2E, type E2E, freeDayAhead } from "./harness";
import { must } from "@tongxin/core";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const closedCount = async (page: Page) => {
  await page.goto(`${e2e.baseUrl}/board/1`);
  const text = await page.locator('[data-status="closed"] strong').textContent();
  return Number(text);
};

describe("a micro-wish from posting to the public board", () => {
  it("the resident posts it in three taps; the grid worker assigns the top match; the volunteer does it; the resident rates 5 stars; the board counts it", async () => {
    const visitor = await e2e.newPage("phone");
    const closedBefore = await closedCount(visitor);

    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/requests/new`);
    await resident.getByRole("button", { name: /微心愿/ }).click();
    await resident.getByRole("button", { name: "陪伴照护" }).click();
    await resident.getByLabel("具体情况").fill("想有人周末陪我下棋");
    await resident.getByRole("button", { name: "提交" }).click();
    await resident.getByRole("status").getByText("已提交，网格员会尽快受理").waitFor();
    const requestUrl = must(resident.url().split("?")[0]);

    const worker = await e2e.newPage("desktop");
    await e2e.login(worker, "13800000004");
    await worker.goto(`${e2e.baseUrl}/queue`);
    await worker
      .getByRole("list", { name: "需求清单" })
      .locator("li.request-item", { hasText: "想有人周末陪我下棋" })
      .getByRole("link")
      .click();
    await worker.getByRole("link", { name: "派单" }).click();
    const top = worker.getByRole("list", { name: "推荐人选" }).locator("li.match").first();
    expect(await top.textContent()).toContain("吴思远");
    expect(await top.textContent()).toContain("具备所需技能");
    await top.getByRole("button", { name: "派给TA" }).click();
    await worker.getByTestId("request-status").getByText("已派单").waitFor();

    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.goto(requestUrl);
    await volunteer.getByRole("button", { name: "接受派单" }).click();
    await volunteer.getByTestId("request-status").getByText("已认领").waitFor();
    await volunteer.getByRole("button", { name: "标记办结" }).click();
    await volunteer.getByTestId("request-status").getByText("已办结").waitFor();

    await resident.goto(requestUrl);
    await resident.getByRole("radio", { name: "5 星" }).click();
    await resident.getByLabel("评价（可不填）").fill("谢谢小吴");
    await resident.getByRole("button", { name: "确认并评价" }).click();
    await resident.getByTestId("request-status").getByText("已关闭").waitFor();
    await resident.getByText("居民已确认").waitFor();
    const timeline = await resident.getByRole("list", { name: "办理进度" }).textContent();
    for (const step of ["提交需求", "派单", "接受派单", "标记办结", "确认并评价"]) expect(timeline).toContain(step);

    expect(await closedCount(visitor)).toBe(closedBefore + 1);
    for (const page of [visitor, resident, worker, volunteer]) await page.close();
  });
});

describe("reads of residents' details", () => {
  it("community staff open a request and find their own read of the resident's phone on the audit page", async () => {
    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/queue`);
    await staff.getByRole("list", { name: "需求清单" }).locator("li.request-item").first().getByRole("link").click();
    await staff.getByTestId("request-status").waitFor();
    const owner = must(
      must(
        await staff.locator("dt", { hasText: "居民" }).locator("xpath=following-sibling::dd[1]").textContent(),
      ).split(" · ")[0],
    ).trim();
    await staff.goto(`${e2e.baseUrl}/admin/audit`);
    const reads = staff.getByRole("region", { name: "居民信息查看记录" });
    const newest = reads.locator("tbody tr").first();
    await newest.waitFor();
    expect(await newest.textContent()).toContain(owner);
    expect(await newest.textContent()).toContain("电话、地址");
    await staff.close();
  });
});

describe("the service card", () => {
  it("a resident books a haircut slot and gets a request already held by the team", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/services/1`);
    const offer = resident.getByRole("list", { name: "便民服务卡" }).locator("li.offer", { hasText: "爱心义剪" });
    await offer.getByRole("button", { name: "预约" }).first().click();
    await resident.getByTestId("request-status").getByText("已认领").waitFor();
    expect(await resident.getByText("和平社区暖心帮扶志愿服务队").count()).toBeGreaterThan(0);
    await resident.close();
  });
});

describe("the project list", () => {
  it("a team leader claims an open project and reports progress on a milestone", async () => {
    const leader = await e2e.newPage("phone");
    await e2e.login(leader, "13800000005");
    await leader.goto(`${e2e.baseUrl}/projects/1`);
    const project = leader
      .getByRole("list", { name: "项目清单" })
      .locator("li.project", { hasText: "小区安装13张休闲长椅" });
    await project.getByRole("button", { name: "认领" }).click();
    await project.getByText("进行中").waitFor();
    await project.getByRole("button", { name: "进度 +1" }).first().click();
    await project.getByText("选址与采购 1/13").waitFor();
    await leader.close();
  });
});

describe("publishing", () => {
  it("a volunteer publishes an offer on the service card; staff post a project with milestones", async () => {
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await publishHaircutOffer(e2e, volunteer, {
      title: "周末上门理发",
      day: freeDayAhead(4),
    });

    const staff = await e2e.newPage("desktop");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/projects/1`);
    await staff.getByText("发布项目").first().click();
    const project = staff.getByRole("form", { name: "发布项目" });
    await project.getByLabel("活动名称").fill("楼道加装扶手");
    await project.getByLabel("里程碑（每行一个：名称 数量）").fill("采购扶手 20\n安装 20");
    await project.getByRole("button", { name: "发布项目" }).click();
    await staff
      .getByRole("list", { name: "项目清单" })
      .locator("li.project", { hasText: "楼道加装扶手" })
      .getByText("安装 0/20")
      .waitFor();
    await volunteer.close();
    await staff.close();
  });
});
