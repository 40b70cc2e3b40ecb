import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadConfig } from "@tongxin/api/config";
import { startServer } from "@tongxin/api/server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WEB_DIST = fileURLToPath(new URL("../dist", import.meta.url));

// Without the background-networking flags Chromium keeps reaching for the internet, which is closed here.
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type E2E = {
  baseUrl: string;
  browser: Browser;
  /** Moves the server's clock, e.g. to after a shift, without waiting. */
  clock: { offsetMs: number };
  /** A page in its own browser context: its own cookies, so two people can be signed in at once. */
  newPage: (size?: "phone" | "desktop") => Promise<Page>;
  /** Signs a demo account in through the login page (password demo12345). */
  login: (page: Page, phone: string) => Promise<void>;
  close: () => Promise<void>;
};

/** Serves the built web app from the API on a free port over a fresh database (the demo street, or empty as with SEED=none), and opens Chromium. */
export async function startE2E(
  options: {
    seed?: "demo" | "none" /** A Y4M file Chromium shows as every page's camera (see fake-camera.ts). */;
    camera?: string;
  } = {},
): Promise<E2E> {
  if (!existsSync(join(WEB_DIST, "index.html"))) throw new Error("web app not built: run `pnpm build` first");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const dir = mkdtempSync(join(tmpdir(), "tongxin-e2e-"));
  const config = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: `file:${join(dir, "e2e.db")}`,
    seed: options.seed ?? "demo",
    logLevel: "error" as const,
    webDist: WEB_DIST,
  };
  const clock = { offsetMs: 0 };
  const server = await startServer(config, () => Date.now() + clock.offsetMs);
  const camera = options.camera
    ? [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        `--use-file-for-fake-video-capture=${options.camera}`,
      ]
    : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...camera] });
  const baseUrl = `http://localhost:${server.port}`;
  return {
    baseUrl,
    browser,
    clock,
    newPage: async (size = "phone") => {
      const context = await browser.newContext({
        viewport: size === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      return context.newPage();
    },
    login: async (page, phone) => {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("手机号").fill(phone);
      await page.getByLabel("密码").fill("demo12345");
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { name: /^您好，/ }).waitFor();
    },
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * As the team leader signed in on `organiser`: a published activity of their team with one
 * 14:00–16:00 shift on `day` (Beijing), set up through the API from their page — its browser
 * flow is covered in volunteering.e2e. Answers the shift's id.
 */
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A day `daysAhead` from now in Beijing, as the date input wants it, moved off Saturday: the demo
 * street's volunteers hold places on its Saturday-morning activities, so a shift then would overlap them.
 */
export function freeDayAhead(daysAhead: number): string {
  const day = new Date(Date.now() + daysAhead * DAY_MS + BEIJING_OFFSET_MS);
  if (day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export function publishedShift(organiser: Page, day: string, title: string): Promise<number> {
  return organiser.evaluate(
    async ({ date, title }) => {
      const me = await (await fetch("/api/me")).json();
      const teamId = me.roles.find((r: { role: string }) => r.role === "teamLeader").scopeId;
      const post = (path: string, body: unknown) =>
        fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then((r) => r.json());
      const created = await post("/api/activities", {
        communityId: 1,
        teamId,
        title,
        description: "",
        category: "other",
        place: "红色驿站",
        shifts: [{ startsAt: `${date}T14:00:00+08:00`, endsAt: `${date}T16:00:00+08:00`, capacity: 5 }],
      });
      await post(`/api/activities/${created.id}/publish`, {});
      return created.shifts[0].id as number;
    },
    { date: day, title },
  );
}

/** The token the organiser's QR code carries now, as a phone camera would read it off the screen. */
export const qrTokenOf = (organiser: Page, shiftId: number): Promise<string> =>
  organiser.evaluate(
    (id) =>
      fetch(`/api/shifts/${id}/qr`, { method: "POST" })
        .then((r) => r.json())
        .then((j) => j.codes[0].token as string),
    shiftId,
  );

/** Through the service card's form, as the volunteer signed in on `page`: a haircut offer 09:00–10:00 on `day`, waited for on the card. */
export async function publishHaircutOffer(
  e2e: E2E,
  page: Page,
  offer: { title: string; day: string; capacity?: number },
): Promise<void> {
  await page.goto(`${e2e.baseUrl}/services/1`);
  await page.getByText("发布服务项目").first().click();
  const form = page.getByRole("form", { name: "发布服务项目" });
  await form.getByLabel("类别").selectOption({ label: "理发" });
  await form.getByLabel("活动名称").fill(offer.title);
  await form.getByLabel("地点", { exact: true }).fill("和平花园");
  await form.getByLabel("日期").fill(offer.day);
  await form.getByLabel("开始").fill("09:00");
  await form.getByLabel("结束").fill("10:00");
  if (offer.capacity !== undefined) await form.getByLabel("人数").fill(String(offer.capacity));
  await form.getByRole("button", { name: "发布服务项目" }).click();
  await page.getByRole("list", { name: "便民服务卡" }).locator("li.offer", { hasText: offer.title }).waitFor();
}
