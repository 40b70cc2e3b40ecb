import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadConfig } from "@tongxin/api/config";
import { startServer } from "@tongxin/api/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WEB_DIST = fileURLToPath(new URL("../dist", import.meta.url));

// Without the background-networking flags Chromium keeps reaching for the internet, which is closed here.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

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
export async function startE2E(options: { seed?: "demo" | "none" } = {}): Promise<E2E> {
  if (!existsSync(join(WEB_DIST, "index.html"))) throw new Error("web app not built: run `pnpm build` first");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const dir = mkdtempSync(join(tmpdir(), "tongxin-e2e-"));
  const config = { ...loadConfig({}), port: 0, databaseUrl: `file:${join(dir, "e2e.db")}`, seed: options.seed ?? "demo", logLevel: "error" as const, webDist: WEB_DIST };
  const clock = { offsetMs: 0 };
  const server = await startServer(config, () => Date.now() + clock.offsetMs);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const baseUrl = `http://localhost:${server.port}`;
  return {
    baseUrl,
    browser,
    clock,
    newPage: async (size = "phone") => {
      const context = await browser.newContext({ viewport: size === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 800 }, locale: "zh-CN" });
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
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
