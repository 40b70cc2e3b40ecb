import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
let committee: Agent;
let second: Agent;
let staff: Agent;
let resident: Agent;
let worker: Agent;
beforeAll(async () => {
  t = await testApp();
  committee = await t.agent().login(DEMO.committeeMember);
  second = await t.agent().login(DEMO.committeeMember2);
  staff = await t.agent().login(DEMO.communityStaff);
  resident = await t.agent().login(DEMO.resident);
  worker = await t.agent().login(DEMO.gridWorker);
});
afterAll(() => t.cleanup());

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
/** No 11-digit number anywhere in a public answer: phones never leave the building. */
const PHONE = /1[3-9]\d{9}/;

async function familyCycle(extra: Record<string, unknown> = {}) {
  const schemes = (await resident.get("/api/communities/1/rating-schemes")).json.items as {
    id: number;
    name: string;
    stars: { key: string }[];
  }[];
  const family = must(schemes.find((s) => s.name === "五星家庭"));
  const created = await committee.post("/api/communities/1/rating-cycles", {
    schemeId: family.id,
    periodLabel: "2026",
    nominationEndsAt: iso(t.clock.ms + 3 * DAY_MS),
    reviewEndsAt: iso(t.clock.ms + 10 * DAY_MS),
    ...extra,
  });
  expect(created.status).toBe(201);
  return { cycleId: created.json.id as number, stars: family.stars.map((s) => s.key) };
}

const move = (agent: Agent, cycleId: number, action: string) =>
  agent.post(`/api/rating-cycles/${cycleId}/transitions`, { action });

