import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Dialog, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./harness";

/**
 * Every page of every role, on a phone (390×844), in normal and in large-text mode:
 * axe-core (WCAG 2.0–2.2 A and AA rules) finds no serious or critical violation, every visible tap
 * target is at least 44×44 px, no visible text is under 14 px, body text is at least 16 px, every
 * field has a visible label and no id is used twice. After a client-side navigation the new page's
 * heading has the focus.
 * New pages: add one line to ROUTES (who visits it, the path built from the demo ids, what to tap first).
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Role =
  | "public"
  | "resident"
  | "volunteer"
  | "teamLeader"
  | "gridWorker"
  | "communityStaff"
  | "committeeMember"
  | "streetAdmin";
const PHONES: Record<Exclude<Role, "public">, string> = {
  streetAdmin: "13800000001",
  communityStaff: "13800000002",
  committeeMember: "13800000003",
  gridWorker: "13800000004",
  teamLeader: "13800000005",
  volunteer: "13800000006",
  resident: "13800000007",
};
const SIGNED_IN = Object.keys(PHONES) as Exclude<Role, "public">[];
const EVERYONE: Role[] = ["public", ...SIGNED_IN];
const STAFF: Role[] = ["streetAdmin", "communityStaff", "gridWorker"];

/** Ids taken from the demo data (和平社区 is community 1), read once through the API. */
type Ids = {
  community: number;
  activity: number;
  shift: number;
  team: number;
  partner: number;
  request: number;
  ownRequest: number;
  cycle: number;
  noticeCycle: number;
  volunteer: number;
  doneTopic: number;
  meeting: number;
  /** The demo resident's household, given a care profile and paired with the demo volunteer. */
  household: number;
};

/** A page, who visits it, and what to tap first so that its hidden parts show (closed <details> open by themselves). */
type Route = { path: (ids: Ids) => string; roles: Role[]; reveal?: (page: Page) => Promise<void> };

