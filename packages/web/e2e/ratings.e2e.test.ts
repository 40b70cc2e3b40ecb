import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const DAY_MS = 86_400_000;
/** A day from now in Beijing, as the date input wants it. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
const PHONE = /1[3-9]\d{9}/;

async function scoreAll(page: Page, cycleUrl: string) {
  await page.goto(cycleUrl);
  const form = page.getByRole("form", { name: "郑桂兰家 提交我的评分" });
  for (const star of ["文明书香之星", "邻里和睦之星", "绿色环保之星", "热心公益之星", "孝老爱亲之星"])
    await form.getByLabel(`授予 ${star}`).check();
  await form.getByRole("button", { name: "提交我的评分" }).click();
  await page.getByRole("status").getByText("评分已提交").waitFor();
}

describe("a 五星家庭 cycle from set-up to the honor roll", () => {
  it("the committee opens it, a grid worker nominates a household with evidence, two members score it, the notice goes public, a resident objects, the committee answers and publishes", async () => {
    const committee = await e2e.newPage("desktop");
    await e2e.login(committee, "13800000003");
    await committee.getByRole("link", { name: "评星定级" }).first().click();
    const setup = committee.getByRole("form", { name: "新建评选" });
    await setup.getByLabel("评选项目").selectOption({ label: "五星家庭" });
    await setup.getByLabel("提名截止日期").fill(dayIn(3));
    await setup.getByLabel("评审截止日期").fill(dayIn(10));
    await setup.getByRole("button", { name: "创建评选" }).click();
    const cycle = committee.getByTestId("cycle").filter({ hasText: "五星家庭评选" }).filter({ hasText: "筹备中" });
    await cycle.waitFor();
    await cycle.getByRole("link", { name: "评审台" }).click();
    await committee.getByRole("button", { name: "开放申报" }).click();
    await committee.getByTestId("cycle-status").getByText("申报中").waitFor();
    const cycleUrl = committee.url();

    const worker = await e2e.newPage("phone");
    await e2e.login(worker, "13800000004");
    await worker.goto(`${cycleUrl}/nominate`);
    await worker.getByLabel("搜索姓名").fill("郑桂兰");
    await worker.getByLabel("搜索姓名").press("Enter");
    await worker.getByLabel("选择对象").locator("option", { hasText: "郑桂兰家" }).waitFor({ state: "attached" });
    await worker.getByLabel("选择对象").selectOption({ label: "郑桂兰家" });
    await worker.getByLabel("推荐方式").selectOption({ label: "网格员推荐" });
    await worker.getByLabel("孝老爱亲之星：为什么值得（可不填）").fill("照顾卧床婆婆十年");
    await worker.getByLabel("其他说明（可不填）").fill("楼栋长和邻居均可作证");
    await worker.getByRole("button", { name: "提交申报" }).click();
    await worker.getByRole("status").getByText("已提交，系统已附上评选周期内的服务记录").waitFor();

    await committee.reload();
    await committee
      .getByTestId("candidate")
      .filter({ hasText: "郑桂兰家" })
      .getByText("楼栋长和邻居均可作证")
      .waitFor();
    await committee.getByRole("button", { name: "截止申报，开始评审" }).click();
    await committee.getByTestId("cycle-status").getByText("评审中").waitFor();
    await scoreAll(committee, cycleUrl);
    const second = await e2e.newPage("desktop");
    await e2e.login(second, "13800000008");
    await scoreAll(second, cycleUrl);

    await committee.reload();
    const candidate = committee.getByTestId("candidate").filter({ hasText: "郑桂兰家" });
    expect(await candidate.getByTestId("tally-filial").textContent()).toContain("赞成 2 / 应投 2");
    const decision = committee.getByRole("form", { name: "郑桂兰家 两委决定" });
    await decision.getByLabel("决定理由").fill("五颗星均获全票通过");
    await decision.getByRole("button", { name: "记录决定" }).click();
    await candidate
      .getByTestId("decision")
      .getByText(/五颗星均获全票通过/)
      .waitFor();
    await committee.getByRole("button", { name: "开始公示" }).click();
    await committee.getByTestId("cycle-status").getByText("公示中").waitFor();

    // A resident reads the public notice on a phone and objects.
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000006");
    await resident.goto(`${e2e.baseUrl}/notices/1`);
    const notice = resident.getByTestId("notice").filter({ hasText: "五星家庭评选公示" });
    const entry = notice.getByTestId("notice-entry").filter({ hasText: "郑*兰家" });
    await entry.getByRole("button", { name: "提出异议" }).click();
    await entry.getByLabel("异议理由").fill("听说她家垃圾分类做得不好");
    await entry.getByRole("button", { name: "提交异议" }).click();
    await entry.getByRole("status").getByText("已收到您的异议，两委将核实答复").waitFor();
    expect(await notice.textContent()).not.toContain("郑桂兰");

    await committee.reload();
    const objection = committee.getByTestId("objection").filter({ hasText: "听说她家垃圾分类做得不好" });
    await objection.getByLabel("答复内容").fill("经入户核实，该户垃圾分类规范，异议不成立");
    await objection.getByRole("button", { name: "答复异议" }).click();
    await objection.getByText(/已答复（异议不成立）/).waitFor();

    await resident.reload();
    await notice
      .getByTestId("notice-answer")
      .getByText(/经入户核实/)
      .waitFor();
    expect(await notice.textContent()).not.toMatch(PHONE);
    await notice.getByRole("link", { name: "打印公示（A4）" }).click();
    await resident.getByTestId("print-notice").locator(".print-qr svg").waitFor();
    expect(await resident.getByTestId("print-notice").textContent()).toContain("郑*兰家");

    // The notice has run its five working days.
    e2e.clock.offsetMs = 20 * DAY_MS;
    await committee.reload();
    await committee.getByRole("button", { name: "正式发布" }).click();
    await committee.getByTestId("cycle-status").getByText("已发布").waitFor();

    const visitor = await e2e.newPage("phone");
    await visitor.goto(`${e2e.baseUrl}/honor/1`);
    const family = visitor
      .getByTestId("honor-scheme")
      .filter({ has: visitor.getByRole("heading", { name: "五星家庭", exact: true }) });
    await family
      .getByTestId("honoree")
      .filter({ hasText: "郑*兰家" })
      .filter({ hasText: "★ 五星家庭" })
      .first()
      .waitFor();
    expect(await visitor.locator("main").textContent()).not.toMatch(PHONE);

    // Revoked later, with a public reason: a new record, the award itself untouched.
    await committee.goto(`${e2e.baseUrl}/honor/1`);
    const honoree = committee
      .getByTestId("honoree")
      .filter({ hasText: "郑*兰家" })
      .filter({ hasText: "★ 五星家庭" })
      .first();
    await honoree.getByRole("button", { name: "撤销" }).click();
    await honoree.getByLabel("撤销理由（将公开）").fill("申报材料与事实不符");
    await honoree.getByRole("button", { name: "撤销" }).click();
    await committee.getByText(/已撤销：申报材料与事实不符/).waitFor();
    for (const page of [committee, worker, second, resident, visitor]) await page.close();
  });
});
