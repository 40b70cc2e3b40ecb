import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const benches = {
  title: "小区安装13张休闲长椅",
  description: "在和平花园中心广场安装长椅",
  milestones: [
    { title: "采购长椅", target: 13 },
    { title: "安装完成", target: 13 },
  ],
};

async function leaderTeamKey() {
  const leader = await t.agent().login(DEMO.teamLeader);
  const teamId = (await leader.get("/api/me")).json.roles.find(
    (r: { role: string }) => r.role === "teamLeader",
  ).scopeId;
  return { leader, key: `team:${teamId}` };
}

describe("projects (项目清单)", () => {
  it("staff post a project; a team claims it; only the holder reports; the community completes it when every milestone is reached", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await (await t.agent().login(DEMO.gridWorker)).post("/api/communities/1/projects", benches)).status).toBe(
      403,
    );
    const project = await staff.post("/api/communities/1/projects", benches);
    expect(project.status).toBe(201);
    const { leader, key } = await leaderTeamKey();
    expect((await leader.post(`/api/projects/${project.json.id}/claim`, { holderKey: key })).json).toMatchObject({
      status: "claimed",
      holderKey: key,
    });
    expect((await staff.post(`/api/projects/${project.json.id}/claim`, { holderKey: key })).status).toBe(409);
    const [buy, install] = project.json.milestoneIds;
    expect(
      (
        await (
          await t.agent().login(DEMO.volunteer)
        ).post(`/api/projects/${project.json.id}/milestones/${buy}/progress`, { progress: 13 })
      ).status,
    ).toBe(403);
    expect(
      (await leader.post(`/api/projects/${project.json.id}/milestones/${buy}/progress`, { progress: 14 })).status,
    ).toBe(422);
    expect(
      (
        await leader.post(`/api/projects/${project.json.id}/milestones/${buy}/progress`, {
          progress: 13,
          note: "已到货",
        })
      ).json.reached,
    ).toBe(true);
    expect((await staff.post(`/api/projects/${project.json.id}/complete`)).json.error.reason).toBe("milestones_open");
    await leader.post(`/api/projects/${project.json.id}/milestones/${install}/progress`, { progress: 13 });
    expect((await leader.post(`/api/projects/${project.json.id}/complete`)).status).toBe(403);
    expect((await staff.post(`/api/projects/${project.json.id}/complete`)).json.status).toBe("completed");
    const list = await t.agent().get("/api/communities/1/projects");
    expect(list.json.items.find((p: { id: number }) => p.id === project.json.id)).toMatchObject({
      status: "completed",
      holder: "和平社区暖心帮扶志愿服务队",
      milestones: [{ progress: 13 }, { progress: 13 }],
    });
    const events = await t.agent().get(`/api/projects/${project.json.id}/events`);
    expect(events.json.events.map((e: { action: string }) => e.action)).toEqual([
      "create",
      "claim",
      "progress",
      "progress",
      "complete",
    ]);
  });

  it("20 concurrent claims leave exactly one holder", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const project = await staff.post("/api/communities/1/projects", { ...benches, title: "辅导27名学生一学期" });
    const { leader, key } = await leaderTeamKey();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => leader.post(`/api/projects/${project.json.id}/claim`, { holderKey: key })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
  });

  it("staff claim for a partner unit of their community, not of another", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const units = (await t.agent().get("/api/communities/1/partner-units")).json.items;
    const project = await staff.post("/api/communities/1/projects", { ...benches, title: "健康讲座四场" });
    expect(
      (await staff.post(`/api/projects/${project.json.id}/claim`, { holderKey: `partner:${units[0].id}` })).status,
    ).toBe(200);
    const other = (await t.agent().get("/api/communities/2/partner-units")).json.items[0];
    const second = await staff.post("/api/communities/1/projects", { ...benches, title: "义诊两场" });
    expect(
      (await staff.post(`/api/projects/${second.json.id}/claim`, { holderKey: `partner:${other.id}` })).status,
    ).toBe(403);
  });

  it("a milestone's due day is kept and listed; a day that is not one is refused with the field", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const dated = { ...benches, milestones: [{ title: "采购长椅", target: 13, dueOn: "2026-12-20" }] };
    const created = await staff.post("/api/communities/1/projects", dated);
    expect(created.status).toBe(201);
    const listed = ((await staff.get("/api/communities/1/projects")).json.items as { id: number }[]).find(
      (p) => p.id === created.json.id,
    );
    expect(listed).toMatchObject({ milestones: [{ title: "采购长椅", dueOn: "2026-12-20" }] });
    const bad = await staff.post("/api/communities/1/projects", {
      ...benches,
      milestones: [{ title: "采购长椅", target: 13, dueOn: "2026-13-40" }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("dueOn");
  });
});
