import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  authorize,
  decideProgress,
  decideProjectClaim,
  decideProjectComplete,
  fail,
  ok,
  type Actor,
  type ResourceScope,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { partnerUnits, projectEvents, projectMilestones, projects } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope, teamScope } from "../scope";
import { toIso } from "../../time";
import { namesOf } from "../holders";
import { communitiesOfHolder, decideInCommunity } from "../belonging";
import { peopleNames } from "../people";
import { markWarningsStale } from "../warning/refresh";

/** A team's leader acts for the team; staff of the unit's community act for a partner unit. */
async function mayActFor(tx: Tx | Db, actor: Actor | null, holderKey: string) {
  const [kind, raw] = holderKey.split(":");
  const id = Number(raw);
  if (kind === "team") {
    const scope = await teamScope(tx, id);
    return scope ? authorize(actor, "team.manage", scope) : fail("not_found");
  }
  const [unit] = await tx
    .select({ communityId: partnerUnits.communityId })
    .from(partnerUnits)
    .where(eq(partnerUnits.id, id));
  const scope = unit && (await communityScope(tx, unit.communityId));
  return scope ? authorize(actor, "partner.manage", scope) : fail("not_found");
}

export type NewProjectInput = {
  communityId: number;
  title: string;
  description: string;
  milestones: { title: string; target: number; dueOn?: string | undefined }[];
};

export async function createProject(call: Call, input: NewProjectInput) {
  return call.deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(call.actor, "project.manage", scope);
    if (!allowed.ok) return allowed;
    return ok(await insertProject(tx, call, scope, input));
  });
}

/** Writes an authorised project with its milestones, inside the caller's transaction (a topic creates one too). */
export async function insertProject(tx: Tx, call: Call, scope: ResourceScope, input: NewProjectInput) {
  const now = call.deps.now();
  const actorUserId = must(call.actor).userId;
  const [project] = await tx
    .insert(projects)
    .values({
      communityId: input.communityId,
      title: input.title,
      description: input.description,
      status: "open",
      createdBy: actorUserId,
      createdAt: now,
    })
    .returning({ id: projects.id });
  const projectId = must(project).id;
  const milestones = await tx
    .insert(projectMilestones)
    .values(input.milestones.map((m) => ({ projectId, ...m })))
    .returning({ id: projectMilestones.id });
  await tx.insert(projectEvents).values({ projectId, action: "create", actorUserId, createdAt: now });
  await writeAudit(
    tx,
    {
      actorUserId,
      action: "project.create",
      entity: "project",
      entityId: projectId,
      scope,
      after: { title: input.title, milestones: input.milestones.length },
    },
    { requestId: call.requestId, now },
  );
  if (input.milestones.some((m) => m.dueOn !== undefined)) await markWarningsStale(tx, input.communityId);
  return { id: projectId, milestoneIds: milestones.map((m) => m.id) };
}

/** 认领: one holder at a time, by a versioned update. */
export async function claimProject(call: Call, projectId: number, holderKey: string) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!project) return fail("not_found");
    const allowed = await mayActFor(tx, call.actor, holderKey);
    if (!allowed.ok) return allowed;
    const inScope = await decideInCommunity(
      tx,
      must(call.actor),
      "project.claim",
      project.communityId,
      await communitiesOfHolder(tx, holderKey),
    );
    if (!inScope.ok) return inScope;
    const decided = decideProjectClaim(project.status, project.holderKey);
    if (!decided.ok) return decided;
    const changed = await tx
      .update(projects)
      .set({ status: decided.status, holderKey, claimedAt: now, version: project.version + 1 })
      .where(and(eq(projects.id, projectId), eq(projects.version, project.version)));
    if (changed.rowsAffected !== 1) return fail("already_held");
    await tx
      .insert(projectEvents)
      .values({ projectId, action: "claim", actorUserId: must(call.actor).userId, note: holderKey, createdAt: now });
    return ok({ id: projectId, status: decided.status, holderKey });
  });
}

