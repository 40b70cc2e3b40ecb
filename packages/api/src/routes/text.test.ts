import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { leaderTeam, shiftOn, userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let admin: Agent;
let staff: Agent;
let leader: Agent;
let volunteer: Agent;
let resident: Agent;
let leaderTeamId: number;
let volunteerId: number;
let requestId: number;
beforeAll(async () => {
  t = await testApp();
  admin = await t.agent().login(DEMO.streetAdmin);
  staff = await t.agent().login(DEMO.communityStaff);
  volunteer = await t.agent().login(DEMO.volunteer);
  resident = await t.agent().login(DEMO.resident);
  ({ leader, teamId: leaderTeamId } = await leaderTeam(t));
  volunteerId = await userIdOf(t, DEMO.volunteer);
  requestId = (await resident.post("/api/requests", { kind: "wish", category: "item", description: "想要一个助行器" }))
    .json.id;
});
afterAll(() => t.cleanup());

/** Characters no field takes; a newline is refused only where the field is one line. */
const HOSTILE = [
  { case: "a NUL", text: "楼\u0000下", code: "control_character", multiline: true },
  { case: "a C1 control", text: "楼\u0085下", code: "control_character", multiline: true },
  { case: "a right-to-left override", text: "楼下\u202E门口", code: "bidi_control", multiline: true },
  { case: "a zero-width space", text: "楼\u200B下", code: "invisible_character", multiline: true },
  { case: "a line separator", text: "楼\u2028下", code: "invisible_character", multiline: true },
  { case: "a lone surrogate", text: "楼\uD800下", code: "broken_character", multiline: true },
  { case: "a newline", text: "楼下\n门口", code: "control_character", multiline: false },
  { case: "a tab", text: "楼下\t门口", code: "control_character", multiline: false },
];

let seq = 0;
const key = () => ({ "idempotency-key": `text-test-${++seq}-key` });
const activity = (fields: Record<string, string>) =>
  leader.post("/api/activities", {
    communityId: 1,
    teamId: leaderTeamId,
    title: "敬老院慰问",
    description: "陪老人聊天",
    category: "elderly",
    place: "幸福敬老院",
    shifts: [shiftOn("2026-12-20")],
    ...fields,
  });
const slot = { startsAt: "2026-12-05T09:00:00+08:00", endsAt: "2026-12-05T11:00:00+08:00", capacity: 2 };
const offer = (fields: Record<string, string>) =>
  volunteer.post("/api/communities/1/offers", {
    providerKey: `volunteer:${volunteerId}`,
    category: "haircut",
    title: "爱心义剪",
    description: "每周六上午",
    placeKind: "service_point",
    place: "党群服务中心",
    schedule: "每周六 9:00–11:00",
    slots: [slot],
    ...fields,
  });

/** Free-text fields across routes; issuance goes to community 2 (not the demo staff's), where the street admin acts. */
const FIELDS = [
  { route: "an activity", path: "place", multiline: false, send: (text: string) => activity({ place: text }) },
  {
    route: "an activity",
    path: "description",
    multiline: true,
    send: (text: string) => activity({ description: text }),
  },
  { route: "an offer", path: "place", multiline: false, send: (text: string) => offer({ place: text }) },
  { route: "an offer", path: "description", multiline: true, send: (text: string) => offer({ description: text }) },
  { route: "an offer", path: "schedule", multiline: false, send: (text: string) => offer({ schedule: text }) },
  {
    route: "a request",
    path: "description",
    multiline: true,
    send: (text: string) => resident.post("/api/requests", { kind: "wish", category: "item", description: text }),
  },
  {
    route: "a donation",
    path: "message",
    multiline: false,
    send: (text: string) => volunteer.post("/api/points/donations", { to: "fund", amount: 1, message: text }, key()),
  },
  {
    route: "an issuance to another community",
    path: "reason",
    multiline: false,
    send: (text: string) => admin.post("/api/points/issuance", { communityId: 2, amount: 10, reason: text }, key()),
  },
  {
    route: "a request's rejection",
    path: "reason",
    multiline: false,
    send: (text: string) => staff.post(`/api/requests/${requestId}/reject`, { reason: text }),
  },
];

const TABLES = ["activities", "offers", "requests", "ledger_transfers", "donations", "request_events"];
const counts = async () =>
  Promise.all(
    TABLES.map(async (table) =>
      Number(must((await t.database.client.execute(`select count(*) n from ${table}`)).rows[0]).n),
    ),
  );
const stored = async (sql: string, id: number) => must((await t.database.client.execute({ sql, args: [id] })).rows[0]);

describe("human-entered free text", () => {
  const cases = FIELDS.flatMap((f) =>
    HOSTILE.filter((h) => !(f.multiline && !h.multiline)).map((h) => ({ ...f, ...h })),
  );
  it.each(cases)(
    "$route refuses a $path with $case: 400 naming the field, nothing stored",
    async ({ send, text, path, code }) => {
      const before = await counts();
      const res = await send(text);
      expect(res.status).toBe(400);
      expect(res.json.error.issues).toEqual([expect.objectContaining({ path, code })]);
      expect(await counts()).toEqual(before);
    },
  );

  it("a required text with nothing visible in it is blank", async () => {
    const res = await staff.post(`/api/requests/${requestId}/reject`, { reason: "\u3000\u3164\u2800" });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "reason", code: "blank" })]);
    expect((await stored("select status from requests where id = ?", requestId)).status).not.toBe("rejected");
  });

  it("stores ordinary text unchanged: lines, tabs, emoji, family emoji, full-width punctuation; composed (NFC), trimmed, line ends as \\n", async () => {
    const description = "第一行：请带好身份证！\n\t第二行 😀❤️ 👨\u200D👩\u200D👧\n（东门）cafe\u0301";
    const created = await activity({ place: " 楼下门口（东侧）", description: `${description}\n` });
    expect(created.status).toBe(201);
    const row = await stored("select place, description from activities where id = ?", created.json.id);
    expect(row.place).toBe("楼下门口（东侧）");
    expect(row.description).toBe(description.replace("cafe\u0301", "caf\u00E9"));

    const made = await offer({ description: "每周六上午\n自带毛巾🙂", schedule: "每周六 9:00–11:00，节假日除外" });
    expect(made.status).toBe(201);
    const offerRow = await stored("select description, schedule from offers where id = ?", made.json.id);
    expect(offerRow).toMatchObject({
      description: "每周六上午\n自带毛巾🙂",
      schedule: "每周六 9:00–11:00，节假日除外",
    });

    const wish = await resident.post("/api/requests", {
      kind: "wish",
      category: "item",
      description: "想要一个助行器。\r\n颜色不限～",
    });
    expect(wish.status).toBe(201);
    expect((await stored("select description from requests where id = ?", wish.json.id)).description).toBe(
      "想要一个助行器。\n颜色不限～",
    );
  });
});
