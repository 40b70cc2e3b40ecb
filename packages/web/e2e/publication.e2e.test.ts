import { afterAll, beforeAll, describe, expect, it } from "vitest";
import QRCode from "qrcode";
import { startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PHONE = /(?<![\da-zA-Z])1[3-9]\d{9}(?![\da-zA-Z])/;
const A4_WIDTH_PX = Math.round((210 / 25.4) * 96);

describe("两公开 on a phone, without signing in", () => {
  it("opens 和平社区's public topics from its board, a done topic's history, and its printable result notice with a QR code", async () => {
    const phone = await e2e.newPage("phone");
    await phone.goto(`${e2e.baseUrl}/board/1`);
    await phone.getByRole("link", { name: "议事公开：议题从提出到结果" }).click();
    await phone.getByRole("heading", { name: "和平社区 · 议事公开" }).waitFor();
    const done = phone.getByTestId("public-topic").filter({ hasText: "小区路灯更换为节能灯" });
    expect(await done.textContent()).toContain("已办结");
    expect(await phone.getByTestId("public-topic").filter({ hasText: "加装单元门禁系统" }).textContent()).toContain(
      "当前步骤：决议公开",
    );
    expect(await phone.locator("main").textContent()).not.toContain("小区增设电动车充电桩");
    await done.getByRole("link", { name: "查看议事过程" }).click();

    await phone.getByRole("heading", { name: "小区路灯更换为节能灯" }).waitFor();
    expect(await phone.getByTestId("public-step").count()).toBe(8);
    const resolve = phone.locator('[data-step="resolve"]');
    expect(await resolve.textContent()).toContain("社区党群服务中心多功能厅");
    expect(await resolve.getByTestId("public-votes").textContent()).toMatch(/赞成 \d+ 票 · 反对 \d+ 票 · 弃权 \d+ 票/);
    expect(await phone.getByTestId("public-result").textContent()).toContain("已更换LED路灯48盏");
    expect(await phone.locator("main").textContent()).not.toMatch(PHONE);
    const historyUrl = phone.url();

    await phone.getByRole("link", { name: "打印结果公告" }).click();
    const notice = phone.getByTestId("print-topic-notice");
    await notice.locator(".print-qr svg").waitFor();
    expect(await notice.getByRole("heading").first().textContent()).toBe("结果公告");
    expect(await notice.textContent()).toContain("已更换LED路灯48盏");
    expect(await notice.textContent()).toContain("和平社区居民委员会");
    expect(await phone.locator("body").textContent()).not.toMatch(PHONE);
    // The QR code is exactly the one the topic's public page makes: what a phone camera would open.
    const expected = await QRCode.toString(historyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const shown = (await notice.locator(".print-qr").innerHTML()).replaceAll("></path>", "/>");
    expect(shown.replace(/\s+/g, "")).toBe(expected.replace(/\s+/g, ""));
    // On paper: an A4 sheet, the site's header and the print button left off.
    await phone.setViewportSize({ width: 1280, height: 900 });
    await phone.emulateMedia({ media: "print" });
    expect(Math.round((await notice.boundingBox())?.width ?? 0)).toBe(A4_WIDTH_PX);
    expect(await phone.getByRole("button", { name: "打印" }).isVisible()).toBe(false);
  });

  it("says plainly when a topic is not public", async () => {
    const phone = await e2e.newPage("phone");
    await phone.goto(`${e2e.baseUrl}/public-topics/1/999999`);
    await phone.getByRole("alert").waitFor();
    expect(await phone.getByRole("alert").textContent()).toContain("没有这个公开议题");
  });
});
