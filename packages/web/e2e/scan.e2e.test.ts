import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeQrVideo } from "./fake-camera";
import { type E2E, freeDayAhead, publishedShift, qrTokenOf, startE2E } from "./harness";

let e2e: E2E;
let dir: string;
let camera: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tongxin-camera-"));
  camera = join(dir, "camera.y4m");
  writeQrVideo(camera, "");
  e2e = await startE2E({ camera });
});
afterAll(async () => {
  await e2e?.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`) - Date.now();
const signUp = (page: import("playwright-core").Page, shiftId: number, key: string) =>
  page.evaluate(
    ({ id, key }) => fetch(`/api/shifts/${id}/signups`, { method: "POST", headers: { "idempotency-key": key } }),
    { id: shiftId, key },
  );

describe("扫一扫 inside the app", () => {
  it("checks in from the camera; offline a scan waits as 待同步 and counts at its own time once back; a replay and an expired code are refused", async () => {
    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const day = freeDayAhead(6);
    const shiftId = await publishedShift(organiser, day, "应用内扫码演练");
    const volunteer = await e2e.newPage("phone");
    // The phone's own clock, which the test moves on while it has no signal.
    await volunteer.clock.install();
    await e2e.login(volunteer, "13800000006");
    await signUp(volunteer, shiftId, "e2e-in-app-scan-1");
    const link = (token: string) => `${e2e.baseUrl}/checkin?shift=${shiftId}&token=${encodeURIComponent(token)}`;

    e2e.clock.offsetMs = at(day, "14:05");
    const first = await qrTokenOf(organiser, shiftId);
    writeQrVideo(camera, link(first));
    await volunteer.goto(`${e2e.baseUrl}/`);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByText("签到成功：应用内扫码演练").waitFor();
    await volunteer.getByRole("button", { name: "关闭" }).click();

    // At the end of the shift the signal is gone: the scan waits on the phone with its time.
    e2e.clock.offsetMs = at(day, "16:00");
    const second = await qrTokenOf(organiser, shiftId);
    writeQrVideo(camera, link(second));
    await volunteer.context().setOffline(true);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByText("待同步").first().waitFor();
    await volunteer.getByRole("heading", { name: "尚未完成的签到（1）" }).waitFor();
    // Ten minutes without a signal, on the server's clock and the phone's; then it comes back and the scan goes by itself.
    e2e.clock.offsetMs += 10 * 60_000;
    await volunteer.clock.fastForward(10 * 60_000);
    await volunteer.context().setOffline(false);
    await volunteer.getByText("签退成功：应用内扫码演练").waitFor({ timeout: 30_000 });
    expect(await volunteer.getByRole("heading", { name: /尚未完成的签到/ }).count()).toBe(0);
    const roster = await organiser.evaluate((id) => fetch(`/api/shifts/${id}/signups`).then((r) => r.json()), shiftId);
    const checkOutAt = Date.parse(roster.people[0].checkOutAt);
    expect(checkOutAt).toBeGreaterThanOrEqual(Date.now() + at(day, "16:00") - 1_000);
    expect(checkOutAt).toBeLessThan(Date.now() + at(day, "16:05"));

    // The same code sent again, claiming the time it was valid: a replay, refused.
    const replay = await volunteer.evaluate(
      ({ id, token }) =>
        fetch(`/api/shifts/${id}/checkins`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            token,
            phone: { scannedAt: new Date(Date.now() - 600_000).toISOString(), sentAt: new Date().toISOString() },
          }),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      { id: shiftId, token: second },
    );
    expect(replay).toMatchObject({ status: 409, body: { error: { reason: "checkin_token_used" } } });
    await volunteer.getByRole("button", { name: "关闭" }).click();

    // The first code, long expired, scanned offline: refused once it reaches the server.
    writeQrVideo(camera, link(first));
    await volunteer.context().setOffline(true);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByText("待同步").first().waitFor();
    await volunteer.context().setOffline(false);
    await volunteer.getByText("二维码已过期，请扫描屏幕上最新的二维码").first().waitFor({ timeout: 30_000 });
    e2e.clock.offsetMs = 0;
    await organiser.close();
    await volunteer.close();
  });

  it("without the camera the volunteer types the 6-digit code shown with the QR; the organiser checks in someone without a phone by name and last four digits", async () => {
    const organiser = await e2e.newPage("desktop");
    await e2e.login(organiser, "13800000005");
    const day = freeDayAhead(8);
    const typed = await publishedShift(organiser, day, "输入签到码演练");
    const volunteer = await e2e.newPage("phone");
    // The volunteer refused the camera when the browser asked.
    await volunteer.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
    });
    await e2e.login(volunteer, "13800000006");
    await signUp(volunteer, typed, "e2e-typed-code-1");

    e2e.clock.offsetMs = at(day, "14:05");
    await organiser.goto(`${e2e.baseUrl}/organise/shifts/${typed}/qr`);
    await organiser.locator(".qr svg").waitFor();
    const code = ((await organiser.locator(".checkin-code").textContent()) ?? "").replace(/\D/g, "");
    expect(code).toMatch(/^\d{6}$/);

    await volunteer.goto(`${e2e.baseUrl}/`);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByText(/没有得到摄像头权限/).waitFor();
    await volunteer.getByLabel("6 位签到码").fill(code.replace(/^(\d{3})/, "$1 "));
    await volunteer.getByRole("button", { name: "签到", exact: true }).click();
    await volunteer.getByText("签到成功：输入签到码演练").waitFor();

    // A second shift the same afternoon elsewhere: the volunteer came without a phone.
    const other = await publishedShift(organiser, freeDayAhead(9), "没带手机演练");
    await signUp(volunteer, other, "e2e-no-phone-1");
    e2e.clock.offsetMs = at(freeDayAhead(9), "14:05");
    const me = await volunteer.evaluate(() => fetch("/api/me").then((r) => r.json()));
    await organiser.goto(`${e2e.baseUrl}/organise/shifts/${other}/qr`);
    await organiser.getByLabel("姓名").fill(me.user.name);
    await organiser.getByLabel("手机尾号 4 位").fill("0006");
    await organiser.getByRole("button", { name: "代为签到" }).click();
    await organiser.getByText(`已为 ${me.user.name} 签到`).waitFor();
    const roster = await organiser.evaluate((id) => fetch(`/api/shifts/${id}/signups`).then((r) => r.json()), other);
    expect(roster.people[0]).toMatchObject({ attendance: "present" });
    e2e.clock.offsetMs = 0;
    await organiser.close();
    await volunteer.close();
  });

  it("a notice's QR code opens its page; a code of another site says it is not ours", async () => {
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000006");
    writeQrVideo(camera, "https://example.com/notices/1");
    await volunteer.goto(`${e2e.baseUrl}/`);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByText("这不是同心的二维码").waitFor();
    await volunteer.getByRole("button", { name: "关闭" }).click();
    writeQrVideo(camera, `${e2e.baseUrl}/notices/1`);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.waitForURL(`${e2e.baseUrl}/notices/1`);
    await volunteer.getByRole("heading", { level: 1 }).waitFor();
    await volunteer.close();
  });

  it("the organiser's screen keeps renewing its code without a signal, from the windows it fetched ahead", async () => {
    const organiser = await e2e.newPage("desktop");
    await organiser.clock.install();
    await e2e.login(organiser, "13800000005");
    const day = freeDayAhead(10);
    const shiftId = await publishedShift(organiser, day, "断网屏幕演练");
    e2e.clock.offsetMs = at(day, "14:05");
    await organiser.goto(`${e2e.baseUrl}/organise/shifts/${shiftId}/qr`);
    await organiser.locator(".qr svg").waitFor();
    const shown = async () => ((await organiser.locator(".checkin-code").textContent()) ?? "").replace(/\D/g, "");
    const first = await shown();
    const ahead: string[] = await organiser.evaluate(
      (id) =>
        fetch(`/api/shifts/${id}/qr`, { method: "POST" })
          .then((r) => r.json())
          .then((j) => j.codes.map((c: { code: string }) => c.code)),
      shiftId,
    );
    expect(ahead[0]).toBe(first);
    await organiser.context().setOffline(true);
    await organiser.clock.fastForward(65_000);
    await organiser.getByText(/网络断了，签到码仍会按时更新/).waitFor();
    const later = await shown();
    expect(later).not.toBe(first);
    expect(ahead.slice(1, 4)).toContain(later);
    await organiser.context().setOffline(false);
    e2e.clock.offsetMs = 0;
    await organiser.close();
  });

  it("the app opens without a signal with a typed code still waiting on the phone, and sends it when the signal returns", async () => {
    writeQrVideo(camera, "");
    // Someone who typed no code today: the earlier tests moved the server's clock days ahead for the volunteer's tries.
    const volunteer = await e2e.newPage("phone");
    await e2e.login(volunteer, "13800000007");
    // Once the service worker holds the app (from the next page load on), it opens without a signal.
    await volunteer.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await volunteer.reload();
    await volunteer.getByRole("link", { name: "扫一扫" }).waitFor();
    await volunteer.context().setOffline(true);
    await volunteer.getByRole("link", { name: "扫一扫" }).click();
    await volunteer.getByRole("button", { name: "没有摄像头？输入签到码" }).click();
    await volunteer.getByLabel("6 位签到码").fill("123456");
    await volunteer.getByRole("button", { name: "签到", exact: true }).click();
    await volunteer.getByText("待同步").first().waitFor();
    await volunteer.reload();
    await volunteer.getByRole("heading", { name: "尚未完成的签到（1）" }).waitFor();
    await volunteer.getByText("待同步").first().waitFor();
    // The home page opens offline too, with 扫一扫 and what still waits.
    await volunteer.goto(`${e2e.baseUrl}/`);
    await volunteer.getByRole("link", { name: "尚未完成的签到（1）" }).waitFor();
    await volunteer.getByRole("link", { name: "扫一扫" }).waitFor();
    // Signing out needs the server: offline it says so, and the phone stays signed in rather than seeming out.
    await volunteer.getByRole("button", { name: "退出" }).first().click();
    await volunteer.getByRole("alert").getByText("没有网络，暂时无法退出").waitFor();
    await volunteer.getByRole("link", { name: "尚未完成的签到（1）" }).click();
    await volunteer.context().setOffline(false);
    // No shift of hers is open now: the server refuses the code, and the phone says so.
    await volunteer.getByText("您未报名该班次").waitFor({ timeout: 45_000 });
    await volunteer.close();
  });
});
