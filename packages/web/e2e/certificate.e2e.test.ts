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

const DAY_MS = 86_400_000;
/** A day from now in Beijing, as the date input wants it. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);

describe("志愿服务证明", () => {
  it("a volunteer issues a certificate from their record, prints it, and its QR code opens the public verification with the name masked", async () => {
    const volunteer = await e2e.newPage("desktop");
    await e2e.login(volunteer, "13800000006");
    await volunteer.goto(`${e2e.baseUrl}/me/volunteer`);
    await volunteer.getByRole("link", { name: "我的服务记录" }).click();
    const form = volunteer.getByRole("form", { name: "开具志愿服务证明" });
    await form.getByLabel("起始日期").fill(dayIn(-300));
    await form.getByLabel("截止日期").fill(dayIn(0));
    await form.getByRole("button", { name: "开具并打印" }).click();

    const certificate = volunteer.getByTestId("certificate");
    await certificate.locator(".print-qr svg").waitFor();
    expect(await certificate.textContent()).toContain("兹证明 吴思远 同志");
    expect(await certificate.textContent()).toContain("和平社区居民委员会");
    await volunteer.getByRole("button", { name: "打印证明（A4）" }).waitFor();
    const code = /验证码：([2-9A-Z]{10})/.exec(
      (await volunteer.getByTestId("certificate-code").textContent()) ?? "",
    )?.[1];
    expect(code).toBeTruthy();

    // The QR code on the page is exactly the one the verification link makes: what a phone camera would open.
    const url = `${e2e.baseUrl}/verify/${code}`;
    const expected = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    // The DOM writes <path …></path> where the library wrote <path …/>.
    const shown = (await certificate.locator(".print-qr").innerHTML()).replaceAll("></path>", "/>");
    expect(shown.replace(/\s+/g, "")).toBe(expected.replace(/\s+/g, ""));

    const stranger = await e2e.newPage("phone");
    await stranger.goto(url);
    const facts = stranger.getByTestId("verified");
    await facts.waitFor();
    expect(await facts.textContent()).toContain("吴*远");
    expect(await stranger.locator("main").textContent()).not.toContain("吴思远");
    expect(await facts.textContent()).toContain("和平社区");
  });

  it("a code nobody was given says so plainly", async () => {
    const stranger = await e2e.newPage("phone");
    await stranger.goto(`${e2e.baseUrl}/verify/2222222222`);
    await stranger.getByTestId("verify-error").waitFor();
    expect(await stranger.getByTestId("verify-error").textContent()).toContain("没有找到这个验证码对应的证明");
  });
});
