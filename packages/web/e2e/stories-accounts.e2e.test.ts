import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { publishedShift, qrTokenOf, startE2E, type E2E, freeDayAhead } from "./harness";
import { must } from "@tongxin/core";

/** The one-time password in a status line such as "…临时密码：abc23d4e（只显示这一次…". */
const oneTimePasswordIn = async (page: Page): Promise<string> => {
  const status = page.getByRole("status").filter({ hasText: "临时密码" });
  await status.waitFor();
  return must(must(/临时密码：([a-z2-9]{8})/.exec((await status.textContent()) ?? ""))[1]);
};

/** Signs in through the login page with any password, without waiting for a particular page. */
const signIn = async (e2e: E2E, page: Page, phone: string, password: string) => {
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
};

/** On the forced change page: the one-time password, then one's own. */
const setOwnPassword = async (page: Page, oneTime: string, own: string) => {
  await page.getByRole("heading", { name: "请设置您自己的密码" }).waitFor();
  await page.getByLabel("当前密码").fill(oneTime);
  await page.getByLabel("新密码").fill(own);
  await page.getByRole("button", { name: "保存新密码" }).click();
};

describe("a new street admin starts from an empty database (SEED=none)", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ seed: "none" });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it("sets up the street, then builds a village with a grid, a team with a leader and a staff member, all on a phone", async () => {
    const admin = await e2e.newPage("phone");
    await admin.goto(`${e2e.baseUrl}/activities`);
    await admin.getByRole("heading", { name: "首次使用：创建街道管理员" }).waitFor();
    // A second phone opened the setup form too; it will submit after the admin.
    const late = await e2e.newPage("phone");
    await late.goto(`${e2e.baseUrl}/`);
    await late.getByRole("heading", { name: "首次使用：创建街道管理员" }).waitFor();
    await admin.getByLabel("街道名称").fill("新城街道");
    await admin.getByLabel("姓名").fill("王建国");
    await admin.getByLabel("手机号").fill("13900000001");
    await admin.getByLabel("密码").fill("first2026a");
    await admin.getByRole("button", { name: "创建并登录" }).click();
    await admin.getByRole("heading", { name: "您好，王建国" }).waitFor();
    await late.getByLabel("街道名称").fill("旧城街道");
    await late.getByLabel("姓名").fill("李晓");
    await late.getByLabel("手机号").fill("13900000002");
    await late.getByLabel("密码").fill("late2026a");
    await late.getByRole("button", { name: "创建并登录" }).click();
    await late.getByText("系统刚刚已由他人完成初始化").waitFor();
    expect(new URL(late.url()).pathname).toBe("/login");
    await late.context().close();

    // Setup is done for good: other pages stay put and the setup page itself leads home.
    await admin.getByRole("link", { name: "组织架构", exact: true }).click();
    await admin.getByRole("heading", { name: "组织架构" }).waitFor();
    await admin.getByText("还没有社区或村").waitFor();
    await admin.goto(`${e2e.baseUrl}/setup`);
    await admin.getByRole("heading", { name: "您好，王建国" }).waitFor();
    expect(new URL(admin.url()).pathname).toBe("/");

    // A village whose name does not end in 村: the kind is chosen, not guessed.
    await admin.getByRole("link", { name: "组织架构", exact: true }).click();
    await admin.getByRole("button", { name: "新增社区/村" }).click();
    const addCommunity = admin.getByRole("form", { name: "新增社区/村" });
    await addCommunity.getByLabel("新增社区/村").fill("柳树湾");
    await addCommunity.getByLabel("类型").selectOption({ label: "村" });
    await addCommunity.getByRole("button", { name: "保存" }).click();
    await admin.getByRole("status").getByText("已创建“柳树湾”").waitFor();
    expect(await admin.getByRole("combobox", { name: "社区" }).locator("option:checked").textContent()).toBe(
      "柳树湾（村）",
    );

    await admin.getByRole("button", { name: "新增一级网格" }).click();
    await admin.getByRole("form", { name: "新增一级网格" }).getByLabel("新增一级网格").fill("第一网格");
    await admin.getByRole("button", { name: "保存" }).click();
    await admin.getByRole("list", { name: "网格" }).getByText("第一网格", { exact: true }).waitFor();

    // Two people registered on their behalf: the future staff member and the team leader.
    await admin.getByRole("link", { name: "账号与角色", exact: true }).click();
    const proxy = admin.locator("form", { has: admin.getByRole("button", { name: "创建账号" }) });
    await proxy.getByLabel("姓名").fill("李秀英");
    await proxy.getByLabel("手机号").fill("13900000002");
    await proxy.getByRole("button", { name: "创建账号" }).click();
    const staffPassword = await oneTimePasswordIn(admin);
    await proxy.getByLabel("姓名").fill("赵志强");
    await proxy.getByLabel("手机号").fill("13900000003");
    await proxy.getByRole("button", { name: "创建账号" }).click();
    await admin.getByRole("status").getByText("已为 赵志强 创建账号").waitFor();

    const staffCard = admin.locator("li.card", { hasText: "李秀英" });
    const grant = staffCard.getByRole("form", { name: "授予角色" });
    await grant.getByLabel("角色").selectOption({ label: "社区工作人员" });
    await grant.getByLabel("范围").selectOption({ label: "柳树湾" });
    await grant.getByRole("button", { name: "授予角色" }).click();
    await admin.getByRole("status").getByText("已授予").waitFor();
    await staffCard.locator(".chip", { hasText: "社区工作人员" }).waitFor();

    await admin.getByRole("link", { name: "队伍与共建单位", exact: true }).click();
    const team = admin.locator("form", { has: admin.getByRole("button", { name: "新建队伍" }) });
    await team.locator('input[name="name"]').fill("柳树湾志愿服务队");
    await team.getByLabel("类型").fill("综合");
    await team.getByLabel("队长手机号（可不填）").fill("13900000003");
    await team.getByRole("button", { name: "新建队伍" }).click();
    await admin.getByRole("link", { name: "柳树湾志愿服务队" }).click();
    await admin.getByText("队长：赵志强").waitFor();

    // The new staff member signs in on her own phone and must set her own password first.
    const staff = await e2e.newPage("phone");
    await signIn(e2e, staff, "13900000002", staffPassword);
    await setOwnPassword(staff, staffPassword, "liuwan2026");
    await staff.getByRole("heading", { name: "您好，李秀英" }).waitFor();
    await staff.getByText("柳树湾").first().waitFor();
    await admin.close();
    await staff.close();
  });
});