describe("a 五星家庭 cycle from nomination to the honor roll", () => {
  it("runs nominate → review → notice (with objections) → publish, with each refusal in its place", async () => {
    t.clock.ms = Date.parse("2026-12-01T10:00:00+08:00"); // a Tuesday
    expect(
      (
        await resident.post("/api/communities/1/rating-cycles", {
          schemeId: 2,
          periodLabel: "2026",
          nominationEndsAt: iso(t.clock.ms + DAY_MS),
          reviewEndsAt: iso(t.clock.ms + 2 * DAY_MS),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await committee.post("/api/communities/1/rating-cycles", {
          schemeId: 2,
          periodLabel: "2026-Q9",
          nominationEndsAt: iso(t.clock.ms + DAY_MS),
          reviewEndsAt: iso(t.clock.ms + 2 * DAY_MS),
        })
      ).status,
    ).toBe(400);
    const { cycleId, stars } = await familyCycle({ publishOn: "2026-12-12T00:00:00+08:00" });
    expect((await move(committee, cycleId, "publish")).json.error.reason).toBe("not_allowed_in_state");
    expect((await move(resident, cycleId, "open")).status).toBe(403);
    expect((await move(committee, cycleId, "open")).json.status).toBe("nominating");

    // The resident applies for their own household; the grid worker nominates a neighbour household.
    const mine = (await resident.get(`/api/rating-cycles/${cycleId}/candidates?q=`)).json.items;
    const own = mine.find((c: { routes: string[] }) => c.routes.includes("self"));
    expect(own.name).toBe("郑桂兰家");
    const applied = await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
      subjectKey: own.key,
      route: "self",
      statements: { filial: "照顾八旬婆婆十年", green: "垃圾分类示范户" },
      evidenceText: "邻居可作证",
    });
    expect(applied.status).toBe(201);
    expect(applied.json.evidence).toMatchObject({
      serviceMinutes: expect.any(Number),
      pointsEarned: expect.any(Number),
    });
    expect(
      (
        await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
          subjectKey: own.key,
          route: "self",
          statements: { filial: "再次申请" },
        })
      ).status,
    ).toBe(409);
    const neighbours = (await worker.get(`/api/rating-cycles/${cycleId}/candidates?q=`)).json.items.filter(
      (c: { key: string; routes: string[] }) => c.key !== own.key && c.routes.includes("gridWorker"),
    );
    expect(neighbours.length).toBeGreaterThan(0);
    expect(
      (
        await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
          subjectKey: neighbours[0].key,
          route: "gridWorker",
          statements: { books: "x" },
        })
      ).status,
    ).toBe(403);
    const nominated = await worker.post(`/api/rating-cycles/${cycleId}/nominations`, {
      subjectKey: neighbours[0].key,
      route: "gridWorker",
      statements: { neighbours: "调解楼道纠纷" },
    });
    expect(nominated.status).toBe(201);
    expect(
      (
        await resident.post(`/api/rating-nominations/${applied.json.id}/photos`, {
          photo: "data:image/jpeg;base64,/9j/4AAQ",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await worker.post(`/api/rating-nominations/${applied.json.id}/photos`, {
          photo: "data:image/jpeg;base64,/9j/4AAQ",
        })
      ).status,
    ).toBe(403);

    expect((await move(committee, cycleId, "closeNominations")).json.status).toBe("reviewing");
    expect(
      (
        await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
          subjectKey: own.key,
          route: "self",
          statements: { filial: "迟到的申请" },
        })
      ).status,
    ).toBe(422);

    // Scoring: two members; the second is a member of the neighbour household and is excluded there.
    const secondId = await userIdOf(t, DEMO.committeeMember2);
    await t.database.db
      .update(users)
      .set({ householdId: Number(neighbours[0].key.split(":")[1]) })
      .where(eq(users.id, secondId));
    const all = (key: string[], award: boolean) =>
      key.map((starKey) => ({ starKey, award, comment: award ? "属实" : "" }));
    expect(
      (await committee.put(`/api/rating-nominations/${applied.json.id}/votes`, { votes: all(stars, true) })).status,
    ).toBe(200);
    expect(
      (await second.put(`/api/rating-nominations/${applied.json.id}/votes`, { votes: all(stars, true) })).status,
    ).toBe(200);
    expect(
      (await resident.put(`/api/rating-nominations/${applied.json.id}/votes`, { votes: all(stars, true) })).status,
    ).toBe(403);
    const own2 = await second.put(`/api/rating-nominations/${nominated.json.id}/votes`, { votes: all(stars, true) });
    expect([own2.status, own2.json.error.reason]).toEqual([403, "conflict_of_interest"]);
    expect(
      (
        await committee.put(`/api/rating-nominations/${nominated.json.id}/votes`, {
          votes: [{ starKey: "nope", award: true }],
        })
      ).json.error.reason,
    ).toBe("unknown_star");
    await committee.put(`/api/rating-nominations/${nominated.json.id}/votes`, { votes: all(["neighbours"], true) });

    const desk = (await committee.get(`/api/rating-cycles/${cycleId}`)).json;
    expect((await resident.get(`/api/rating-cycles/${cycleId}`)).status).toBe(403);
    const a = desk.candidates.find((c: { id: number }) => c.id === applied.json.id);
    const b = desk.candidates.find((c: { id: number }) => c.id === nominated.json.id);
    expect(
      a.tally.every(
        (s: { awarded: boolean; yes: number; eligible: number }) => s.awarded && s.yes === 2 && s.eligible === 2,
      ),
    ).toBe(true);
    expect(b.excluded).toEqual([secondId]);
    expect(b.tally.find((s: { starKey: string }) => s.starKey === "neighbours")).toMatchObject({
      yes: 1,
      eligible: 1,
      excluded: 1,
      awarded: true,
    });
    expect(a.photos).toHaveLength(1);
    // The first member declares a conflict on the neighbour: nobody eligible is left, so nothing passes.
    expect((await resident.post(`/api/rating-nominations/${nominated.json.id}/conflict`, { reason: "x" })).status).toBe(
      403,
    );
    expect(
      (await committee.post(`/api/rating-nominations/${nominated.json.id}/conflict`, { reason: "是我表亲" })).status,
    ).toBe(200);
    const b2 = (await committee.get(`/api/rating-cycles/${cycleId}`)).json.candidates.find(
      (c: { id: number }) => c.id === nominated.json.id,
    );
    expect(b2.excluded.sort()).toEqual([secondId, await userIdOf(t, DEMO.committeeMember)].sort());
    expect(b2.tally.find((s: { starKey: string }) => s.starKey === "neighbours")).toMatchObject({
      yes: 0,
      eligible: 0,
      excluded: 2,
      awarded: false,
    });

    expect((await move(committee, cycleId, "startNotice")).json.error.reason).toBe("undecided_candidates");
    expect(
      (await committee.put(`/api/rating-nominations/${applied.json.id}/decision`, { stars, reason: "五颗星均获全票" }))
        .status,
    ).toBe(200);
    expect(
      (
        await committee.put(`/api/rating-nominations/${nominated.json.id}/decision`, {
          stars: [],
          reason: "事迹材料不足，本次不予评定",
        })
      ).status,
    ).toBe(200);
    expect((await move(committee, cycleId, "startNotice")).json.status).toBe("notice");

    // The public notice: masked names, five working days from Tuesday → the end of next Monday.
    const notices = await t.agent().get("/api/public/notices?communityId=1");
    const notice = notices.json.items.find((n: { cycleId: number }) => n.cycleId === cycleId);
    expect(notice.entries).toEqual([
      {
        nominationId: applied.json.id,
        name: "郑*兰家",
        stars: ["文明书香之星", "邻里和睦之星", "绿色环保之星", "热心公益之星", "孝老爱亲之星"],
        noticeEndsAt: "2026-12-08T00:00:00.000+08:00",
      },
    ]);
    expect(JSON.stringify(notices.json)).not.toMatch(PHONE);
    expect(JSON.stringify(notices.json)).not.toContain("郑桂兰");

    // A volunteer objects; an entry not on the notice cannot be objected to; the committee answers.
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect(
      (await t.agent().post(`/api/rating-nominations/${applied.json.id}/objections`, { reason: "x" })).status,
    ).toBe(401);
    expect(
      (await volunteer.post(`/api/rating-nominations/${nominated.json.id}/objections`, { reason: "不在公示名单" }))
        .status,
    ).toBe(422);
    const objection = await volunteer.post(`/api/rating-nominations/${applied.json.id}/objections`, {
      reason: "该户垃圾分类并不到位，我是13812345678",
    });
    expect(objection.status).toBe(201);
    expect((await move(committee, cycleId, "publish")).json.error.reason).toBe("notice_running");
    t.clock.ms = Date.parse("2026-12-08T00:00:00+08:00");
    expect((await move(committee, cycleId, "publish")).json.error.reason).toBe("objections_open");
    const changed = await committee.post(`/api/rating-objections/${objection.json.id}/answer`, {
      answer: "经核实，绿色环保之星暂不授予",
      outcome: "changed",
      stars: stars.filter((s) => s !== "green"),
    });
    expect(changed.json).toMatchObject({ stars: stars.filter((s) => s !== "green"), noticeRestarted: false });
    expect(
      (
        await committee.post(`/api/rating-objections/${objection.json.id}/answer`, {
          answer: "再答",
          outcome: "dismissed",
        })
      ).status,
    ).toBe(409);
    const answers = (await t.agent().get("/api/public/notices?communityId=1")).json.items.find(
      (n: { cycleId: number }) => n.cycleId === cycleId,
    ).answers;
    expect(answers).toEqual([
      expect.objectContaining({ entry: "郑*兰家", answer: "经核实，绿色环保之星暂不授予", outcome: "changed" }),
    ]);
    expect(JSON.stringify(answers)).not.toMatch(PHONE); // the objection's own words (with a phone) are never published

    expect((await move(committee, cycleId, "publish")).json.error.reason).toBe("before_publication_date");
    t.clock.ms = Date.parse("2026-12-12T00:00:00+08:00");
    expect((await move(committee, cycleId, "publish")).json.status).toBe("published");
    const roll = await t.agent().get("/api/public/honor-roll?communityId=1");
    expect(JSON.stringify(roll.json)).not.toMatch(PHONE);
    const family = roll.json.schemes.find((s: { name: string }) => s.name === "五星家庭");
    const award = family.periods
      .find((p: { periodLabel: string }) => p.periodLabel === "2026")
      .awardees.find((x: { name: string }) => x.name === "郑*兰家");
    expect(award).toMatchObject({ stars: expect.arrayContaining(["孝老爱亲之星"]), full: false, revoked: null });
    expect((await resident.get("/api/me/awards")).json.items).toContainEqual(
      expect.objectContaining({ awardId: award.awardId, household: true, scheme: "五星家庭" }),
    );

    // Published awards never change; a revocation is its own public record.
    await expect(
      t.database.client.execute({ sql: "update rating_awards set star_count = 5 where id = ?", args: [award.awardId] }),
    ).rejects.toThrow(/immutable/);
    expect((await resident.post(`/api/rating-awards/${award.awardId}/revoke`, { reason: "x" })).status).toBe(403);
    expect(
      (await committee.post(`/api/rating-awards/${award.awardId}/revoke`, { reason: "材料失实，经两委会议撤销" }))
        .status,
    ).toBe(200);
    const after = (await t.agent().get("/api/public/honor-roll?communityId=1")).json.schemes.find(
      (s: { name: string }) => s.name === "五星家庭",
    );
    expect(after.revoked).toContainEqual(
      expect.objectContaining({
        awardId: award.awardId,
        revoked: expect.objectContaining({ reason: "材料失实，经两委会议撤销" }),
      }),
    );
    const audit = (await staff.get("/api/audit?communityId=1&limit=50")).json.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        "rating.cycle.create",
        "rating.cycle.publish",
        "rating.vote",
        "rating.decide",
        "rating.objection.answer",
        "rating.award.revoke",
      ]),
    );
  });

  it("an upheld objection that adds a star restarts that entry's notice", async () => {
    t.clock.ms = Date.parse("2026-12-10T10:00:00+08:00"); // a Thursday
    const { cycleId, stars } = await familyCycle();
    await move(committee, cycleId, "open");
    const own = (await resident.get(`/api/rating-cycles/${cycleId}/candidates`)).json.items.find(
      (c: { routes: string[] }) => c.routes.includes("self"),
    );
    const { id } = (
      await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
        subjectKey: own.key,
        route: "self",
        statements: { filial: "照顾老人" },
      })
    ).json;
    await move(committee, cycleId, "closeNominations");
    for (const member of [committee, second])
      await member.put(`/api/rating-nominations/${id}/votes`, {
        votes: stars.map((starKey) => ({ starKey, award: starKey === "filial" })),
      });
    expect(
      (await committee.put(`/api/rating-nominations/${id}/decision`, { stars: ["filial"], reason: "孝老爱亲" })).status,
    ).toBe(200);
    expect((await move(committee, cycleId, "startNotice")).json.status).toBe("notice");
    const objection = (
      await t
        .agent()
        .login(DEMO.volunteer)
        .then((v) => v.post(`/api/rating-nominations/${id}/objections`, { reason: "她家还是绿色环保模范" }))
    ).json;
    t.clock.ms = Date.parse("2026-12-14T09:00:00+08:00"); // Monday
    const answered = await committee.post(`/api/rating-objections/${objection.id}/answer`, {
      answer: "异议成立，增授绿色环保之星",
      outcome: "changed",
      stars: ["filial", "green"],
    });
    expect(answered.json.noticeRestarted).toBe(true);
    const entry = (await t.agent().get("/api/public/notices?communityId=1")).json.items.find(
      (n: { cycleId: number }) => n.cycleId === cycleId,
    ).entries[0];
    expect(entry.noticeEndsAt).toBe("2026-12-19T00:00:00.000+08:00"); // five working days from Monday
    expect(stars).toContain("green");
  });

  it("community staff add their own scheme; others may not", async () => {
    const body = {
      name: "服务之星",
      subjectKind: "volunteer",
      stars: [
        {
          key: "service",
          name: "服务之星",
          criteria: "全年服务时长前列",
          evidence: { metric: "serviceMinutes", min: 3000 },
        },
      ],
    };
    expect((await committee.post("/api/communities/1/rating-schemes", body)).status).toBe(403);
    const created = await staff.post("/api/communities/1/rating-schemes", body);
    expect(created.status).toBe(201);
    expect(
      (await staff.post("/api/communities/1/rating-schemes", { ...body, stars: [body.stars[0], body.stars[0]] }))
        .status,
    ).toBe(422);
    expect(
      (await resident.get("/api/communities/1/rating-schemes")).json.items.map((s: { name: string }) => s.name),
    ).toEqual(expect.arrayContaining(["五星党员", "五星家庭", "服务之星"]));
  });
});

