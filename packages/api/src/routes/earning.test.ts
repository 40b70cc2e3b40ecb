import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers } from "../../test/volunteering";
import { confirmedHours, drainFund, grant, key } from "../../test/points";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const issue = async (amount: number) =>
  (
    await (
      await t.agent().login(DEMO.streetAdmin)
    ).post("/api/points/issuance", { communityId: 1, amount, reason: "补充积分" })
  ).json;

describe("earning points", () => {
  it("confirmed hours wait on an empty fund and warn its staff once; an issuance pays them in the order earned", async () => {
    await drainFund(t, 1);
    const [a, b] = await makeVolunteers(t, 2, "61");
    await confirmedHours(t, [must(a), must(b)], "2026-12-05", "09:00", "12:00");
    expect((await must(a).get("/api/me/points")).json).toMatchObject({ posted: 0, waiting: 30 });
    const staff = await t.agent().login(DEMO.communityStaff);
    const warnings = (await staff.get("/api/me/notifications")).json.items.filter(
      (n: { kind: string }) => n.kind === "points_fund_empty",
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].payload).toEqual({ communityId: 1, points: 30, path: "/admin/points?community=1" });
    expect((await staff.get("/api/communities/1/points")).json.waiting).toEqual({ count: 2, points: 60 });

    expect((await issue(45)).fundBalance).toBe(15); // the first earning (30) is paid, the second waits for more
    expect((await must(a).get("/api/me/points")).json).toMatchObject({ posted: 30, waiting: 0 });
    expect((await must(b).get("/api/me/points")).json).toMatchObject({ posted: 0, waiting: 30 });
    await issue(100);
    const paid = (await must(b).get("/api/me/points?month=2026-12")).json;
    expect(paid).toMatchObject({ posted: 30, waiting: 0 });
    // The line names what earned it: the activity and the shift's date.
    expect(paid.entries).toEqual([
      expect.objectContaining({
        kind: "earning",
        amount: 30,
        reason: "志愿积分",
        source: { kind: "hours", activity: "敬老院慰问", date: "2026-12-05" },
      }),
    ]);
  });

  it("voided hours take their points back; what was already spent is owed and recovered from the next earning", async () => {
    await issue(1000);
    const [v] = await makeVolunteers(t, 1, "62");
    const { leader, hoursIds } = await confirmedHours(t, [must(v)], "2026-12-06", "09:00", "12:00");
    const staff = await t.agent().login(DEMO.communityStaff);
    const item = (await staff.post("/api/communities/1/store/items", { name: "洗衣液", pointsPrice: 20, stock: 5 }))
      .json;
    const { code } = (
      await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("soap") })
    ).json;
    await staff.post(`/api/communities/1/store/pickups/${code}`);
    expect((await must(v).get("/api/me/points")).json).toMatchObject({ posted: 10 });

    expect((await leader.post(`/api/hours/${hoursIds[0]}/void`, { reason: "录错了人" })).status).toBe(200);
    expect((await must(v).get("/api/me/points")).json).toMatchObject({ posted: 0, owed: 20 });
    await confirmedHours(t, [must(v)], "2026-12-08", "14:00", "17:00");
    const after = (await must(v).get("/api/me/points?month=2026-12")).json;
    expect(after).toMatchObject({ posted: 10, owed: 0 });
    expect(after.entries.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ["reversal", -20],
      ["earning", 30],
      ["reversal", -10],
      ["redemption", -20],
      ["earning", 30],
    ]);
    expect(after.entries.map((e: { source: unknown }) => e.source)).toEqual([
      { kind: "hours", activity: "敬老院慰问", date: "2026-12-06" },
      { kind: "hours", activity: "敬老院慰问", date: "2026-12-08" },
      { kind: "hours", activity: "敬老院慰问", date: "2026-12-06" },
      { kind: "redemption", item: "洗衣液", quantity: 1 },
      { kind: "hours", activity: "敬老院慰问", date: "2026-12-06" },
    ]);
    expect((await staff.get("/api/points/verify")).json).toMatchObject({ sound: true, negative: [] });
  });

  it("a request the resident confirms earns by category with the five-star bonus, within the daily cap the staff set", async () => {
    await issue(1000);
    const staff = await t.agent().login(DEMO.communityStaff);
    const rules = { pointsPerHour: 12, perRequest: { item: 25 }, requestDefault: 15, fiveStarBonus: 5, dailyCap: 40 };
    expect((await staff.put("/api/communities/1/earning-rules", rules)).json.rules).toEqual(rules);
    expect((await staff.get("/api/communities/1/earning-rules")).json.rules).toEqual(rules);
    expect((await staff.put("/api/communities/1/earning-rules", { ...rules, dailyCap: 20_000 })).status).toBe(400);
    expect((await (await t.agent().login(DEMO.volunteer)).put("/api/communities/1/earning-rules", rules)).status).toBe(
      403,
    );

    const [v] = await makeVolunteers(t, 1, "63", { vouched: true });
    const resident = await t.agent().login(DEMO.resident);
    const worker = await t.agent().login(DEMO.gridWorker);
    const served: number[] = [];
    const serve = async (rating: number) => {
      const { id } = (
        await resident.post("/api/requests", { kind: "wish", category: "item", description: "想要一个助行器" })
      ).json;
      served.push(id);
      await worker.post(`/api/requests/${id}/accept`);
      await must(v).post(`/api/requests/${id}/claim`);
      await must(v).post(`/api/requests/${id}/complete`);
      expect((await resident.post(`/api/requests/${id}/confirm`, { rating })).json.status).toBe("closed");
    };
    await serve(5);
    expect((await must(v).get("/api/me/points")).json.posted).toBe(30);
    await serve(4); // 25 wanted, 10 left under the cap of 40
    expect((await must(v).get("/api/me/points")).json.posted).toBe(40);
    const lines = (await must(v).get("/api/me/points")).json.entries.filter(
      (e: { kind: string }) => e.kind === "earning",
    );
    expect(lines.map((e: { source: unknown }) => e.source)).toEqual(
      served.reverse().map((requestId) => ({ kind: "request", requestId, category: "item" })),
    );
    const audit = (await staff.get("/api/audit?communityId=1&limit=20")).json.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain("points.rules");
  });
});