describe("check-in and account recovery on the demo street", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it("an expired QR code says so and what to do; a fresh one checks the volunteer in", async () => {
    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const day = freeDayAhead(5);
    const shiftId = await publishedShift(organiser, day, "过期二维码演练");
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    await volunteer.evaluate(
      (id) =>
        fetch(`/api/shifts/${id}/signups`, { method: "POST", headers: { "idempotency-key": "e2e-expired-qr-01" } }),
      shiftId,
    );

    e2e.clock.offsetMs = Date.parse(`${day}T14:05:00+08:00`) - Date.now();
    await organiser.goto(`${e2e.baseUrl}/organise/shifts/${shiftId}/qr`);
    await organiser.locator(".qr svg").waitFor();
    const old = await qrTokenOf(organiser, shiftId);
    // Three minutes later the code has long been renewed on the screen.
    e2e.clock.offsetMs += 3 * 60_000;
    await volunteer.goto(`${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(old)}`);
    const alert = volunteer.getByRole("alert");
    await alert.getByText("二维码已过期，请扫描屏幕上最新的二维码").waitFor();
    await alert.getByText("二维码每 30 秒更新一次").waitFor();
    expect(await volunteer.getByText("正在签到…").count()).toBe(0);

    // A link cut short by a bad scan: no advice about forms or a retry button that cannot help.
    await volunteer.goto(`${e2e.baseUrl}/checkin?shift=abc&token=x`);
    const broken = volunteer.getByRole("alert");
    await broken.getByText("二维码无法识别").waitFor();
    await broken.getByText("二维码每 30 秒更新一次").waitFor();
    expect(await volunteer.getByRole("button", { name: "重试" }).count()).toBe(0);

    const fresh = await qrTokenOf(organiser, shiftId);
    await volunteer.goto(`${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(fresh)}`);
    await volunteer.getByText("签到成功：过期二维码演练").waitFor();
    e2e.clock.offsetMs = 0;
    await organiser.close();
    await volunteer.close();
  });

  it("a request that does not exist shows what happened and a way back, not a blank page", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");
    await resident.goto(`${e2e.baseUrl}/requests/999999`);
    const alert = resident.getByRole("alert");
    await alert.getByRole("heading", { name: "找不到该记录" }).waitFor();
    await alert.getByText("请回到首页重新进入").waitFor();
    // Nothing to try again: the record is not there.
    expect(await alert.getByRole("button", { name: "重试" }).count()).toBe(0);
    await alert.getByRole("link", { name: "回到首页" }).click();
    await resident.getByRole("heading", { name: "您好，郑桂兰" }).waitFor();

    // A staff page opened by its address says it is not hers, not "no community yet, add one".
    await resident.goto(`${e2e.baseUrl}/admin/accounts`);
    const denied = resident.getByRole("alert");
    await denied.getByRole("heading", { name: "您没有权限进行此操作" }).waitFor();
    expect(await resident.getByText("还没有社区或村").count()).toBe(0);
    await resident.close();
  });

  it("community staff reset a resident's password; she signs in with it and must set her own before anything else", async () => {
    const resident = await e2e.newPage("phone");
    await e2e.login(resident, "13800000007");

    // She forgot it on another phone: the login page tells her whom to ask, and asks nothing.
    const forgetful = await e2e.newPage("phone");
    await forgetful.goto(`${e2e.baseUrl}/login`);
    await forgetful.getByRole("link", { name: "忘记密码？" }).click();
    await forgetful.getByText("请联系您所在社区的工作人员或您的网格员").waitFor();
    expect(await forgetful.locator("input").count()).toBe(0);

    const staff = await e2e.newPage("phone");
    await e2e.login(staff, "13800000002");
    await staff.getByRole("link", { name: "账号与角色", exact: true }).click();
    await staff.getByLabel("姓名或手机号").fill("13800000007");
    await staff.getByRole("button", { name: "搜索" }).click();
    const card = staff.locator("li.card", { hasText: "郑桂兰" });
    await card.waitFor();
    staff.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: "重置密码" }).click();
    const oneTime = await oneTimePasswordIn(staff);

    // Her session on the first phone has ended.
    await resident.reload();
    await resident.getByRole("heading", { name: "登录同心" }).waitFor();

    await signIn(e2e, forgetful, "13800000007", oneTime);
    await forgetful.getByRole("heading", { name: "请设置您自己的密码" }).waitFor();
    await forgetful.goto(`${e2e.baseUrl}/me/requests`);
    await forgetful.getByRole("heading", { name: "请设置您自己的密码" }).waitFor();
    expect(new URL(forgetful.url()).pathname).toBe("/password");
    expect(await forgetful.getByRole("link", { name: "我的需求", exact: true }).count()).toBe(0);

    await setOwnPassword(forgetful, oneTime, oneTime);
    await forgetful.getByText("新密码不能和当前密码一样").waitFor();
    await setOwnPassword(forgetful, oneTime, "zheng2026");
    await forgetful.getByRole("heading", { name: "您好，郑桂兰" }).waitFor();
    await forgetful.getByRole("link", { name: "我的需求", exact: true }).click();
    await forgetful.getByRole("heading", { name: "我的需求" }).waitFor();
    await resident.close();
    await forgetful.close();
    await staff.close();
  });
});