/** A cycle with the resident's household nominated and nominations closed: ready for the committee to score. */
async function inReview() {
  const { cycleId, stars } = await familyCycle();
  await move(committee, cycleId, "open");
  const own = (await resident.get(`/api/rating-cycles/${cycleId}/candidates`)).json.items.find(
    (c: { routes: string[] }) => c.routes.includes("self"),
  );
  const { id } = (
    await resident.post(`/api/rating-cycles/${cycleId}/nominations`, {
      subjectKey: own.key,
      route: "self",
      statements: { filial: "照顾老人" },
    })
  ).json;
  await move(committee, cycleId, "closeNominations");
  return { cycleId, stars, nominationId: id as number };
}
const scores = (stars: string[], yes: string[]) => ({
  votes: stars.map((starKey) => ({ starKey, award: yes.includes(starKey) })),
});

/** Staff and a committee member of 幸福里社区 (community 2), made by the street admin. */
async function makeNeighbours() {
  const admin = await t.agent().login(DEMO.streetAdmin);
  const made: Agent[] = [];
  for (const [phone, role] of [
    ["13600007771", "communityStaff"],
    ["13600007772", "committeeMember"],
  ] as const) {
    const account = await admin.post("/api/accounts", {
      phone,
      name: role === "communityStaff" ? "邻社区干部" : "邻社区委员",
      communityId: 2,
    });
    await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role, scopeId: 2 });
    made.push(await t.agent().firstLogin(phone, account.json.temporaryPassword));
  }
  return { otherStaff: must(made[0]), otherCommittee: must(made[1]) };
}
let madeNeighbours: ReturnType<typeof makeNeighbours> | null = null;
const neighbours = () => (madeNeighbours ??= makeNeighbours());

