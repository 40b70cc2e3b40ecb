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
const STARS = ["文明书香之星", "邻里和睦之星", "绿色环保之星", "热心公益之星", "孝老爱亲之星"];

async function scoreAll(page: Page, cycleUrl: string) {
  await page.goto(cycleUrl);
  const form = page.getByRole("form", { name: "郑桂兰家 提交我的评分" });
  for (const star of STARS) await form.getByLabel(`授予 ${star}`).check();
  await form.getByRole("button", { name: "提交我的评分" }).click();
  await page.getByRole("status").getByText("评分已提交").waitFor();
}

/** The resident's objection form on the notice entry, opened, filled and sent. */
async function object(entry: ReturnType<Page["getByTestId"]>, reason: string) {
  await entry.getByRole("button", { name: "提出异议" }).click();
  await entry.getByLabel("异议理由").fill(reason);
  await entry.getByRole("button", { name: "提交异议" }).click();
}

describe("a 五星家庭 cycle with an objection, on phones", () => {
  it("staff set the 监督电话; the committee opens a cycle; a grid worker nominates; the decision waits for the second member's scores; the notice starts; a resident objects once (a second is refused); the committee answers and publishes", async () => {
    // Community staff set the supervision phone the notices will print.
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.goto(`${e2e.baseUrl}/ratings?community=1`);
    const phoneForm = staff.getByRole("form", { name: "公示监督电话" });
    await phoneForm.getByLabel("监督电话").fill("12345678");
    await phoneForm.getByRole("button", { name: "保存监督电话" }).click();
    await phoneForm.getByText("监督电话格式不正确").first().waitFor();
    await phoneForm.getByLabel("监督电话").fill("010-87654321");
    await phoneForm.getByRole("button", { name: "保存监督电话" }).click();
    await phoneForm.getByRole("status").getByText("监督电话已保存").waitFor();

    const committee = await e2e.newPage("phone");
    await e2e.login(committee, "13800000003");
    await committee.getByRole("link", { name: "评星定级" }).first().click();
    const setup = committee.getByRole("form", { name: "新建评选" });
    await setup.getByLabel("评选项目").selectOption({ label: "五星家庭" });
    await setup.getByLabel("提名截止日期").fill(dayIn(3));
    await setup.getByLabel("评审截止日期").fill(dayIn(10));
    await setup.getByRole("button", { name: "创建评选" }).click();
    const cycle = committee.getByTestId("cycle").filter({ hasText: "五星家庭评选" }).filter({ hasText: "筹备中" });
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
    await worker.getByRole("button", { name: "提交申报" }).click();
    await worker.getByRole("status").getByText("已提交，系统已附上评选周期内的服务记录").waitFor();

    await committee.reload();
    await committee.getByRole("button", { name: "截止申报，开始评审" }).click();
    await committee.getByTestId("cycle-status").getByText("评审中").waitFor();

    // One member's scores are not a decision: the desk names who still has to score, and offers neither the decision nor the notice.
    await scoreAll(committee, cycleUrl);
    const candidate = committee.getByTestId("candidate").filter({ hasText: "郑桂兰家" });
    await candidate.getByTestId("standing").getByText("还需评分：钱秀英").waitFor();
    expect(await committee.getByRole("form", { name: "郑桂兰家 两委决定" }).count()).toBe(0);
    expect(await committee.getByRole("button", { name: "开始公示" }).count()).toBe(0);
    await committee.getByTestId("notice-blocked").waitFor();

    const second = await e2e.newPage("phone");
    await e2e.login(second, "13800000008");
    await scoreAll(second, cycleUrl);

    await committee.reload();
    await candidate
      .getByTestId("standing")
      .getByText(/按投票结果可以授予：文明书香之星/)
      .waitFor();
    expect(await committee.getByRole("button", { name: "开始公示" }).count()).toBe(0);
    const decision = committee.getByRole("form", { name: "郑桂兰家 两委决定" });
    await decision.getByLabel("决定理由").fill("两位委员一致同意，五颗星均获通过");
    await decision.getByRole("button", { name: "记录决定" }).click();
    await candidate
      .getByTestId("decision")
      .getByText(/五颗星均获通过/)
      .waitFor();
    await committee.getByRole("button", { name: "开始公示" }).click();
    await committee.getByTestId("cycle-status").getByText("公示中").waitFor();

    // A resident reads the notice on her phone and objects — once.
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000006");
    await resident.goto(`${e2e.baseUrl}/notices/1`);
    const notice = resident.getByTestId("notice").filter({ hasText: "五星家庭评选公示" });
    await notice.getByTestId("supervision-phone").getByText("监督电话：010-87654321").waitFor();
    const entry = notice.getByTestId("notice-entry").filter({ hasText: "郑*兰家" });
    await object(entry, "听说她家垃圾分类做得不好");
    await entry.getByRole("status").getByText("已收到您的异议，两委将核实答复").waitFor();
    await resident.reload();
    await object(entry, "再提一次：垃圾分类不好");
    await entry.getByRole("alert").getByText("您已对此提出过异议，核实后会给您答复，请耐心等待").waitFor();

    await committee.reload();
    const objections = committee.getByTestId("objection");
    await objections.filter({ hasText: "听说她家垃圾分类做得不好" }).waitFor();
    expect(await objections.filter({ hasText: "再提一次" }).count()).toBe(0);
    const objection = objections.filter({ hasText: "听说她家垃圾分类做得不好" });
    await objection.getByLabel("答复内容").fill("经入户核实，该户垃圾分类规范，异议不成立");
    await objection.getByRole("button", { name: "答复异议" }).click();
    await objection.getByText(/已答复（异议不成立）/).waitFor();

    await resident.reload();
    await notice
      .getByTestId("notice-answer")
      .getByText(/经入户核实/)
      .waitFor();
    // The printed notice: the supervision phone, and the community's signature dated the day the notice started.
    await notice.getByRole("link", { name: "打印公示（A4）" }).click();
    const print = resident.getByTestId("print-notice");
    await print.locator(".print-qr svg").waitFor();
    expect(await print.getByTestId("print-supervision").textContent()).toBe("监督电话：010-87654321");
    await print.getByText("和平社区居民委员会").waitFor();
    const today = new Date(Date.now() + 8 * 3_600_000);
    expect(await print.getByTestId("print-date").textContent()).toBe(
      `${today.getUTCFullYear()}年${today.getUTCMonth() + 1}月${today.getUTCDate()}日`,
    );

    // The notice has run its five working days.
    e2e.clock.offsetMs = 20 * DAY_MS;
    await committee.reload();
    await committee.getByRole("button", { name: "正式发布" }).click();
    await committee.getByTestId("cycle-status").getByText("已发布").waitFor();
    for (const page of [staff, committee, worker, second, resident]) await page.close();
  });
});
