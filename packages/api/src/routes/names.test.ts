import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTNER_KINDS, must } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { leaderTeam, shiftOn, userIdOf } from "../../test/volunteering";

let t: TestApp;
let admin: Agent;
let staff: Agent;
let leader: Agent;
let leaderTeamId: number;
let volunteer: Agent;
let volunteerId: number;
beforeAll(async () => {
  t = await testApp();
  admin = await t.agent().login(DEMO.streetAdmin);
  staff = await t.agent().login(DEMO.communityStaff);
  ({ leader, teamId: leaderTeamId } = await leaderTeam(t));
  volunteer = await t.agent().login(DEMO.volunteer);
  volunteerId = await userIdOf(t, DEMO.volunteer);
});
afterAll(() => t.cleanup());

const HOSTILE = [
  { case: "a NUL", name: "a\u0000b", code: "control_character" },
  { case: "a newline", name: "张\n三", code: "control_character" },
  { case: "a tab", name: "张\t三", code: "control_character" },
  { case: "a right-to-left override", name: "\u202Egnp.exe", code: "bidi_control" },
  { case: "an isolate", name: "\u2066李四\u2069", code: "bidi_control" },
  { case: "zero-width spaces only", name: "\u200B\u200C\u200B", code: "invisible_character" },
  { case: "a tag character", name: "\u{E0041}", code: "invisible_character" },
  { case: "a line separator", name: "a\u2028b", code: "invisible_character" },
  { case: "a Hangul filler only", name: "\u3164", code: "blank" },
  { case: "a blank braille pattern only", name: "\u2800", code: "blank" },
  { case: "a look-alike with a variation selector", name: "和平\uFE0F", code: "invisible_character" },
  { case: "a look-alike with a joiner inside", name: "和\u200D平", code: "invisible_character" },
  { case: "a lone combining accent", name: "\u0301", code: "blank" },
  { case: "a variation selector only", name: "\uFE0F", code: "blank" },
  { case: "a combining mark first", name: "\u20DD李四", code: "leading_mark" },
];

let phoneSeq = 0;
/** Routes taking a human-entered name, in community 2 (not the demo staff's) where the street admin acts. */
const ROUTES = [
  {
    route: "registration",
    path: "name",
    send: (name: string) =>
      t.agent().post("/api/auth/register", {
        phone: `1370010${String(++phoneSeq).padStart(4, "0")}`,
        password: "secret123",
        name,
        communityId: 2,
      }),
  },
  {
    route: "proxy registration",
    path: "name",
    send: (name: string) =>
      admin.post("/api/accounts", { phone: `1370020${String(++phoneSeq).padStart(4, "0")}`, name, communityId: 2 }),
  },
  {
    route: "a team",
    path: "name",
    send: (name: string) => admin.post("/api/communities/2/teams", { name, kind: "综合" }),
  },
  {
    route: "a team's kind",
    path: "kind",
    send: (kind: string) => admin.post("/api/communities/2/teams", { name: `队${++phoneSeq}`, kind }),
  },
  {
    route: "a partner unit",
    path: "name",
    send: (name: string) => admin.post("/api/communities/2/partner-units", { name, kind: PARTNER_KINDS[0] }),
  },
  {
    route: "a partner unit's contact",
    path: "contactName",
    send: (contactName: string) =>
      admin.post("/api/communities/2/partner-units", {
        name: `单位${++phoneSeq}`,
        kind: PARTNER_KINDS[0],
        contactName,
      }),
  },
  { route: "a grid", path: "name", send: (name: string) => admin.post("/api/communities/2/grids", { name }) },
  {
    route: "a store item",
    path: "name",
    send: (name: string) => staff.post("/api/communities/1/store/items", { name, pointsPrice: 10, stock: 1 }),
  },
  {
    route: "an activity",
    path: "title",
    send: (title: string) =>
      leader.post("/api/activities", {
        communityId: 1,
        teamId: leaderTeamId,
        title,
        description: "陪老人聊天",
        category: "elderly",
        place: "幸福敬老院",
        shifts: [shiftOn("2026-12-20")],
      }),
  },
  {
    route: "an offer",
    path: "title",
    send: (title: string) =>
      volunteer.post("/api/communities/1/offers", {
        providerKey: `volunteer:${volunteerId}`,
        category: "haircut",
        title,
        description: "",
        placeKind: "service_point",
        place: "党群服务中心",
        schedule: "",
        slots: [{ startsAt: "2026-12-05T09:00:00+08:00", endsAt: "2026-12-05T11:00:00+08:00", capacity: 2 }],
      }),
  },
];

const TABLES = ["users", "teams", "partner_units", "grids", "store_items", "activities", "offers"];
const counts = async () =>
  Promise.all(
    TABLES.map(async (table) =>
      Number(must((await t.database.client.execute(`select count(*) n from ${table}`)).rows[0]).n),
    ),
  );

describe("human-entered names", () => {
  it.each(ROUTES.flatMap((r) => HOSTILE.map((h) => ({ ...r, ...h }))))(
    "$route refuses a name with $case: 400 naming the field, nothing stored",
    async ({ send, name, path, code }) => {
      const before = await counts();
      const res = await send(name);
      expect(res.status).toBe(400);
      expect(res.json.error.issues).toEqual([expect.objectContaining({ path, code })]);
      expect(await counts()).toEqual(before);
    },
  );

  it("each route still takes an ordinary name", async () => {
    for (const { send } of ROUTES) expect((await send(`正常名称${phoneSeq}`)).status).toBe(201);
  });

  it("stores names composed (NFC) and trimmed: a decomposed é, a CJK compatibility ideograph", async () => {
    const resident = t.agent();
    expect(
      (
        await resident.post("/api/auth/register", {
          phone: "13700300001",
          password: "secret123",
          name: " Jose\u0301 ",
          communityId: 2,
        })
      ).status,
    ).toBe(201);
    expect((await resident.get("/api/me")).json.user.name).toBe("Jos\u00E9");
    const team = await admin.post("/api/communities/2/teams", { name: "\uF900\u5C0F\u961F", kind: "综合" });
    expect(team.status).toBe(201);
    const stored = await t.database.client.execute({
      sql: "select name from teams where id = ?",
      args: [team.json.id],
    });
    expect(must(stored.rows[0]).name).toBe("\u8C48\u5C0F\u961F");
  });
});
