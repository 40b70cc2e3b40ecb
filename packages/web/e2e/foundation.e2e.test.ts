import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("foundation in a real browser", () => {
  it("a new resident registers on a phone, sees a field error in Chinese, and lands on their home page", async () => {
    const page = await e2e.newPage("phone");
    await page.goto(`${e2e.baseUrl}/register`);
    await page.getByLabel("姓名").fill("林晓雨");
    await page.getByLabel("手机号").fill("1370000");
    await page.getByLabel("密码").fill("secret123");
    await page.getByLabel("所在社区").selectOption({ label: "和平社区" });
    await page.getByRole("button", { name: "注册并登录" }).click();
    await expect.poll(() => page.getByText("手机号格式不正确").isVisible()).toBe(true);

    await page.getByLabel("手机号").fill("13700000099");
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.getByRole("heading", { name: "您好，林晓雨" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator('[data-role="resident"]').textContent()).toContain("和平社区");
    await page.close();
  });

  it("a street admin signs in, creates a grid, and sees it listed", async () => {
    const page = await e2e.newPage("desktop");
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel("手机号").fill("13800000001");
    await page.getByLabel("密码").fill("demo12345");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "您好，周文斌" }).waitFor();

    await page.getByRole("link", { name: "组织架构" }).first().click();
    await page.getByRole("combobox", { name: "社区" }).selectOption({ label: "春晖社区（社区）" });
    await page.getByRole("button", { name: "新增一级网格" }).click();
    await page.getByRole("form", { name: "新增一级网格" }).getByLabel("新增一级网格").fill("第九网格");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").getByText("已创建“第九网格”").waitFor();
    await page.getByRole("list", { name: "网格" }).getByText("第九网格", { exact: true }).waitFor();

    // The grid is really stored: a fresh load of the page still lists it.
    await page.reload();
    await page.getByRole("list", { name: "网格" }).getByText("第九网格", { exact: true }).waitFor();
    await page.close();
  });

  it("the English switch changes the interface text and is remembered", async () => {
    const page = await e2e.newPage("phone");
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByRole("heading", { name: "登录同心" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Sign in to Tongxin" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Tongxin" }).waitFor();
    await page.getByLabel("Mobile number").fill("13800000007");
    await page.getByLabel("Password").fill("wrong-pass1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong mobile number or password").waitFor();
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { name: "登录同心" }).waitFor();
    await page.close();
  });

  it("after five wrong passwords on one phone the login page says how long to wait", async () => {
    const page = await e2e.newPage("phone");
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel("手机号").fill("13800000008");
    await page.getByLabel("密码").fill("wrong-pass1");
    for (let i = 0; i < 5; i++) {
      const answer = page.waitForResponse((res) => res.url().endsWith("/api/auth/login"));
      await page.getByRole("button", { name: "登录" }).click();
      expect((await answer).status()).toBe(401);
    }
    await page.getByText("手机号或密码不正确").waitFor();
    await page.getByLabel("密码").fill("demo12345");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText(/^尝试次数过多，请 1[45] 分钟后再试$/).waitFor();
    await page.close();
  });

  it("large-text mode enlarges the page for elderly users", async () => {
    const page = await e2e.newPage("phone");
    await page.goto(`${e2e.baseUrl}/login`);
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await size();
    await page.getByRole("button", { name: "大字模式" }).click();
    expect(await size()).toBeGreaterThan(before * 1.2);
    await page.close();
  });

  it("every demo account signs in through the browser", async () => {
    const page = await e2e.newPage("phone");
    for (const phone of ["13800000002", "13800000003", "13800000004", "13800000005", "13800000006", "13800000007"]) {
      await page.context().clearCookies();
      await page.goto(`${e2e.baseUrl}/login`);
      await page.getByLabel("手机号").fill(phone);
      await page.getByLabel("密码").fill("demo12345");
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { name: /^您好，/ }).waitFor();
    }
    await page.close();
  });
});
