import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { CHECKIN_CODE_POLICY, CHECKIN_WINDOWS_AHEAD, must } from "@tongxin/core";
import { auditLog, roleGrants, signups, users } from "../db/schema";
import { Sessions } from "../auth/session";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { NEXT_SATURDAY, makeVolunteers, publishedActivity, shiftOn, userIdOf } from "../../test/volunteering";

let t: TestApp;
let leader: Agent;
let shiftId: number;
let volunteers: Agent[];
beforeAll(async () => {
  t = await testApp();
  const made = await publishedActivity(t, [shiftOn(NEXT_SATURDAY, "09:00", "12:00", 10)]);
  leader = made.leader;
  shiftId = must(made.shiftIds[0]);
  volunteers = await makeVolunteers(t, 8, "72");
  for (const v of volunteers) expect((await v.post(`/api/shifts/${shiftId}/signups`)).status).toBe(201);
});
afterAll(() => t.cleanup());

const at = (time: string) => Date.parse(`${NEXT_SATURDAY}T${time}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const reasonOf = (res: { json: any }) => res.json?.error?.reason;
type Window = { token: string; code: string; showFrom: string; expiresAt: string };
const windowsAt = async (ms: number): Promise<Window[]> => {
  t.clock.ms = ms;
  const res = await leader.post(`/api/shifts/${shiftId}/qr`);
  expect(res.status).toBe(200);
  return res.json.codes;
};
const signupOf = async (phone: string) =>
  must(
    (
      await t.database.db
        .select()
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId), eq(signups.userId, await userIdOf(t, phone))))
    )[0],
  );
const phoneOf = (i: number) => `172${String(i).padStart(8, "0")}`;

async function staffOfCommunity2(phone: string) {
  const db = t.database.db;
  const [user] = await db
    .insert(users)
    .values({ phone, name: "外来者", passwordHash: "x", communityId: 2, createdAt: t.clock.ms })
    .returning({ id: users.id });
  await db.insert(roleGrants).values({
    userId: must(user).id,
    role: "communityStaff",
    scopeKind: "community",
    scopeId: 2,
    createdAt: t.clock.ms,
  });
  const cookie = await new Sessions(t.database).create(must(user).id);
  const agent = t.agent();
  agent.cookie = `${cookie.name}=${cookie.value}`;
  return agent;
}

describe("the organiser's check-in screen", () => {
  it("gets the current window and the next ones, each shown 30 s and good for 90 s, with a 6-digit code", async () => {
    const windows = await windowsAt(at("08:50:10"));
    expect(windows).toHaveLength(CHECKIN_WINDOWS_AHEAD);
    expect(windows[0]).toMatchObject({
      showFrom: "2026-12-05T08:50:00.000+08:00",
      expiresAt: "2026-12-05T08:51:30.000+08:00",
    });
    expect(windows[1]?.showFrom).toBe("2026-12-05T08:50:30.000+08:00");
    for (const w of windows) expect(w.code).toMatch(/^\d{6}$/);
    expect(new Set(windows.map((w) => w.token)).size).toBe(windows.length);
  });

  it("is refused to a resident and to another community's staff", async () => {
    const resident = await t.agent().login(DEMO.resident);
    expect((await resident.post(`/api/shifts/${shiftId}/qr`)).status).toBe(403);
    const other = await staffOfCommunity2("13700000721");
    expect([403, 404]).toContain((await other.post(`/api/shifts/${shiftId}/qr`)).status);
  });
});

describe("a scan queued on a phone without a signal", () => {
  it("checks in at the time it was made, on the server's clock, though the phone's clock is an hour off", async () => {
    const [window] = await windowsAt(at("08:50:00"));
    t.clock.ms = at("09:05:00");
    const phoneClock = at("08:50:05") + 3_600_000;
    const res = await must(volunteers[0]).post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(phoneClock), sentAt: iso(phoneClock + 15 * 60_000 - 5_000) },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ checkInAt: "2026-12-05T08:50:05.000+08:00", checkOutAt: null, alreadyIn: false });
  });

  it("refuses the same token sent again (a replay) and changes nothing", async () => {
    const [window] = await windowsAt(at("08:51:00"));
    const volunteer = must(volunteers[1]);
    expect((await volunteer.post(`/api/shifts/${shiftId}/checkins`, { token: must(window).token })).status).toBe(200);
    const before = await signupOf(phoneOf(1));
    t.clock.ms = at("10:30:00");
    const replay = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(at("08:51:20")), sentAt: iso(at("10:30:00")) },
    });
    expect(replay.status).toBe(409);
    expect(reasonOf(replay)).toBe("checkin_token_used");
    expect(await signupOf(phoneOf(1))).toEqual(before);
  });

  it("refuses a token with anything added to it, and a scan after the organiser marked the volunteer absent", async () => {
    const [window] = await windowsAt(at("08:53:00"));
    const volunteer = must(volunteers[6]);
    const padded = await volunteer.post(`/api/shifts/${shiftId}/checkins`, { token: `${must(window).token}.x` });
    expect(reasonOf(padded)).toBe("invalid_token");
    const absent = await userIdOf(t, phoneOf(6));
    expect(
      (await leader.post(`/api/shifts/${shiftId}/attendance`, { userId: absent, attendance: "no_show" })).status,
    ).toBe(422); // not before the shift starts
    t.clock.ms = at("09:00:30");
    expect(
      (await leader.post(`/api/shifts/${shiftId}/attendance`, { userId: absent, attendance: "no_show" })).status,
    ).toBe(200);
    const late = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(at("08:53:10")), sentAt: iso(at("09:00:30")) },
    });
    expect(late.status).toBe(409);
    expect(reasonOf(late)).toBe("marked_absent");
    expect((await signupOf(phoneOf(6))).attendance).toBe("no_show");
  });

  it("refuses a token that had expired when it was scanned, queued or not", async () => {
    const [window] = await windowsAt(at("08:50:00"));
    const volunteer = must(volunteers[2]);
    t.clock.ms = at("08:51:30");
    const late = await volunteer.post(`/api/shifts/${shiftId}/checkins`, { token: must(window).token });
    expect(reasonOf(late)).toBe("invalid_token");
    t.clock.ms = at("09:30:00");
    const queuedLate = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(at("08:51:31")), sentAt: iso(at("09:30:00")) },
    });
    expect(reasonOf(queuedLate)).toBe("invalid_token");
    expect((await signupOf(phoneOf(2))).checkInAt).toBeNull();
  });

  it("refuses a scan sent more than a day after it was made, and one sent before it was made", async () => {
    const [window] = await windowsAt(at("08:52:00"));
    const volunteer = must(volunteers[2]);
    t.clock.ms = at("08:52:00") + 86_400_000 + 10_000;
    const old = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(at("08:52:00")), sentAt: iso(at("08:52:00") + 86_400_000 + 10_000) },
    });
    expect(reasonOf(old)).toBe("scan_too_old");
    const backwards = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: must(window).token,
      phone: { scannedAt: iso(at("08:53:00")), sentAt: iso(at("08:52:00")) },
    });
    expect(reasonOf(backwards)).toBe("scan_times_invalid");
    expect((await signupOf(phoneOf(2))).checkInAt).toBeNull();
  });

  it("checks out with a later window's token, at the time of that scan", async () => {
    const windows = await windowsAt(at("11:55:00"));
    t.clock.ms = at("12:20:00");
    const res = await must(volunteers[0]).post(`/api/shifts/${shiftId}/checkins`, {
      token: must(windows[0]).token,
      phone: { scannedAt: iso(at("11:55:10")), sentAt: iso(at("12:20:00")) },
    });
    expect(res.json).toMatchObject({
      checkInAt: "2026-12-05T08:50:05.000+08:00",
      checkOutAt: "2026-12-05T11:55:10.000+08:00",
    });
  });
});

describe("the 6-digit code", () => {
  it("checks in on the volunteer's open shift; a code typed offline is judged when it was typed", async () => {
    const windows = await windowsAt(at("09:10:00"));
    const res = await must(volunteers[3]).post("/api/me/checkins", { code: must(windows[0]).code });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ shiftId, checkInAt: "2026-12-05T09:10:00.000+08:00", alreadyIn: false });
    t.clock.ms = at("09:40:00");
    const queued = await must(volunteers[4]).post("/api/me/checkins", {
      code: must(windows[1]).code,
      shiftId,
      phone: { scannedAt: iso(at("09:10:40")), sentAt: iso(at("09:40:00")) },
    });
    expect(queued.json).toMatchObject({ checkInAt: "2026-12-05T09:10:40.000+08:00" });
  });

  it("is refused when wrong, expired or used, and after 10 tries in an hour", async () => {
    const windows = await windowsAt(at("09:20:00"));
    const volunteer = must(volunteers[5]);
    const right = must(windows[0]).code;
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(reasonOf(await volunteer.post("/api/me/checkins", { code: wrong }))).toBe("invalid_code");
    t.clock.ms = at("09:21:00");
    expect((await volunteer.post("/api/me/checkins", { code: right })).status).toBe(200);
    expect(reasonOf(await volunteer.post("/api/me/checkins", { code: right }))).toBe("checkin_token_used");
    t.clock.ms = at("09:21:30");
    expect(reasonOf(await volunteer.post("/api/me/checkins", { code: right }))).toBe("invalid_code");
    for (let i = 4; i < CHECKIN_CODE_POLICY.limit; i++) await volunteer.post("/api/me/checkins", { code: wrong });
    const limited = await volunteer.post("/api/me/checkins", { code: must(windows[1]).code });
    expect(limited.status).toBe(429);
    expect(reasonOf(limited)).toBe("rate_limited");
  });

  it("does nothing for someone not on the shift, of this community or another", async () => {
    const windows = await windowsAt(at("09:30:00"));
    const [outsider] = await makeVolunteers(t, 1, "73");
    expect(reasonOf(await must(outsider).post("/api/me/checkins", { code: must(windows[0]).code }))).toBe(
      "not_signed_up",
    );
    const other = await staffOfCommunity2("13700000722");
    expect(reasonOf(await other.post("/api/me/checkins", { code: must(windows[0]).code, shiftId }))).toBe(
      "not_signed_up",
    );
  });

  it("answers 400 naming the field for a malformed code or times", async () => {
    const volunteer = must(volunteers[6]);
    const short = await volunteer.post("/api/me/checkins", { code: "12345" });
    expect(short.status).toBe(400);
    expect(short.json.error.issues[0].path).toBe("code");
    const noSent = await volunteer.post(`/api/shifts/${shiftId}/checkins`, {
      token: "x",
      phone: { scannedAt: iso(at("09:00:00")) },
    });
    expect(noSent.status).toBe(400);
    expect(noSent.json.error.issues[0].path).toBe("phone.sentAt");
  });
});

describe("checking in someone without a phone", () => {
  it("finds them by the last four digits and the name, records it and audits it", async () => {
    t.clock.ms = at("09:45:00");
    const phone = phoneOf(7);
    const name = must((await t.database.db.select().from(users).where(eq(users.phone, phone)))[0]).name;
    const wrongName = await leader.post(`/api/shifts/${shiftId}/checkins/by-phone`, {
      phoneLast4: phone.slice(-4),
      name: "张三",
    });
    expect(reasonOf(wrongName)).toBe("not_on_shift");
    const wrongDigits = await leader.post(`/api/shifts/${shiftId}/checkins/by-phone`, { phoneLast4: "9999", name });
    expect(reasonOf(wrongDigits)).toBe("not_on_shift");
    const other = await staffOfCommunity2("13700000723");
    const outside = await other.post(`/api/shifts/${shiftId}/checkins/by-phone`, { phoneLast4: phone.slice(-4), name });
    expect([403, 404]).toContain(outside.status);
    expect((await signupOf(phone)).checkInAt).toBeNull();

    const found = await leader.post(`/api/shifts/${shiftId}/checkins/by-phone`, { phoneLast4: phone.slice(-4), name });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({ attendance: "present", checkInAt: "2026-12-05T09:45:00.000+08:00" });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "attendance.mark"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit?.entityId).toBe((await signupOf(phone)).id);
  });

  it("answers 400 naming the field for digits that are not four", async () => {
    const res = await leader.post(`/api/shifts/${shiftId}/checkins/by-phone`, { phoneLast4: "12a4", name: "王" });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe("phoneLast4");
  });
});
