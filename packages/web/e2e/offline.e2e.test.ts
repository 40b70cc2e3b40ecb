import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Page } from "playwright-core";
import { loadConfig } from "@tongxin/api/config";
import { startServer } from "@tongxin/api/server";
import { ANSWERS_CACHE } from "../src/sw/answers";
import { ARGS, CHROMIUM, startE2E, type E2E } from "./harness";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Waits until the service worker (registered after the first paint) has installed its precache and took the page. */
const controlled = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

/** The API paths of the answers the worker holds for this phone. */
const keptPaths = (page: Page) =>
  page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname).sort(),
    ANSWERS_CACHE,
  );

type Manifest = {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
};

/** The manifest the page links to now, with each icon's content type and pixel size as the browser decodes it. */
const linkedManifest = (page: Page) =>
  page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]')?.getAttribute("href") ?? "";
    const res = await fetch(href);
    const manifest = (await res.json()) as Manifest;
    const icons = await Promise.all(
      manifest.icons.map(async (icon) => {
        const image = await fetch(icon.src);
        const bitmap = await createImageBitmap(await image.blob());
        return { ...icon, served: image.headers.get("content-type"), drawn: `${bitmap.width}x${bitmap.height}` };
      }),
    );
    return { href, type: res.headers.get("content-type"), manifest, icons };
  });

const WEB_DIST = fileURLToPath(new URL("../dist", import.meta.url));

