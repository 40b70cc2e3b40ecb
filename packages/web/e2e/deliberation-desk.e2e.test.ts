import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { must } from "@tongxin/core";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

// 和平社区 and its community staff in the demo street; its topics stand one at every step of 一征三议两公开.
const COMMUNITY_ID = 1;
const STAFF = "13800000002";

/** The id of one of 和平社区's topics, by title, read as the signed-in page reads its list. */
async function topicIdOf(page: Page, title: string): Promise<number> {
  const id = await page.evaluate(
    async ({ communityId, title }) => {
      const list = await (await fetch(`/api/communities/${communityId}/topics?limit=100`)).json();
      return list.items.find((t: { title: string }) => t.title === title)?.id as number | undefined;
    },
    { communityId: COMMUNITY_ID, title },
  );
  return must(id);
}

describe("the staff's deliberation desk", () => {
  it("staff list the topics standing at one step, with the step and its due date, and a reload keeps the choice", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    await staff.goto(`${e2e.baseUrl}/community/${COMMUNITY_ID}/topics`);
    await staff.getByLabel("按议事步骤查看").selectOption({ label: "两委商议" });
    await staff.waitForURL(/[?&]step=discuss/);
    const list = staff.getByRole("list", { name: "社区议题" });
    await list.getByRole("link", { name: "楼道杂物集中清理" }).waitFor();
    const rows = list.getByTestId("topic");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("当前步骤：两委商议");

    await staff.getByLabel("按议事步骤查看").selectOption({ label: "征求意见" });
    await staff.waitForURL(/[?&]step=consult/);
    await list.getByRole("link", { name: "健身器材维修" }).waitFor();
    expect(await rows.count()).toBe(1);
    // A comment period has its end day.
    expect(await rows.first().textContent()).toMatch(/截止：\d{4}/);

    await staff.reload();
    await list.getByRole("link", { name: "健身器材维修" }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await staff.getByLabel("按议事步骤查看").inputValue()).toBe("consult");
  });

  it("a resident's topic list has no step filter", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/community/${COMMUNITY_ID}/topics?step=discuss`);
    await resident.getByRole("link", { name: "健身器材维修" }).waitFor();
    expect(await resident.getByLabel("按议事步骤查看").count()).toBe(0);
  });

  it("staff link an existing project to a decided topic; it shows with its status and is no longer offered", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    const topicId = await topicIdOf(staff, "中心花园绿化提升");
    await staff.goto(`${e2e.baseUrl}/topics/${topicId}`);
    const form = staff.getByRole("form", { name: "关联已有项目或诉求" });
    await form.getByLabel("关联什么").selectOption({ label: "项目清单中的项目" });
    const picker = form.getByLabel("选择项目");
    const bench = picker.locator("option", { hasText: "小区安装13张休闲长椅" });
    await bench.waitFor({ state: "attached" });
    await picker.selectOption(must(await bench.getAttribute("value")));
    await form.getByRole("button", { name: "关联到本议题" }).click();
    const links = staff.getByRole("list", { name: "相关项目与需求" });
    await links.getByRole("link", { name: /^小区安装13张休闲长椅（.+）$/ }).waitFor();
    expect(await links.getByRole("link").count()).toBe(2);

    // Linked now: the picker no longer offers it (the server would refuse it as already_linked).
    await bench.waitFor({ state: "detached" });
    expect(await links.getByRole("link").count()).toBe(2);
  });

  it("staff link an existing request of the community, picked from its requests", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    const topicId = await topicIdOf(staff, "小区路灯更换为节能灯");
    await staff.goto(`${e2e.baseUrl}/topics/${topicId}`);
    const form = staff.getByRole("form", { name: "关联已有项目或诉求" });
    await form.getByLabel("关联什么").selectOption({ label: "诉求" });
    const picker = form.getByLabel("选择诉求");
    await picker.locator("option").first().waitFor({ state: "attached" });
    const chosen = must(await picker.locator("option").first().getAttribute("value"));
    await picker.selectOption(chosen);
    await form.getByRole("button", { name: "关联到本议题" }).click();
    await staff
      .getByRole("list", { name: "相关项目与需求" })
      .getByRole("link", { name: new RegExp(`^#${chosen}（.+）$`) })
      .waitFor();
  });

  it("the Party organisation turns a topic down at its proposal step with a reason, and the topic stops", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    const topicId = await topicIdOf(staff, "垃圾分类投放点调整");
    await staff.goto(`${e2e.baseUrl}/topics/${topicId}`);
    const record = staff.getByRole("form", { name: "记录本步骤" });
    await record.getByText("当前步骤：党组织提议").waitFor();
    await record.getByRole("button", { name: "不予提议" }).click();
    // Turning a topic down needs its reason, as any proposal does.
    await staff
      .getByRole("region", { name: "工作人员操作" })
      .getByRole("alert")
      .filter({ hasText: "请写明" })
      .waitFor();
    await record.getByLabel("记录内容（提议、实施情况或结果）").fill("投放点位置由街道统一规划，暂不调整。");
    await record.getByRole("button", { name: "不予提议" }).click();
    const step = staff.getByRole("list", { name: "议事过程" }).getByRole("listitem").nth(1);
    await step.getByText("投放点位置由街道统一规划，暂不调整。").waitFor();
    expect(await step.textContent()).toContain("未通过");
    await staff.getByText("未通过").first().waitFor();
    expect(await staff.getByRole("form", { name: "记录本步骤" }).count()).toBe(0);
  });

  it("the bench meeting's building picker names each building with its estate", async () => {
    const staff = await e2e.newPage("phone");
    await e2e.login(staff, STAFF);
    await staff.goto(`${e2e.baseUrl}/communities/${COMMUNITY_ID}/meetings`);
    await staff.getByText("安排会议", { exact: true }).click();
    const plan = staff.getByRole("form", { name: "安排会议" });
    await plan.getByLabel("会议类型", { exact: true }).selectOption({ label: "楼道板凳会" });
    const options = await plan
      .getByLabel(/哪一栋楼/)
      .locator("option")
      .allTextContents();
    expect(options).toContain("和平花园 2栋");
    expect(options.some((o) => o.startsWith("康乐苑 "))).toBe(true);
  });
});