const ROUTES: Route[] = [
  { path: () => "/login", roles: ["public"] },
  { path: () => "/register", roles: ["public"] },
  { path: () => "/forgot-password", roles: ["public"] },
  { path: () => "/", roles: SIGNED_IN },
  { path: () => "/password", roles: ["resident"] },
  { path: () => "/activities", roles: ["public", "volunteer", "teamLeader", "communityStaff"] },
  {
    path: (i) => `/activities/${i.activity}`,
    roles: ["public", "resident", "volunteer", "teamLeader", "communityStaff"],
  },
  { path: (i) => `/activities/new?community=${i.community}`, roles: ["teamLeader", "communityStaff"] },
  { path: (i) => `/organise/${i.activity}`, roles: ["teamLeader", "communityStaff"] },
  { path: (i) => `/organise/shifts/${i.shift}/qr`, roles: ["teamLeader"] },
  { path: () => "/checkin", roles: ["volunteer"] },
  // A code refused by the server: the reason and what to do, kept on the list of check-ins not yet done.
  {
    path: (i) => `/checkin?shift=${i.shift}&token=${i.shift}.1.forged`,
    roles: ["volunteer"],
    reveal: async (page) => void (await page.getByRole("alert").waitFor()),
  },
  // 扫一扫 with no camera (none in this browser): the typed code, and the refused check-in above on the list.
  {
    path: () => "/scan",
    roles: ["volunteer"],
    // The camera fails or its permission waits unanswered (no camera here): either way, type the code.
    reveal: async (page) => {
      const typeInstead = page.getByRole("button", { name: "没有摄像头？输入签到码" });
      const field = page.getByLabel("6 位签到码");
      await field.or(typeInstead).first().waitFor();
      // The camera may fail while we click, swapping the button for the field: no click is then needed.
      if (!(await field.isVisible())) await typeInstead.click({ timeout: 3000 }).catch(() => undefined);
      await field.waitFor();
    },
  },
  {
    path: () => "/me/shifts",
    roles: ["volunteer", "resident"],
    // The calendar link's fields (a volunteer) or the refusal (a resident without a profile).
    reveal: async (page) => {
      const accept = (dialog: Dialog) => void dialog.accept();
      page.on("dialog", accept);
      await page.getByRole("button", { name: /^(生成订阅链接|重新生成链接)$/ }).click();
      await page.locator(".card:has(#calendar-feed-title) :is(input, .form-error)").first().waitFor();
      page.off("dialog", accept);
    },
  },
  { path: () => "/me/points", roles: ["volunteer", "resident"] },
  { path: () => "/me/volunteer", roles: ["volunteer", "resident"] },
  { path: (i) => `/volunteers/${i.volunteer}/record`, roles: ["volunteer", "communityStaff"] },
  // The demo volunteer's certificate is the only one seeded (id 1), with a fixed code; the second code was never issued.
  { path: () => "/certificates/1", roles: ["volunteer", "communityStaff"] },
  { path: () => "/verify/QFHP26ZYCS", roles: ["public", "resident"] },
  { path: () => "/verify/2222222222", roles: ["public"] },
  { path: () => "/me/requests", roles: ["resident", "volunteer", "gridWorker"] },
  { path: () => "/me/feed", roles: ["volunteer"] },
  { path: () => "/tasks", roles: ["volunteer", "teamLeader"] },
  {
    path: () => "/requests/new",
    roles: ["resident", "gridWorker"],
    reveal: async (page) => {
      await page.getByRole("group").first().getByRole("button").first().click();
      await page.getByRole("group").nth(1).getByRole("button").first().click();
      await page.locator("main form").waitFor();
    },
  },
  { path: (i) => `/requests/${i.ownRequest}`, roles: ["resident"] },
  { path: (i) => `/requests/${i.request}`, roles: ["communityStaff", "gridWorker"] },
  { path: (i) => `/requests/${i.request}/matches`, roles: ["communityStaff"] },
  { path: (i) => `/queue?community=${i.community}`, roles: STAFF },
  { path: (i) => `/board/${i.community}`, roles: ["public", "resident"] },
  { path: (i) => `/services/${i.community}`, roles: ["public", "resident", "volunteer"] },
  { path: (i) => `/projects/${i.community}`, roles: ["public", "teamLeader", "communityStaff"] },
  {
    path: (i) => `/commitments/${i.community}`,
    roles: ["volunteer", "communityStaff"],
    // The form to make one and the first commitment's progress, with their fields.
    reveal: async (page) => {
      await page.locator("main details > summary").first().click();
      const progress = page.locator("main li.card details > summary");
      if ((await progress.count()) === 0) return;
      await progress.first().click();
      await page.locator("main li.card details h3").first().waitFor();
      // The click scrolled the page: a field straddling the top edge would count as unlabelled.
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  },
  { path: (i) => `/communities/${i.community}/deliberation-settings`, roles: ["communityStaff"] },
  { path: (i) => `/teams?community=${i.community}`, roles: ["public", "volunteer", "communityStaff", "streetAdmin"] },
  { path: (i) => `/teams/${i.team}`, roles: ["public", "volunteer", "teamLeader", "communityStaff"] },
  { path: (i) => `/partners/${i.partner}`, roles: ["public", "communityStaff"] },
  { path: (i) => `/volunteers?community=${i.community}`, roles: STAFF },
  { path: (i) => `/store/${i.community}`, roles: ["volunteer", "resident"] },
  { path: (i) => `/store/${i.community}/desk`, roles: ["communityStaff"] },
  { path: (i) => `/admin/points?community=${i.community}`, roles: ["communityStaff", "streetAdmin"] },
  {
    path: (i) => `/ratings?community=${i.community}`,
    roles: ["resident", "gridWorker", "committeeMember", "communityStaff", "streetAdmin"],
  },
  { path: (i) => `/ratings/cycles/${i.cycle}`, roles: ["committeeMember", "communityStaff"] },
  { path: (i) => `/ratings/cycles/${i.cycle}/nominate`, roles: ["resident", "gridWorker", "teamLeader"] },
  { path: (i) => `/notices/${i.community}`, roles: ["public", "resident", "committeeMember"] },
  { path: (i) => `/notices/${i.community}/print/${i.noticeCycle}`, roles: ["public", "committeeMember"] },
  { path: (i) => `/honor/${i.community}`, roles: ["public", "volunteer", "committeeMember"] },
  { path: (i) => `/public-topics/${i.community}`, roles: ["public", "resident"] },
  { path: (i) => `/public-topics/${i.community}/${i.doneTopic}`, roles: ["public", "resident"] },
  { path: (i) => `/public-topics/${i.community}/${i.doneTopic}/print/result`, roles: ["public"] },
  {
    path: (i) => `/admin/structure?community=${i.community}`,
    roles: ["streetAdmin", "communityStaff", "committeeMember", "gridWorker"],
  },
  { path: (i) => `/admin/accounts?community=${i.community}`, roles: STAFF },
  { path: (i) => `/admin/audit?community=${i.community}`, roles: ["streetAdmin", "communityStaff"] },
  // 消息送达: the demo volunteer chose SMS, so the list has a delivered row; failed ones by the filter.
  { path: (i) => `/admin/deliveries?community=${i.community}`, roles: ["streetAdmin", "communityStaff"] },
  { path: (i) => `/admin/deliveries?community=${i.community}&state=failed`, roles: ["communityStaff"] },
  // 接口令牌: a token issued, so the secret shown once and a row of the list are checked too.
  {
    path: () => "/admin/api-tokens",
    roles: ["streetAdmin"],
    reveal: async (page) => {
      await page.getByLabel("令牌名称").fill("区网格化平台");
      await page.getByRole("button", { name: "签发", exact: true }).click();
      await page.locator("#api-token-secret-title").waitFor();
      await page.getByRole("heading", { name: "区网格化平台", level: 3 }).first().waitFor();
    },
  },
  { path: () => "/warnings", roles: ["streetAdmin", "communityStaff", "committeeMember", "gridWorker"] },
  // 民情账 of 第一网格 (grid 1), with its care profiles from the demo seed.
  { path: () => "/grids/1/care-book", roles: ["communityStaff", "gridWorker"] },
  { path: (i) => `/community/${i.community}/topics`, roles: ["resident", "committeeMember", "communityStaff"] },
  // Each role's own dashboard (street, community, grid), charts drawn; a resident reads that it is not for her.
  {
    path: () => "/dashboard",
    roles: ["streetAdmin", "communityStaff", "committeeMember", "gridWorker", "resident"],
    // Charts are drawn as they near the screen: the first one is brought there.
    reveal: async (page) => {
      const chart = page.locator("main [data-chart]").first();
      if ((await chart.count()) === 0) return;
      await chart.scrollIntoViewIfNeeded();
      // ECharts' chunk (540 kB) is parsed first: on a loaded machine that can outlast the default wait.
      await chart.locator("svg").waitFor({ timeout: 30_000 });
    },
  },
  { path: (i) => `/wall/community/${i.community}`, roles: ["communityStaff"] },
  { path: () => "/meetings", roles: ["resident", "committeeMember"] },
  { path: () => "/care", roles: ["volunteer"] },
  { path: (i) => `/households/${i.household}/care`, roles: ["volunteer", "gridWorker", "communityStaff"] },
  {
    path: (i) => `/households/${i.household}/care/visit`,
    roles: ["volunteer", "gridWorker"],
    // The four choices of how the person is, one chosen.
    reveal: async (page) => {
      await page.getByRole("group").nth(1).getByRole("button").first().click();
    },
  },
  { path: (i) => `/communities/${i.community}/care/campaigns`, roles: ["communityStaff", "gridWorker"] },
  { path: (i) => `/communities/${i.community}/care/confirmations`, roles: ["communityStaff", "gridWorker"] },
  { path: (i) => `/communities/${i.community}/meetings`, roles: ["communityStaff", "committeeMember"] },
  { path: (i) => `/meetings/${i.meeting}`, roles: ["communityStaff", "committeeMember"] },
];

let e2e: E2E;
let ids: Ids;
const contexts = new Map<Role, Promise<BrowserContext>>();

/** One signed-in browser context per role, reused by every page it visits (and by both text sizes at once). */
function contextOf(role: Role): Promise<BrowserContext> {
  const known = contexts.get(role);
  if (known) return known;
  const signedIn = (async () => {
    const page = await e2e.newPage("phone");
    if (role !== "public") await e2e.login(page, PHONES[role]);
    await page.close();
    return page.context();
  })();
  contexts.set(role, signedIn);
  return signedIn;
}

async function readIds(): Promise<Ids> {
  const get = async (context: BrowserContext, paths: string[]) => {
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/login`);
    const bodies = await page.evaluate((all) => Promise.all(all.map(async (p) => (await fetch(p)).json())), paths);
    await page.close();
    return bodies;
  };
  // The demo resident has posted nothing yet: her request page needs one of her own.
  const residentPage = await (await contextOf("resident")).newPage();
  await residentPage.goto(`${e2e.baseUrl}/login`);
  const ownRequest = await residentPage.evaluate(async () => {
    const body = { kind: "wish", category: "item", description: "想要一副老花镜" };
    const res = await fetch("/api/requests", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { id: number }).id;
  });
  await residentPage.close();
  const [activities, cycles, teams, partners, requests, notices, topics, meetings] = await get(
    await contextOf("communityStaff"),
    [
      "/api/activities?communityId=1&limit=1",
      "/api/communities/1/rating-cycles",
      "/api/communities/1/teams",
      "/api/communities/1/partner-units",
      "/api/requests?communityId=1&limit=1",
      "/api/public/notices?communityId=1",
      "/api/public/communities/1/topics?limit=100",
      "/api/communities/1/meetings",
    ],
  );
  const [activity] = await get(await contextOf("communityStaff"), [`/api/activities/${activities.items[0].id}`]);
  const [volunteer] = await get(await contextOf("volunteer"), ["/api/me"]);
  const household = await careHousehold(volunteer.user.id);
  return {
    community: 1,
    activity: activity.id,
    shift: activity.shifts[0].id,
    team: teams.items[0].id,
    partner: partners.items[0].id,
    request: requests.items[0].id,
    ownRequest,
    cycle: cycles.items.find((c: { status: string }) => c.status === "reviewing").id,
    noticeCycle: notices.items[0].cycleId,
    volunteer: volunteer.user.id,
    doneTopic: topics.items.find((t: { status: string }) => t.status === "done").id,
    meeting: meetings.items[0].id,
    household,
  };
}

/** JSON calls in order from a page of the role's context (same origin, its session); answers their bodies. */
async function calls(role: Role, steps: [string, string, unknown?][]): Promise<unknown[]> {
  const page = await (await contextOf(role)).newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  const bodies = await page.evaluate(async (all) => {
    const out: unknown[] = [];
    for (const [method, path, body] of all) {
      const init = { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) };
      out.push(await (await fetch(path, method === "GET" ? undefined : init)).json());
    }
    return out;
  }, steps);
  await page.close();
  return bodies;
}

/**
 * The demo resident's household with a care profile (photos consented), paired with the demo volunteer, one of his
 * visits with a need and a running 五送 campaign, so every care page has something to show.
 */
async function careHousehold(volunteerId: number): Promise<number> {
  const [me] = (await calls("resident", [["GET", "/api/me"]])) as { user: { buildingId: number } }[];
  const [doors] = (await calls("communityStaff", [
    ["GET", `/api/buildings/${me?.user.buildingId}/households?limit=100`],
  ])) as { items: { id: number }[] }[];
  const household = Math.min(...(doors?.items ?? []).map((d) => d.id));
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const profile = { categories: ["livingAlone"], level: "weekly", needs: "腿脚不便", emergencyContact: null };
  await calls("communityStaff", [
    ["PUT", `/api/households/${household}/care`, profile],
    ["POST", `/api/households/${household}/care/consent`, { givenBy: "self", givenByName: "郑桂兰", photos: true }],
    ["POST", `/api/households/${household}/care/pairings`, { visitorUserId: volunteerId, kind: "volunteer" }],
    [
      "POST",
      "/api/communities/1/care/campaigns",
      { kind: "warmth", title: "冬季送温暖", categories: ["livingAlone"], startsOn: today, endsOn: today },
    ],
  ]);
  const visit = { visitedOn: today, mode: "inPerson", wellbeing: "fair", needs: "助行器坏了" };
  await calls("volunteer", [["POST", `/api/households/${household}/care/visits`, visit]]);
  return household;
}

/** Counts the page's fetches in flight, so a check waits until the page has its data. */
const countFetches = () => {
  const w = window as unknown as { __inflight: number };
  w.__inflight = 0;
  const original = window.fetch.bind(window);
  window.fetch = async (...args) => {
    w.__inflight++;
    try {
      return await original(...args);
    } finally {
      w.__inflight--;
    }
  };
};

async function settle(page: Page): Promise<void> {
  // The heading shows before any answer (a test delaying the dashboard's answer by 15 s saw it in 0.8 s), but
  // with the API's tests beside this file on two CPUs a page's scripts alone once took over 10 s to arrive.
  await page.locator("main h1").first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => (window as unknown as { __inflight: number }).__inflight === 0);
  // One more frame for Solid to render what the last answer brought.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** axe-core's serious and critical violations, as "rule: target — what to fix" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
    );
}

type Measures = {
  smallTargets: string[];
  smallText: string[];
  bodySize: number;
  unlabelled: string[];
  duplicateIds: string[];
};

/**
 * Measured in the page: visible tap targets under 44×44 px, visible text under 14 px, the size most
 * of the text is set in, fields without a visible label (a placeholder or aria-label is not one), and ids used twice.
 */
async function measure(page: Page): Promise<Measures> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""} "${(el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 20)}"`;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (
        el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
        r.width > 1 &&
        r.height > 1 &&
        r.right > 0 &&
        r.bottom > 0
      );
    };
    const smallTargets: string[] = [];
    for (const el of document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])",
    )) {
      // A checkbox or radio is tapped through its label, which is measured instead.
      const target =
        (el as HTMLInputElement).type === "checkbox" || (el as HTMLInputElement).type === "radio"
          ? (el.closest("label") ?? el)
          : el;
      if (!shown(target)) continue;
      const r = target.getBoundingClientRect();
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
        smallTargets.push(`${describe(target)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const smallText: string[] = [];
    const chars = new Map<number, number>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (!text || !parent || !shown(parent)) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      chars.set(size, (chars.get(size) ?? 0) + text.length);
      if (size < 14 - 0.01) smallText.push(`${describe(parent)} ${size}px`);
    }
    const bodySize = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    const unlabelled: string[] = [];
    for (const field of document.querySelectorAll<HTMLInputElement>("input:not([type=hidden]), select, textarea")) {
      const labels = [...(field.labels ?? [])].filter(
        (label) => shown(label) && (label.textContent ?? "").trim() !== "",
      );
      if (shown(field) && labels.length === 0) unlabelled.push(describe(field));
    }
    const seen = new Set<string>();
    const duplicateIds = [...document.querySelectorAll("[id]")]
      .map((el) => el.id)
      .filter((id) => seen.has(id) || !seen.add(id));
    return {
      smallTargets: [...new Set(smallTargets)],
      smallText: [...new Set(smallText)],
      bodySize,
      unlabelled,
      duplicateIds,
    };
  });
}

/** Opens one page, shows its hidden parts, and lists what it fails, by kind. */
async function check(page: Page, route: Route): Promise<Record<string, string[]>> {
  await page.goto(`${e2e.baseUrl}${route.path(ids)}`, { waitUntil: "domcontentloaded" });
  await settle(page);
  await route.reveal?.(page);
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  const violations = await axeViolations(page);
  const { bodySize, ...found } = await measure(page);
  const failed = Object.fromEntries(Object.entries({ violations, ...found }).filter(([, list]) => list.length > 0));
  if (bodySize < 16) failed.bodySize = [`${bodySize}px`];
  return failed;
}

beforeAll(async () => {
  e2e = await startE2E();
  ids = await readIds();
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

describe.each([
  { mode: "normal text", large: false },
  { mode: "large text", large: true },
])("every page of every role on a phone, in $mode", ({ large }) => {
  // Roles run side by side (each in its own context): the browser waits on the server much of the time.
  it.concurrent.for(EVERYONE)(
    "%s: no serious or critical axe violation, tap targets of 44 px, text of 16 px and never under 14 px, a visible label on every field, unique ids",
    { timeout: 300_000 },
    async (role, { expect }) => {
      const context = await contextOf(role);
      const page = await context.newPage();
      await page.addInitScript(countFetches);
      // axe-core comes with every document: sending its 500 kB with addScriptTag took 1.5–2 s a page here.
      await page.addInitScript(axeSource);
      await page.addInitScript((on) => localStorage.setItem("tongxin.largeText", on ? "1" : "0"), large);
      const problems: Record<string, unknown> = {};
      for (const route of ROUTES.filter((r) => r.roles.includes(role))) {
        const path = route.path(ids);
        try {
          const failed = await check(page, route);
          if (Object.keys(failed).length > 0) problems[path] = failed;
        } catch (error) {
          problems[path] = { error: [String(error).split("\n")[0]] };
        }
      }
      await page.close();
      expect(problems).toEqual({});
    },
  );
});

describe("focus after client-side navigation", () => {
  it.each(["resident", "communityStaff"] as const)(
    "a %s who follows each link of the menu lands on the new page's heading",
    async (role) => {
      const page = await (await contextOf(role)).newPage();
      await page.addInitScript(countFetches);
      await page.goto(`${e2e.baseUrl}/`);
      await settle(page);
      const links = await page.locator("nav.nav a").evaluateAll((all) => all.map((a) => a.getAttribute("href") ?? ""));
      expect(links.length).toBeGreaterThan(5);
      for (const href of links.reverse()) {
        await page.locator(`nav.nav a[href="${href}"]`).click();
        await page.waitForURL((url) => url.pathname === href.split("?")[0]);
        await settle(page);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80)), { message: href })
          .toMatch(/^<h1/);
        expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
      }
      await page.close();
    },
  );
});