describe("the committee's decision follows its vote", () => {
  it("a lone member cannot record a decision; it needs the rule's share of members and only carried stars, and the notice waits for decisions that still hold", async () => {
    t.clock.ms = Date.parse("2026-12-15T10:00:00+08:00");
    const { cycleId, stars, nominationId } = await inReview();
    const { otherCommittee } = await neighbours();
    const desk = async () => (await committee.get(`/api/rating-cycles/${cycleId}`)).json;
    const decision = (agent: Agent, chosen: string[]) =>
      agent.put(`/api/rating-nominations/${nominationId}/decision`, { stars: chosen, reason: "两委会议表决" });
    const secondId = await userIdOf(t, DEMO.committeeMember2);

    expect((await decision(committee, [])).json.error.reason).toBe("votes_missing");
    await committee.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, stars));
    const lone = await decision(committee, stars);
    expect([lone.status, lone.json.error.reason]).toEqual([422, "votes_missing"]);
    const waiting = (await desk()).candidates.find((c: { id: number }) => c.id === nominationId);
    expect(waiting.standing).toEqual({ scored: false, carried: [], waitingFor: [secondId] });
    expect((await desk()).cycle.actions).toEqual(["cancel"]);
    expect((await decision(otherCommittee, [])).status).toBe(403);
    expect(
      (await otherCommittee.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, stars))).status,
    ).toBe(403);

    await second.put(
      `/api/rating-nominations/${nominationId}/votes`,
      scores(
        stars,
        stars.filter((k) => k !== "green"),
      ),
    );
    expect((await decision(committee, stars)).json.error.reason).toBe("star_not_carried");
    expect((await decision(committee, ["nope"])).json.error.reason).toBe("unknown_star");
    expect(
      (
        await decision(
          committee,
          stars.filter((k) => k !== "green"),
        )
      ).status,
    ).toBe(200);
    expect((await desk()).cycle.actions).toEqual(["startNotice", "cancel"]);

    // The second member changes their mind after the decision: it no longer follows the vote.
    await second.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, []));
    const stale = await desk();
    expect(stale.candidates.find((c: { id: number }) => c.id === nominationId).decision.holds).toBe(false);
    expect(stale.cycle.actions).toEqual(["cancel"]);
    expect((await move(committee, cycleId, "startNotice")).json.error.reason).toBe("undecided_candidates");
    expect((await decision(committee, ["filial"])).json.error.reason).toBe("star_not_carried");
    expect((await decision(committee, [])).status).toBe(200);
    expect((await move(committee, cycleId, "startNotice")).json.error.reason).toBe("no_entries");
    await second.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, ["filial"]));
    await committee.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, ["filial"]));
    expect((await decision(committee, ["filial"])).status).toBe(200);
    expect((await move(committee, cycleId, "startNotice")).json.status).toBe("notice");
    const audit = (await staff.get("/api/audit?communityId=1&limit=50")).json.items.find(
      (e: { action: string; entityId: number }) => e.action === "rating.decide" && e.entityId === nominationId,
    );
    expect(audit).toBeDefined();
  });
});

