import { and, eq, inArray } from "drizzle-orm";
import {
  decideLinkTarget,
  decideTopicLink,
  fail,
  must,
  ok,
  projectsPath,
  requestPath,
  type ResourceScope,
  type TopicLinkKind,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { projects, requests, topicLinks } from "../../db/schema";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { managedTopic } from "./load";

async function targetOf(tx: Tx, kind: TopicLinkKind, id: number) {
  const table = kind === "project" ? projects : requests;
  const [row] = await tx
    .select({ communityId: table.communityId, status: table.status })
    .from(table)
    .where(eq(table.id, id));
  return row ?? null;
}

/** A decided topic names the project (项目清单) or request it brought about, of its own community. */
export async function linkTopic(call: Call, topicId: number, input: { kind: TopicLinkKind; id: number }) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await managedTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const decided = decideTopicLink(loaded.topic.status);
    if (!decided.ok) return decided;
    const target = decideLinkTarget(await targetOf(tx, input.kind, input.id), loaded.topic.communityId);
    if (!target.ok) return target;
    const [linked] = await tx
      .select({ id: topicLinks.id })
      .from(topicLinks)
      .where(and(eq(topicLinks.topicId, topicId), eq(topicLinks.kind, input.kind), eq(topicLinks.targetId, input.id)));
    if (linked) return fail("already_linked");
    return ok(await writeLink(tx, call, { topicId, scope: loaded.scope }, input));
  });
}

/**
 * Records the link and audits it; the caller has checked the topic allows links and the target's community. A link
 * that exists already (a race) breaks the unique index and throws, undoing the caller's whole transaction.
 */
export async function writeLink(
  tx: Tx,
  call: Call,
  topic: { topicId: number; scope: ResourceScope },
  input: { kind: TopicLinkKind; id: number },
) {
  const now = call.deps.now();
  const actorUserId = must(call.actor).userId;
  const [row] = await tx
    .insert(topicLinks)
    .values({ topicId: topic.topicId, kind: input.kind, targetId: input.id, createdBy: actorUserId, createdAt: now })
    .returning({ id: topicLinks.id });
  await writeAudit(
    tx,
    {
      actorUserId,
      action: "topic.link",
      entity: "topic",
      entityId: topic.topicId,
      scope: topic.scope,
      after: input,
    },
    { requestId: call.requestId, now },
  );
  return { id: must(row).id };
}

/** The projects and requests a topic brought about, each with its progress as its own page shows it. */
export async function linksOf(db: Db | Tx, topicId: number) {
  const links = await db
    .select({ kind: topicLinks.kind, targetId: topicLinks.targetId })
    .from(topicLinks)
    .where(eq(topicLinks.topicId, topicId))
    .orderBy(topicLinks.id);
  const idsOf = (kind: TopicLinkKind) => links.filter((l) => l.kind === kind).map((l) => l.targetId);
  const projectRows = idsOf("project").length
    ? await db
        .select({ id: projects.id, communityId: projects.communityId, title: projects.title, status: projects.status })
        .from(projects)
        .where(inArray(projects.id, idsOf("project")))
    : [];
  const requestRows = idsOf("request").length
    ? await db
        .select({ id: requests.id, category: requests.category, status: requests.status })
        .from(requests)
        .where(inArray(requests.id, idsOf("request")))
    : [];
  return {
    projects: projectRows.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      path: projectsPath(p.communityId),
    })),
    requests: requestRows.map((r) => ({ id: r.id, category: r.category, status: r.status, path: requestPath(r.id) })),
  };
}