export async function reportProgress(
  call: Call,
  projectId: number,
  milestoneId: number,
  input: { progress: number; note?: string | undefined },
) {
  if (!call.actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    const [milestone] = await tx
      .select()
      .from(projectMilestones)
      .where(and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, projectId)));
    if (!project || !milestone) return fail("not_found");
    if (!project.holderKey) return fail("not_allowed_in_state");
    const allowed = await mayActFor(tx, call.actor, project.holderKey);
    if (!allowed.ok) return fail("not_the_holder");
    const decided = decideProgress(project.status, milestone, input.progress);
    if (!decided.ok) return decided;
    await tx
      .update(projectMilestones)
      .set({ progress: decided.progress, note: input.note ?? milestone.note, updatedAt: now })
      .where(eq(projectMilestones.id, milestoneId));
    if (milestone.dueOn !== null) await markWarningsStale(tx, project.communityId);
    await tx.insert(projectEvents).values({
      projectId,
      action: "progress",
      actorUserId: must(call.actor).userId,
      note: `${milestone.title}: ${decided.progress}/${milestone.target}${input.note ? ` — ${input.note}` : ""}`,
      createdAt: now,
    });
    return ok({ id: milestoneId, progress: decided.progress, reached: decided.reached });
  });
}

/** The community confirms completion when every milestone is reached. Audited. */
export async function completeProject(call: Call, projectId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    const scope = project && (await communityScope(tx, project.communityId));
    if (!project || !scope) return fail("not_found");
    const allowed = authorize(call.actor, "project.manage", scope);
    if (!allowed.ok) return allowed;
    const milestones = await tx.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId));
    const decided = decideProjectComplete(project.status, milestones);
    if (!decided.ok) return decided;
    await tx
      .update(projects)
      .set({ status: decided.status, completedAt: now, version: project.version + 1 })
      .where(eq(projects.id, projectId));
    await markWarningsStale(tx, project.communityId);
    await tx
      .insert(projectEvents)
      .values({ projectId, action: "complete", actorUserId: must(call.actor).userId, createdAt: now });
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "project.complete",
        entity: "project",
        entityId: projectId,
        scope,
        before: { status: project.status },
        after: { status: decided.status },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: projectId, status: decided.status });
  });
}

/** 项目清单 of a community (public): each project with its holder and milestone progress. */
export async function listProjects({ deps }: Call, communityId: number) {
  const db = deps.database.db;
  const rows = await db
    .select()
    .from(projects)
    .where(eq(projects.communityId, communityId))
    .orderBy(desc(projects.id))
    .limit(100);
  const milestones = rows.length
    ? await db
        .select()
        .from(projectMilestones)
        .where(
          inArray(
            projectMilestones.projectId,
            rows.map((p) => p.id),
          ),
        )
        .orderBy(asc(projectMilestones.id))
    : [];
  const names = await namesOf(
    db,
    rows.map((p) => p.holderKey),
    { publicOnly: true },
  );
  const items = [];
  for (const p of rows) {
    items.push({
      id: p.id,
      title: p.title,
      description: p.description,
      status: p.status,
      holderKey: p.holderKey,
      holder: p.holderKey ? (names.get(p.holderKey) ?? null) : null,
      claimedAt: toIso(p.claimedAt),
      completedAt: toIso(p.completedAt),
      milestones: milestones
        .filter((m) => m.projectId === p.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          target: m.target,
          progress: m.progress,
          dueOn: m.dueOn,
          note: m.note,
        })),
    });
  }
  return ok({ items });
}

/** A project's history (public): who acted is named in full only to the community's staff or with consent. */
export async function projectTimeline({ deps, actor }: Call, projectId: number) {
  const db = deps.database.db;
  const [project] = await db
    .select({ id: projects.id, communityId: projects.communityId })
    .from(projects)
    .where(eq(projects.id, projectId));
  const scope = project && (await communityScope(db, project.communityId));
  if (!project || !scope) return fail("not_found");
  const events = await db
    .select({
      action: projectEvents.action,
      note: projectEvents.note,
      at: projectEvents.createdAt,
      actorUserId: projectEvents.actorUserId,
    })
    .from(projectEvents)
    .where(eq(projectEvents.projectId, projectId))
    .orderBy(asc(projectEvents.id));
  const names = await peopleNames(
    db,
    events.map((e) => e.actorUserId),
    authorize(actor, "project.manage", scope).ok,
  );
  return ok({
    events: events.map(({ actorUserId, ...e }) => ({
      ...e,
      actor: actorUserId === null ? null : (names.get(actorUserId) ?? null),
      at: toIso(e.at),
    })),
  });
}