describe("the app installs on a phone", () => {
  it("precaches the page and every file of the build, lazily loaded pages' chunks included, and no compressed copy", () => {
    const precached = [...readFileSync(join(WEB_DIST, "sw.js"), "utf8").matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
    const built = readdirSync(WEB_DIST, { recursive: true, encoding: "utf8" })
      .map((file) => file.split("\\").join("/"))
      .filter((file) => /\.(html|js|css|svg|png|webmanifest)$/.test(file) && file !== "sw.js");
    expect(built.filter((file) => file.startsWith("assets/") && file.endsWith(".js")).length).toBeGreaterThan(50);
    expect(precached.sort()).toEqual(built.sort());
  });

  it("links a valid manifest in Chinese (English after the switch), its worker controls the page, and Chromium finds nothing missing to install it", async () => {
    // Chromium installs no app from an incognito window, which a plain context is: a profile of its own.
    const profile = mkdtempSync(join(tmpdir(), "tongxin-profile-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${e2e.baseUrl}/login`);
    await controlled(page);
    const zh = await linkedManifest(page);
    expect([zh.href, zh.type]).toEqual(["/manifest.webmanifest", "application/manifest+json"]);
    expect(zh.manifest).toMatchObject({
      name: "同心",
      short_name: "同心",
      lang: "zh-CN",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#b3261e",
      background_color: "#f7f5f2",
    });
    expect(zh.icons.map((icon) => [icon.purpose, icon.sizes, icon.served, icon.drawn])).toEqual([
      ["any", "192x192", "image/png", "192x192"],
      ["any", "512x512", "image/png", "512x512"],
      ["maskable", "512x512", "image/png", "512x512"],
    ]);
    const touch = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="apple-touch-icon"]')?.getAttribute("href") ?? "";
      const bitmap = await createImageBitmap(await (await fetch(href)).blob());
      return `${bitmap.width}x${bitmap.height}`;
    });
    expect(touch).toBe("180x180");

    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Sign in to Tongxin" }).waitFor();
    const en = await linkedManifest(page);
    expect([en.href, en.manifest.lang, en.manifest.short_name]).toEqual(["/manifest.en.webmanifest", "en", "Tongxin"]);
    expect((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
});

describe("my shifts, tasks and points read offline", () => {
  it("shows the volunteer's shifts, tasks and points with the offline notice after a reload without network, keeps no other answer, and forgets them at sign-out", async () => {
    const page = await e2e.newPage("phone");
    // A phone opens the app, whose worker takes it while the person types the phone number and password.
    await page.goto(`${e2e.baseUrl}/login`);
    await controlled(page);
    await e2e.login(page, "13800000006");
    // Seen online first: my points and my tasks, then my shifts.
    await page.goto(`${e2e.baseUrl}/me/points`);
    const balance = await page.getByTestId("balance").textContent();
    const nav = page.getByRole("navigation", { name: "main" });
    await nav.getByRole("link", { name: "我的任务" }).click();
    await page.locator("li.task").first().waitFor();
    const tasks = await page.locator("li.task h3").allTextContents();
    await nav.getByRole("link", { name: "我的班次" }).click();
    await page.getByRole("heading", { name: "我的班次" }).waitFor();
    const shifts = page.locator("ul.plain li.card strong");
    await shifts.first().waitFor();
    const online = await shifts.allTextContents();
    expect(online.length).toBeGreaterThan(0);
    await expect(page.getByText(/^离线：/).count()).resolves.toBe(0);
    expect(await keptPaths(page)).toEqual([
      "/api/me",
      "/api/me/points",
      "/api/me/shifts",
      "/api/me/tasks/requests",
      "/api/me/tasks/shifts",
    ]);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "我的班次" }).waitFor();
    await page.getByText(/^离线：显示的是上次看到的内容（.+）$/).waitFor();
    expect(await shifts.allTextContents()).toEqual(online);
    // An answer the worker does not keep fails offline rather than coming from anywhere on the phone.
    const notKept = await page.evaluate(() =>
      fetch("/api/me/notifications").then(
        (res) => `answered ${res.status}`,
        () => "failed",
      ),
    );
    expect(notKept).toBe("failed");
    await nav.getByRole("link", { name: "我的任务" }).click();
    await page.getByText(/^离线：显示的是上次看到的内容/).waitFor();
    expect(await page.locator("li.task h3").allTextContents()).toEqual(tasks);
    await page.goto(`${e2e.baseUrl}/me/points`);
    await page.getByText(/^离线：显示的是上次看到的内容/).waitFor();
    expect(await page.getByTestId("balance").textContent()).toBe(balance);

    await page.context().setOffline(false);
    await page.goto(`${e2e.baseUrl}/me/shifts`);
    await page.getByRole("heading", { name: "我的班次" }).waitFor();
    await shifts.first().waitFor();
    expect(await page.getByText(/^离线：/).count()).toBe(0);
    await page.getByRole("button", { name: "退出" }).click();
    await page.getByLabel("手机号").waitFor();
    expect(await keptPaths(page)).toEqual([]);

    // The next person signs in on the same phone and opens my shifts offline: the volunteer's are gone.
    await e2e.login(page, "13800000007");
    expect(await keptPaths(page)).toEqual(["/api/me"]);
    await page.context().setOffline(true);
    await page.goto(`${e2e.baseUrl}/me/shifts`);
    await page.getByRole("alert").getByRole("heading", { name: "网络连接失败，请稍后再试" }).waitFor();
    expect(await shifts.count()).toBe(0);
    await page.context().close();
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("a new version", () => {
  it("is offered by the banner 有新版本 · 刷新 once its worker waits, and taking it reloads the page under the new worker", async () => {
    // A copy of the build served on a fixed port (a worker belongs to its origin), then served again with a changed
    // worker, as a deployment would.
    const dir = mkdtempSync(join(tmpdir(), "tongxin-update-"));
    const webDist = join(dir, "dist");
    cpSync(WEB_DIST, webDist, { recursive: true });
    const port = await freePort();
    const config = {
      ...loadConfig({}),
      port,
      databaseUrl: `file:${join(dir, "e2e.db")}`,
      seed: "none" as const,
      logLevel: "error" as const,
      webDist,
    };
    let server = await startServer(config);
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`http://localhost:${port}/`);
      await controlled(page);
      expect(await page.getByRole("button", { name: "刷新" }).count()).toBe(0);

      await server.stop();
      appendFileSync(join(webDist, "sw.js"), "\n// the next version\n");
      server = await startServer(config);
      await page.reload();
      const reload = page.getByRole("button", { name: "刷新" });
      await reload.waitFor({ timeout: 30_000 });
      await page.getByText("有新版本").first().waitFor();
      expect((await reload.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      const waitingBefore = await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null);
      expect(waitingBefore).toBe(true);

      await Promise.all([page.waitForEvent("load"), reload.click()]);
      await controlled(page);
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return { waiting: registration.waiting !== null, active: registration.active?.state };
      });
      expect(after).toEqual({ waiting: false, active: "activated" });
      expect(await page.getByRole("button", { name: "刷新" }).count()).toBe(0);
    } finally {
      await context.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
