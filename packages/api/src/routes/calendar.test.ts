import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { must } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { NEXT_SATURDAY, makeVolunteers, publishedActivity, shiftOn } from "../../test/volunteering";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

const DAY_MS = 86_400_000;

/** A calendar app's fetch: no cookie, the raw text (an .ics is no JSON). */
async function fetchIcs(path: string, as?: Agent) {
  const res = await t.app.request(`http://localhost${path}`, { headers: as?.cookie ? { cookie: as.cookie } : {} });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, lines: text.replace(/\r\n /g, "").split("\r\n") };
}

const feedPath = (url: string) => new URL(url).pathname;

async function subscribed(volunteer: Agent): Promise<string> {
  const res = await volunteer.post("/api/me/calendar");
  expect(res.status).toBe(201);
  return feedPath(res.json.url);
}

/** The lines of one shift's VEVENT in a feed. */
function eventOf(lines: string[], shiftId: number): string[] {
  const uid = lines.indexOf(`UID:shift-${shiftId}@tongxin`);
  if (uid < 0) return [];
  return lines.slice(uid, lines.indexOf("END:VEVENT", uid));
}

describe("a volunteer's calendar feed", () => {
  it("answers their confirmed and waitlisted shifts as iCalendar at the private address", async () => {
    const [a, b] = await makeVolunteers(t, 2, "771");
    const { shiftIds } = await publishedActivity(t, [
      shiftOn(NEXT_SATURDAY, "09:00", "12:00", 1),
      shiftOn("2026-12-12", "14:00", "16:30"),
    ]);
    const [first, second] = [must(shiftIds[0]), must(shiftIds[1])];
    expect((await must(b).post(`/api/shifts/${first}/signups`)).json.status).toBe("confirmed");
    expect((await must(a).post(`/api/shifts/${first}/signups`)).json.status).toBe("waitlisted");
    expect((await must(a).post(`/api/shifts/${second}/signups`)).json.status).toBe("confirmed");

    const created = await must(a).post("/api/me/calendar");
    expect(created.status).toBe(201);
    expect(created.json.url).toMatch(/^http:\/\/localhost\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    const feed = await fetchIcs(feedPath(created.json.url));

    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("private, max-age=300");
    expect(feed.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(feed.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(eventOf(feed.lines, first)).toEqual(
      expect.arrayContaining([
        "DTSTART:20261205T010000Z",
        "DTEND:20261205T040000Z",
        "SUMMARY:敬老院慰问",
        "LOCATION:幸福敬老院",
        "DESCRIPTION:陪老人聊天",
        "STATUS:TENTATIVE",
        "TRIGGER:-PT120M",
      ]),
    );
    expect(eventOf(feed.lines, second)).toEqual(
      expect.arrayContaining(["DTSTART:20261212T060000Z", "DTEND:20261212T083000Z", "STATUS:CONFIRMED"]),
    );
    expect((await must(a).get("/api/me/calendar")).json).toMatchObject({ active: true });
  });

  it("strikes out a place given up and a cancelled activity instead of dropping them", async () => {
    const [a] = await makeVolunteers(t, 1, "772");
    const kept = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    const givenUp = await publishedActivity(t, [shiftOn("2026-12-06")]);
    for (const id of [...kept.shiftIds, ...givenUp.shiftIds]) await must(a).post(`/api/shifts/${id}/signups`);
    expect((await must(a).delete(`/api/shifts/${givenUp.shiftIds[0]}/signups/me`)).status).toBe(200);
    expect((await kept.leader.post(`/api/activities/${kept.activityId}/cancel`, { reason: "暴雨预警" })).status).toBe(
      200,
    );

    const feed = await fetchIcs(await subscribed(must(a)));

    for (const id of [...kept.shiftIds, ...givenUp.shiftIds]) {
      expect(eventOf(feed.lines, must(id))).toContain("STATUS:CANCELLED");
      expect(eventOf(feed.lines, must(id))).not.toContain("BEGIN:VALARM");
    }
  });

  it("shows a place taken again after giving it up once, as it stands now", async () => {
    const [a] = await makeVolunteers(t, 1, "773");
    const { shiftIds } = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    const id = must(shiftIds[0]);
    await must(a).post(`/api/shifts/${id}/signups`);
    await must(a).delete(`/api/shifts/${id}/signups/me`);
    await must(a).post(`/api/shifts/${id}/signups`);

    const feed = await fetchIcs(await subscribed(must(a)));

    expect(feed.lines.filter((l) => l === `UID:shift-${id}@tongxin`)).toHaveLength(1);
    expect(eventOf(feed.lines, id)).toContain("STATUS:CONFIRMED");
  });

  it("holds shifts from 30 days back to 180 days ahead only", async () => {
    const [a] = await makeVolunteers(t, 1, "774");
    const { shiftIds } = await publishedActivity(t, [
      shiftOn(NEXT_SATURDAY),
      shiftOn("2027-05-20"),
      shiftOn("2027-06-10"),
    ]);
    const [soon, inHalfAYear, beyond] = [must(shiftIds[0]), must(shiftIds[1]), must(shiftIds[2])];
    for (const id of shiftIds) await must(a).post(`/api/shifts/${id}/signups`);
    const path = await subscribed(must(a));

    const now = await fetchIcs(path);
    expect([soon, inHalfAYear, beyond].map((id) => eventOf(now.lines, id).length > 0)).toEqual([true, true, false]);

    t.clock.ms = Date.parse(`${NEXT_SATURDAY}T09:00:00+08:00`) + 31 * DAY_MS;
    const later = await fetchIcs(path);
    expect([soon, inHalfAYear, beyond].map((id) => eventOf(later.lines, id).length > 0)).toEqual([false, true, true]);
  });

  it("never holds other people's shifts, names or phone numbers", async () => {
    const [a, b] = await makeVolunteers(t, 2, "775");
    const mine = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    const theirs = await publishedActivity(t, [shiftOn("2026-12-06")]);
    await must(a).post(`/api/shifts/${mine.shiftIds[0]}/signups`);
    await must(b).post(`/api/shifts/${mine.shiftIds[0]}/signups`);
    await must(b).post(`/api/shifts/${theirs.shiftIds[0]}/signups`);

    const feed = await fetchIcs(await subscribed(must(a)));

    expect(feed.lines.filter((l) => l.startsWith("UID:"))).toEqual([`UID:shift-${mine.shiftIds[0]}@tongxin`]);
    expect(feed.text).not.toMatch(/1[3-9]\d{9}/);
    expect(feed.text).not.toContain("测试775");
  });

  it("stops answering the old address once the feed is replaced", async () => {
    const [a] = await makeVolunteers(t, 1, "776");
    const old = await subscribed(must(a));
    const fresh = await subscribed(must(a));

    expect(fresh).not.toBe(old);
    expect((await fetchIcs(old)).status).toBe(404);
    expect((await fetchIcs(fresh)).status).toBe(200);
  });

  it("answers a revoked address exactly as one that never existed", async () => {
    const [a] = await makeVolunteers(t, 1, "777");
    const path = await subscribed(must(a));
    const revoked = await must(a).delete("/api/me/calendar");
    expect(revoked.status).toBe(200);
    expect((await must(a).get("/api/me/calendar")).json).toEqual({ active: false, createdAt: null });

    const gone = await fetchIcs(path);
    const unknown = await fetchIcs(`/api/calendar/${"a".repeat(32)}.ics`);
    const malformed = await fetchIcs("/api/calendar/not-a-token.ics");
    expect([gone.status, unknown.status, malformed.status]).toEqual([404, 404, 404]);
    expect(gone.text).toBe(unknown.text);
    expect(malformed.text).toBe(unknown.text);
    expect((await must(a).delete("/api/me/calendar")).status).toBe(200);
  });

  it("is refused to a resident without a volunteer profile and to someone signed out", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const refused = await resident.post("/api/me/calendar");
    expect(refused.status).toBe(422);
    expect(refused.json.error.reason).toBe("not_volunteer");
    expect((await resident.get("/api/me/calendar")).json.active).toBe(false);
    expect((await t.agent().post("/api/me/calendar")).status).toBe(401);
    expect((await t.agent().delete("/api/me/calendar")).status).toBe(401);
  });

  it("never writes the address's token in the log", async () => {
    const [a] = await makeVolunteers(t, 1, "778");
    const path = await subscribed(must(a));
    const logged: string[] = [];
    t.deps.log = (_level, msg, fields) => logged.push(JSON.stringify({ msg, ...fields }));

    await fetchIcs(path);
    await fetchIcs(`${path}/`);
    await fetchIcs(path.replace("/api/", "/api//"));
    await fetchIcs(path.replace("/api/calendar/", "/API/Calendar/"));
    await fetchIcs(path.replace("/api/calendar/", "/api/calendar%2F"));

    const token = must(path.split("/").at(-1)).replace(".ics", "");
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toContain(token);
  });
});

describe("the feed's address with PUBLIC_ORIGIN set", () => {
  it("is the configured site, whatever Host the request came with; its events link there too", async () => {
    const [a] = await makeVolunteers(t, 1, "780");
    const { shiftIds } = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    await must(a).post(`/api/shifts/${must(shiftIds[0])}/signups`);
    t.deps.config.publicOrigin = "https://tongxin.example.org";

    const created = await t.app.request("http://localhost/api/me/calendar", {
      method: "POST",
      headers: { cookie: must(must(a).cookie), host: "evil.example", origin: "http://evil.example" },
    });
    const { url } = (await created.json()) as { url: string };

    expect(url).toMatch(/^https:\/\/tongxin\.example\.org\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    const feed = await fetchIcs(feedPath(url));
    expect(feed.lines.filter((l) => l.startsWith("URL:"))).toEqual([
      expect.stringMatching(/^URL:https:\/\/tongxin\.example\.org\/activities\/\d+$/),
    ]);
  });
});

describe("one shift as an .ics download", () => {
  it("downloads as a named attachment for a volunteer, and for a resident who may see the activity", async () => {
    const [a] = await makeVolunteers(t, 1, "779");
    const { shiftIds } = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    const id = must(shiftIds[0]);
    await must(a).post(`/api/shifts/${id}/signups`);

    const mine = await fetchIcs(`/api/shifts/${id}/calendar.ics`, must(a));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(mine.headers.get("content-disposition")).toBe(`attachment; filename="tongxin-shift-${id}.ics"`);
    expect(eventOf(mine.lines, id)).toEqual(expect.arrayContaining(["STATUS:CONFIRMED", "SUMMARY:敬老院慰问"]));

    const resident = await t.agent().login(DEMO.resident);
    expect((await fetchIcs(`/api/shifts/${id}/calendar.ics`, resident)).status).toBe(200);
  });

  it("is not found for a team-only activity outside the team, another community's draft, or no such shift", async () => {
    const [outsider] = await makeVolunteers(t, 1, "780");
    const teamOnly = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)], { visibility: "team" });
    const admin = await t.agent().login(DEMO.streetAdmin);
    const draft = await admin.post("/api/activities", {
      communityId: 2,
      title: "邻社区草稿",
      description: "未发布",
      category: "elderly",
      place: "邻社区",
      shifts: [shiftOn(NEXT_SATURDAY)],
    });
    expect(draft.status).toBe(201);

    for (const id of [must(teamOnly.shiftIds[0]), must(draft.json.shifts[0]).id, 999_999])
      expect((await fetchIcs(`/api/shifts/${id}/calendar.ics`, must(outsider))).status).toBe(404);
    // Their own team leader still gets it.
    expect((await fetchIcs(`/api/shifts/${teamOnly.shiftIds[0]}/calendar.ics`, teamOnly.leader)).status).toBe(200);
  });

  it("asks someone signed out to sign in", async () => {
    const { shiftIds } = await publishedActivity(t, [shiftOn(NEXT_SATURDAY)]);
    expect((await fetchIcs(`/api/shifts/${shiftIds[0]}/calendar.ics`)).status).toBe(401);
  });
});