describe("one objection per person per entry", () => {
  async function onNotice() {
    t.clock.ms = Date.parse("2026-12-15T10:00:00+08:00");
    const { cycleId, stars, nominationId } = await inReview();
    for (const member of [committee, second])
      await member.put(`/api/rating-nominations/${nominationId}/votes`, scores(stars, ["filial"]));
    await committee.put(`/api/rating-nominations/${nominationId}/decision`, { stars: ["filial"], reason: "孝老爱亲" });
    expect((await move(committee, cycleId, "startNotice")).json.status).toBe("notice");
    return { cycleId, nominationId };
  }
  const objectionsBy = async (nominationId: number, phone: string) =>
    must(
      (
        await t.database.client.execute({
          sql: "select count(*) as n from rating_objections where nomination_id = ? and objector_user_id = ?",
          args: [nominationId, await userIdOf(t, phone)],
        })
      ).rows[0],
    ).n;

  it("a second objection by the same person is refused with its reason; others may still object", async () => {
    const { nominationId } = await onNotice();
    const object = (agent: Agent, reason: string) =>
      agent.post(`/api/rating-nominations/${nominationId}/objections`, { reason });
    expect((await object(worker, "材料不实")).status).toBe(201);
    const again = await object(worker, "再说一遍：材料不实");
    expect([again.status, again.json.error.reason]).toEqual([409, "already_objected"]);
    expect((await object(staff, "另有情况")).status).toBe(201);
    expect(await objectionsBy(nominationId, DEMO.gridWorker)).toBe(1);
  });

  it("a member of the nominated household cannot object to the family's own entry", async () => {
    const { nominationId } = await onNotice();
    const [nomination] = (
      await t.database.client.execute({
        sql: "select subject_key from rating_nominations where id = ?",
        args: [nominationId],
      })
    ).rows;
    const [kind, id] = String(must(nomination).subject_key).split(":");
    expect(kind).toBe("household");
    const [member] = (
      await t.database.client.execute({
        sql: "select id, phone from users where household_id = ? order by id limit 1",
        args: [Number(id)],
      })
    ).rows;
    // The member signs in with the demo password, set here for the test.
    await t.database.client.execute({
      sql: "update users set password_hash = (select password_hash from users where phone = ?) where id = ?",
      args: [DEMO.resident, Number(must(member).id)],
    });
    const own = await (await t.agent().login(String(must(member).phone))).post(
      `/api/rating-nominations/${nominationId}/objections`,
      { reason: "我家不够格" },
    );
    expect([own.status, own.json.error.reason]).toEqual([403, "own_entry"]);
    expect(
      must(
        (
          await t.database.client.execute({
            sql: "select count(*) as n from rating_objections where nomination_id = ? and objector_user_id = ?",
            args: [nominationId, Number(must(member).id)],
          })
        ).rows[0],
      ).n,
    ).toBe(0);
  });

  it("two objections sent at once by the same person keep one", async () => {
    const { nominationId } = await onNotice();
    const volunteer = await t.agent().login(DEMO.volunteer);
    const both = await Promise.all(
      [1, 2].map((n) =>
        volunteer.post(`/api/rating-nominations/${nominationId}/objections`, { reason: `同时提交 ${n}` }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await objectionsBy(nominationId, DEMO.volunteer)).toBe(1);
    await expect(
      t.database.client.execute({
        sql: "insert into rating_objections (nomination_id, cycle_id, objector_user_id, reason, created_at) select nomination_id, cycle_id, objector_user_id, 'x', 0 from rating_objections where nomination_id = ? limit 1",
        args: [nominationId],
      }),
    ).rejects.toThrow(/UNIQUE/);
  });
});

describe("the community's supervision phone (监督电话)", () => {
  it("staff in scope set it, audited; it shows on the public notices; other communities and committee members may not; bad numbers are refused", async () => {
    const { otherStaff } = await neighbours();
    const set = (agent: Agent, communityId: number, supervisionPhone: string | null) =>
      agent.put(`/api/communities/${communityId}/supervision-phone`, { supervisionPhone });
    expect((await set(staff, 1, "0571-87654321")).json).toEqual({ communityId: 1, supervisionPhone: "0571-87654321" });
    expect((await t.agent().get("/api/public/notices?communityId=1")).json.community).toEqual({
      name: "和平社区",
      supervisionPhone: "0571-87654321",
    });
    expect((await set(otherStaff, 1, "010-11112222")).status).toBe(403);
    expect((await set(committee, 1, "010-11112222")).status).toBe(403);
    expect((await set(resident, 1, "010-11112222")).status).toBe(403);
    for (const bad of ["12345678", "0571-87654321<script>", "1380000000", " "])
      expect((await set(staff, 1, bad)).status).toBe(400);
    expect((await set(otherStaff, 2, "12345")).status).toBe(200);
    expect((await set(staff, 1, null)).json.supervisionPhone).toBeNull();
    const audit = (await staff.get("/api/audit?communityId=1&limit=50")).json.items.filter(
      (e: { action: string }) => e.action === "community.supervisionPhone",
    );
    expect(audit.length).toBe(2);
  });
});