describe("donation (转赠)", () => {
  it("a volunteer gives points to a household in need, whose members are told with the message, and to the fund; a replay changes nothing", async () => {
    const [v] = await makeVolunteers(t, 1, "64");
    const volunteerId = (await must(v).get("/api/me")).json.user.id;
    await grant(t, `volunteer:${volunteerId}`, 50);
    const resident = await t.agent().login(DEMO.resident);
    const household = (await resident.get("/api/me/points")).json.household;
    const householdId = household.id as number;
    const headers = { "idempotency-key": key("gift") };
    const gift = await must(v).post(
      "/api/points/donations",
      { to: { householdId }, amount: 20, message: "祝王奶奶早日康复" },
      headers,
    );
    expect(gift.status).toBe(201);
    expect(
      (
        await must(v).post(
          "/api/points/donations",
          { to: { householdId }, amount: 20, message: "祝王奶奶早日康复" },
          headers,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await must(v).post(
          "/api/points/donations",
          { to: { householdId }, amount: 25, message: "祝王奶奶早日康复" },
          headers,
        )
      ).status,
    ).toBe(409);
    expect((await resident.get("/api/me/points")).json.household).toMatchObject({
      id: householdId,
      posted: household.posted + 20,
    });
    const told = (await resident.get("/api/me/notifications")).json.items.find(
      (n: { kind: string }) => n.kind === "points_donated",
    );
    expect(told.payload).toEqual({ amount: 20, message: "祝王奶奶早日康复", path: "/me/points" });

    const toFund = await must(v).post(
      "/api/points/donations",
      { to: "fund", amount: 10, message: "" },
      { "idempotency-key": key("fund") },
    );
    expect(toFund.json.balance).toBe(20);
    const short = await must(v).post(
      "/api/points/donations",
      { to: "fund", amount: 21, message: "" },
      { "idempotency-key": key("short") },
    );
    expect([short.status, short.json.error.reason]).toEqual([422, "insufficient_balance"]);
    expect(
      (
        await must(v).post(
          "/api/points/donations",
          { to: "fund", amount: 1, message: "很".repeat(101) },
          { "idempotency-key": key("long") },
        )
      ).status,
    ).toBe(400);
    const staff = await t.agent().login(DEMO.communityStaff);
    const overview = (await staff.get("/api/communities/1/points")).json;
    expect(overview.donations[0]).toMatchObject({ amount: 10, household: null, from: expect.stringContaining("*") });
    expect(overview.summary.donated).toBeGreaterThanOrEqual(30);
    // The giver's statement names where each gift went, the household masked by its first member.
    const given = (await must(v).get("/api/me/points")).json.entries.filter(
      (e: { kind: string }) => e.kind === "donation",
    );
    expect(given.map((e: { source: unknown }) => e.source)).toEqual([
      { kind: "donation", to: true, name: "", fund: true },
      { kind: "donation", to: true, name: expect.stringMatching(/^.\*+.?家$/), fund: false },
    ]);
    expect(JSON.stringify(given)).not.toContain("郑桂兰");
  });

  it("a giver names the household by a member's phone and sees only the masked name", async () => {
    const [v] = await makeVolunteers(t, 1, "65");
    await grant(t, `volunteer:${(await must(v).get("/api/me")).json.user.id}`, 10);
    const byPhone = await must(v).post(
      "/api/points/donations",
      { to: { phone: DEMO.resident }, amount: 5, message: "" },
      { "idempotency-key": key("phone") },
    );
    expect(byPhone.json).toMatchObject({ receiver: "郑*兰", balance: 5 });
  });

  it("every kind of bad recipient named by phone gets the identical refusal, so a number's existence and home stay private", async () => {
    const resident = await t.agent().login(DEMO.resident);
    await grant(t, `volunteer:${(await resident.get("/api/me")).json.user.id}`, 10);
    const phoneWhere = async (where: ReturnType<typeof sql>) =>
      must((await t.database.db.all<{ phone: string }>(sql`select phone from users where ${where} limit 1`))[0]).phone;
    const recipients = {
      unknown: "13999999999",
      otherCommunity: await phoneWhere(sql`community_id = 2 and household_id is not null`),
      noHousehold: await phoneWhere(sql`community_id = 1 and household_id is null`),
      ownHousehold: DEMO.resident,
    };
    const bodies = [];
    for (const phone of Object.values(recipients)) {
      const res = await resident.post(
        "/api/points/donations",
        { to: { phone }, amount: 1, message: "" },
        { "idempotency-key": key("probe") },
      );
      expect(res.status).toBe(422);
      bodies.push(res.json);
    }
    expect(bodies[0]).toEqual({
      error: { code: "rule_violation", message: expect.any(String), reason: "recipient_unavailable" },
    });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });

  it("the eleventh look-up by phone within an hour is 429, and an hour later look-ups work again", async () => {
    const [v] = await makeVolunteers(t, 1, "66");
    await grant(t, `volunteer:${(await must(v).get("/api/me")).json.user.id}`, 10);
    const probe = (n: number) =>
      must(v).post(
        "/api/points/donations",
        { to: { phone: `1970000${String(n).padStart(4, "0")}` }, amount: 1, message: "" },
        { "idempotency-key": key("probe") },
      );
    for (let n = 0; n < 10; n++) expect((await probe(n)).status).toBe(422);
    const refused = await probe(10);
    expect([refused.status, refused.json.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      (
        await must(v).post(
          "/api/points/donations",
          { to: "fund", amount: 1, message: "" },
          { "idempotency-key": key("fund") },
        )
      ).status,
    ).toBe(201);
    t.clock.ms += 60 * 60_000;
    expect((await probe(11)).status).toBe(422);
  });

  it("a resident cannot give to their own household", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const householdId = (await resident.get("/api/me/points")).json.household.id as number;
    await grant(t, `volunteer:${(await resident.get("/api/me")).json.user.id}`, 5);
    const own = await resident.post(
      "/api/points/donations",
      { to: { householdId }, amount: 1, message: "" },
      { "idempotency-key": key("own") },
    );
    expect([own.status, own.json.error.reason]).toEqual([422, "own_household"]);
  });
});

describe("the community's books", () => {
  /** Every page of a month list, in its order. */
  async function listAll(agent: Agent, path: string) {
    const items: { id: number }[] = [];
    let cursor: string | null = null;
    do {
      const page = await agent.get(`${path}&limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      items.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    return items;
  }

  it("the month's ledger and redemptions books equal their lists, in words, as CSV that Excel reads as UTF-8", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const csvOf = async (query: string) => {
      const res = await t.app.request(`http://localhost/api/communities/1/points/export?${query}&format=csv`, {
        headers: { cookie: must(staff.cookie) },
      });
      expect(res.headers.get("content-type")).toContain("text/csv");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder().decode(bytes).trim().split("\r\n");
    };
    const ledger = await listAll(staff, "/api/communities/1/points/transfers?month=2026-12");
    const lines = await csvOf("kind=statement&month=2026-12");
    expect(lines[0]).toBe("流水号,时间,类型,转出方,转入方,积分,状态,事由,来源");
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(ledger.map((r) => r.id));
    const text = lines.join("\n");
    expect(text).toMatch(/,志愿服务积分,社区积分基金,[^,:]+,\d+,已入账,志愿积分,敬老院慰问（2026-12-0\d）\n/);
    expect(text).toContain(",积分发行,街道积分发行,社区积分基金,");
    expect(text).not.toMatch(/volunteer:\d/);
    const redeemed = await listAll(staff, "/api/communities/1/store/redemptions?month=2026-12");
    const redemptions = await csvOf("kind=redemptions&month=2026-12");
    expect(redemptions[0]).toBe("兑换号,预约时间,志愿者,物品,数量,积分,状态,完成时间");
    expect(redemptions.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(redeemed.map((r) => r.id));
    expect(redemptions.slice(1)).toEqual(
      expect.arrayContaining([expect.stringMatching(/,测\*+\d*,洗衣液,1,20,已领取,/)]),
    );
    const english = await csvOf("kind=redemptions&month=2026-12&lang=en");
    expect(english[0]).toBe("No.,Reserved,Volunteer,Item,Quantity,Points,Status,Settled");
  });

  it("the points books and their lists are for the community's points staff only, with valid months and formats", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const volunteer = await t.agent().login(DEMO.volunteer);
    const resident = await t.agent().login(DEMO.resident);
    expect((await volunteer.get("/api/communities/1/points/export?kind=statement&month=2026-11")).status).toBe(403);
    expect((await resident.get("/api/communities/1/points/transfers?month=2026-11")).status).toBe(403);
    expect((await resident.get("/api/communities/1/store/redemptions?month=2026-11")).status).toBe(403);
    for (const path of [
      "/api/communities/2/points/transfers?month=2026-12",
      "/api/communities/2/store/redemptions?month=2026-12",
      "/api/communities/2/points/export?kind=statement&month=2026-12",
    ])
      expect((await staff.get(path)).status).toBe(403);
    expect((await staff.get("/api/communities/999/points/transfers?month=2026-12")).status).toBe(404);
    expect((await staff.get("/api/communities/1/points/export?kind=statement&month=2026-13")).status).toBe(400);
    expect((await staff.get("/api/communities/1/points/export?kind=statement&month=2026-12&format=ods")).status).toBe(
      400,
    );
    expect((await staff.get("/api/communities/1/points/transfers?month=2026-12&cursor=xyz")).status).toBe(400);
  });

  it("a hostile donation message stays text: a plain string cell in the XLSX (the default), a neutralised cell in the CSV", async () => {
    const hostile = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)"];
    const [donor] = await makeVolunteers(t, 1, "95");
    await grant(t, `volunteer:${(await must(donor).get("/api/me")).json.user.id}`, 10);
    for (const message of hostile)
      expect(
        (
          await must(donor).post(
            "/api/points/donations",
            { to: "fund", amount: 1, message },
            { "idempotency-key": key("hostile") },
          )
        ).status,
      ).toBe(201);
    const staff = await t.agent().login(DEMO.communityStaff);
    const fetchExport = (format: string) =>
      t.app.request(`http://localhost/api/communities/1/points/export?kind=statement&month=2026-12${format}`, {
        headers: { cookie: must(staff.cookie) },
      });

    const xlsx = await fetchExport("");
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("content-disposition")).toContain(encodeURIComponent("积分流水台账-2026-"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = must(book.worksheets[0]);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "流水号",
      "时间",
      "类型",
      "转出方",
      "转入方",
      "积分",
      "状态",
      "事由",
      "来源",
    ]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const reasons = rows.map((r) => r[8]);
    expect(reasons).toEqual(expect.arrayContaining(hostile));
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      for (const column of [1, 6]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
      for (const column of [3, 4, 5, 7, 8]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String); // never a formula
    });

    const csv = await (await fetchExport("&format=csv")).text();
    for (const cell of [`"'=HYPERLINK(""http://x"",""y"")"`, "'+1", "'-1+2", "'@SUM(A1)"])
      expect(csv).toMatch(new RegExp(`,${cell.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},来自 [^,]+\r\n`));
    // A source is text or, for an issuance, none: never a formula.
    sheet.eachRow((row, n) => n > 1 && expect(row.getCell(9).type).not.toBe(ExcelJS.ValueType.Formula));
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
  });
});