describe("a public notice in English on a phone", () => {
  for (const kind of ["decision", "result"] as const) {
    it(`the ${kind} notice fits a 390 px screen without scrolling sideways and labels its lines with English colons`, async () => {
      const phone = await e2e.newPage("phone");
      await phone.goto(`${e2e.baseUrl}/public-topics/${COMMUNITY_ID}`);
      await phone.getByRole("button", { name: "English" }).click();
      await phone.locator("html[lang=en]").waitFor({ state: "attached" });
      const topicId = await phone.evaluate(async (communityId) => {
        const list = await (await fetch(`/api/public/communities/${communityId}/topics`)).json();
        return list.items.find((t: { title: string }) => t.title === "小区路灯更换为节能灯")?.id as number;
      }, COMMUNITY_ID);
      await phone.goto(`${e2e.baseUrl}/public-topics/${COMMUNITY_ID}/${topicId}/print/${kind}`);
      const notice = phone.getByTestId("print-topic-notice");
      await notice.locator(".print-qr svg").waitFor();
      expect(await notice.getByRole("heading").first().textContent()).toBe(`Notice of ${kind}`);
      const width = await phone.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(width.scroll).toBeLessThanOrEqual(width.inner);
      // No English word of the notice's tables is split across lines ("Pa/sse/d").
      const broken = await notice.evaluate((sheet) => {
        const split: string[] = [];
        for (const cell of sheet.querySelectorAll("td, th")) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of (node.textContent ?? "").matchAll(/[A-Za-z]{2,}/g)) {
              const range = document.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              if (range.getClientRects().length > 1) split.push(word[0]);
            }
          }
        }
        return split;
      });
      expect(broken).toEqual([]);
      // The residents' own words may hold full-width colons; the notice's labels are English.
      const label = kind === "decision" ? "Public notice" : "Decision";
      expect(await notice.textContent()).toContain(`${label}: `);
      expect(await notice.textContent()).not.toContain(`${label}：`);
    });
  }

  it("the decision notice names the last day of its period, not the midnight it ends at", async () => {
    const phone = await e2e.newPage("phone");
    await phone.goto(`${e2e.baseUrl}/public-topics/${COMMUNITY_ID}`);
    await phone.getByRole("button", { name: "English" }).click();
    await phone.locator("html[lang=en]").waitFor({ state: "attached" });
    const found = await phone.evaluate(async (communityId) => {
      const list = await (await fetch(`/api/public/communities/${communityId}/topics`)).json();
      // Standing at 决议公开: its notice ends at 24:00 of its last working day.
      const id = list.items.find((t: { title: string }) => t.title === "加装单元门禁系统")?.id as number;
      const history = await (await fetch(`/api/public/communities/${communityId}/topics/${id}`)).json();
      const day = (ms: number) =>
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "Asia/Shanghai",
          year: "numeric",
          month: "long",
          day: "numeric",
        }).format(ms);
      const endMs = Date.parse(history.notice.to);
      return { id, last: day(endMs - 1), end: day(endMs) };
    }, COMMUNITY_ID);
    await phone.goto(`${e2e.baseUrl}/public-topics/${COMMUNITY_ID}/${found.id}/print/decision`);
    const notice = phone.getByTestId("print-topic-notice");
    await notice.locator(".print-qr svg").waitFor();
    expect(found.last).not.toBe(found.end);
    expect(await notice.textContent()).toContain(` to ${found.last}`);
    expect(await notice.textContent()).not.toContain(` to ${found.end}`);
  });
});
