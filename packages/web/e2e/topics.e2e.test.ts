import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { must, TOPIC_COMMENTS_PER_PERSON_MAX } from "@tongxin/core";
import { freeDayAhead, startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("议题", () => {
  it("a resident proposes fixing a stairwell light on a phone, a neighbour supports it, staff decide it at a 板凳协商 meeting, and the resident sees the result on their phone", async () => {
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

    const meetingUrl = await planBenchMeeting(staff);
    await tickPresent(staff, meetingUrl);
    for (const phone of [resident, neighbour]) await voteFor(phone, meetingUrl);
    await countAndClose(staff);
    await reportResult(staff, topicUrl);

    await resident.goto(`${e2e.baseUrl}/`);
    await resident.locator("li.message", { hasText: "您提出的议题“3号楼楼道灯坏了”：已办结" }).waitFor();
    await resident.goto(topicUrl);
    await resident.getByText("已办结").first().waitFor();
    await resident.getByRole("list", { name: "议事过程" }).getByText(RESULT).waitFor();
    const topicId = must(topicUrl.match(/\/topics\/(\d+)$/)?.[1]);
    await resident.goto(`${e2e.baseUrl}/public-topics/${COMMUNITY_ID}/${topicId}`);
    await resident.getByTestId("public-result").getByText(RESULT).waitFor();
    await resident.getByText("已办结").first().waitFor();
    const bench = resident.locator('[data-testid="public-step"][data-step="bench"]');
    expect(await bench.getByTestId("public-votes").textContent()).toContain("赞成 2 票");
  });

  it("a resident on a phone reads a consultation's comments a page at a time, taps 更多意见 for the rest, and comments up to the per-person limit", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/community/${COMMUNITY_ID}/topics`);
    await resident.getByRole("link", { name: "健身器材维修" }).click();
    await resident.waitForURL(/\/topics\/\d+$/);
    const comments = resident.getByRole("list", { name: "居民意见" });
    await comments.getByText("单杠底座已经锈穿了").waitFor();
    expect(await comments.getByRole("listitem").count()).toBe(PAGE);
    expect(await comments.getByText(LAST_SEEDED).count()).toBe(0);
    const more = resident.getByRole("button", { name: "更多意见" });
    expect(must(await more.boundingBox()).height).toBeGreaterThanOrEqual(44);
    await more.click();
    await comments.getByText(LAST_SEEDED).waitFor();
    expect(await comments.getByRole("listitem").count()).toBe(SEEDED_COMMENTS);
    expect(await more.count()).toBe(0);

    const form = resident.getByRole("form", { name: "发表意见" });
    await form.getByLabel("您的意见").fill("建议器材区加装一盏灯。");
    await form.getByRole("button", { name: "发表意见" }).click();
    await comments.getByText("建议器材区加装一盏灯。").waitFor();
    expect(await comments.getByRole("listitem").count()).toBe(SEEDED_COMMENTS + 1);

    // A person's comments stop at the limit: the form says why in the reader's words.
    for (let i = 2; i <= TOPIC_COMMENTS_PER_PERSON_MAX + 1; i++) {
      await form.getByLabel("您的意见").fill(`第${i}条意见`);
      await form.getByRole("button", { name: "发表意见" }).click();
      if (i <= TOPIC_COMMENTS_PER_PERSON_MAX) await comments.getByText(`第${i}条意见`).waitFor();
    }
    await form.getByRole("alert").filter({ hasText: "您对这个议题发表的意见已达上限" }).waitFor();
    expect(await comments.getByText(`第${TOPIC_COMMENTS_PER_PERSON_MAX + 1}条意见`).count()).toBe(0);
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

// The demo resident (13800000007) and volunteer (13800000006) live in the first building of the first community,
// which the demo street names 2栋.
const COMMUNITY_ID = 1;
const HOME_BUILDING = "和平花园 2栋";
const MEETING = "2栋楼道板凳会";
const RESULT = "物业已更换三单元二至四楼的楼道灯，改为声控灯，已全部点亮。";
// The seeded consultation (健身器材维修) has more comments than a page holds.
const PAGE = 20;
const SEEDED_COMMENTS = 25;
const LAST_SEEDED = "谢谢社区关心，期待早日修好。";

/** As staff on their desk: a 板凳会 for the residents' building with the stairwell topic on its agenda, opened. */
async function planBenchMeeting(staff: Page): Promise<string> {
  await staff.goto(`${e2e.baseUrl}/communities/${COMMUNITY_ID}/meetings`);
  await staff.getByText("安排会议", { exact: true }).click();
  const plan = staff.getByRole("form", { name: "安排会议" });
  await plan.getByLabel("会议类型", { exact: true }).selectOption({ label: "楼道板凳会" });
  await plan.getByLabel("会议名称", { exact: true }).fill(MEETING);
  await plan.getByLabel("地点", { exact: true }).fill("2栋一单元门口");
  await plan.getByLabel("日期", { exact: true }).fill(freeDayAhead(1));
  await plan.getByLabel("开始时间", { exact: true }).fill("19:00");
  await plan.getByLabel(/哪一栋楼/).selectOption({ label: HOME_BUILDING });
  await plan.getByLabel("3号楼楼道灯坏了", { exact: true }).check();
  await plan.getByRole("button", { name: "安排并发出通知" }).click();
  await staff.getByRole("link", { name: MEETING }).click();
  await staff.waitForURL(/\/meetings\/\d+$/);
  await staff.getByRole("button", { name: "开始会议" }).click();
  await staff.getByRole("status").filter({ hasText: "会议已开始" }).waitFor();
  return staff.url();
}

/**
 * Staff tick present by hand the proposer, the neighbour and a third resident of the building: the bench rule
 * needs at least three residents present. The third, a seeded neighbour, does not vote.
 */
async function tickPresent(staff: Page, meetingUrl: string) {
  const meetingId = Number(must(meetingUrl.match(/\/meetings\/(\d+)$/)?.[1]));
  const third = await staff.evaluate(async (id) => {
    const shown = await (await fetch(`/api/meetings/${id}`)).json();
    const residents: { name: string; seat: string }[] = shown.invitations.filter(
      (i: { name: string; seat: string }) => i.seat === "resident" && !["郑桂兰", "吴思远"].includes(i.name),
    );
    return residents[0]?.name;
  }, meetingId);
  const table = staff.getByRole("region", { name: "主持会议" }).getByRole("table");
  for (const name of ["郑桂兰", "吴思远", must(third)]) {
    await table.getByRole("row").filter({ hasText: name }).first().getByRole("button", { name: "代为签到" }).click();
    await table.getByRole("row").filter({ hasText: name }).first().getByText("已签到").waitFor();
  }
}

/** On a resident's phone: the meeting page, present, a vote for the topic. */
async function voteFor(phone: Page, meetingUrl: string) {
  await phone.goto(meetingUrl);
  await phone.getByText("已签到").first().waitFor();
  await phone.getByRole("group", { name: "表决" }).getByRole("button", { name: "赞成" }).click();
  await phone.getByText("您已投票：赞成").waitFor();
}

/** As staff on the meeting page: the count of the topic (2 for of 3 present passes), then the meeting closed. */
async function countAndClose(staff: Page) {
  await staff.reload();
  const agenda = staff.getByRole("list", { name: "议程" });
  await agenda.getByRole("button", { name: "计票" }).click();
  await agenda.getByText(/赞成 2，反对 0，弃权 0.*实到 3 人/).waitFor();
  await agenda.getByText("通过", { exact: true }).waitFor();
  await staff.getByRole("button", { name: "结束会议并计票" }).click();
  await staff.getByRole("status").filter({ hasText: "会议已结束" }).waitFor();
}

/** As staff on the topic page: the bench step stands recorded by the count; they record 组织实施 and 结果公开. */
async function reportResult(staff: Page, topicUrl: string) {
  await staff.goto(topicUrl);
  const timeline = staff.getByRole("list", { name: "议事过程" });
  await timeline.getByText(/2栋楼道板凳会表决：赞成2，反对0，弃权0，通过。/).waitFor();
  const record = staff.getByRole("form", { name: "记录本步骤" });
  await record.getByText("组织实施").waitFor();
  await record.getByLabel(/记录内容/).fill("已联系物业，本周内更换楼道灯。");
  await record.getByRole("button", { name: "记录本步骤" }).click();
  await record.getByText("结果公开").waitFor();
  await record.getByLabel(/记录内容/).fill(RESULT);
  await record.getByRole("button", { name: "记录本步骤" }).click();
  await staff.getByText("已办结").first().waitFor();
}
