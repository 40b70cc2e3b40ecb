import { eq } from "drizzle-orm";
import { authorize, decideNewRequest, decideTopicLink, fail, ok } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema";
import type { Call } from "../call";
import { insertProject, type NewProjectInput } from "../project/projects";
import { insertRequest, type NewRequestInput } from "../request/create";
import { writeLink } from "./links";
import { managedTopic } from "./load";

/** A request's description is at most this long (its create route's limit); a topic's may be longer. */
const requestDescriptionMax = 1000;

/** The topic staff may act on and that may bring something about (decided or done). */
async function linkableTopic(tx: Tx, call: Call, topicId: number) {
  const loaded = await managedTopic(tx, call.actor, topicId);
  if (!loaded.ok) return loaded;
  const decided = decideTopicLink(loaded.topic.status);
  return decided.ok ? loaded : decided;
}

/** 立为项目: a decided topic becomes a project of its community's 项目清单, created and linked together. */
export async function createTopicProject(
  call: Call,
  topicId: number,
  input: { title?: string | undefined } & Omit<NewProjectInput, "communityId" | "title">,
) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await linkableTopic(tx, call, topicId);
    if (!loaded.ok) return loaded;
    const allowed = authorize(call.actor, "project.manage", loaded.scope);
    if (!allowed.ok) return allowed;
    const { communityId, title } = loaded.topic;
    const project = await insertProject(tx, call, loaded.scope, { ...input, communityId, title: input.title ?? title });
    const link = await writeLink(tx, call, { topicId, scope: loaded.scope }, { kind: "project", id: project.id });
    return ok({ ...project, linkId: link.id });
  });
}

/**
 * 派发诉求: a decided topic dispatches a request of its community, posted for the resident who proposed it (the
 * request's owner hears of it, as with any request staff post for a resident), created and linked together.
 */
export async function dispatchTopicRequest(
  call: Call,
  topicId: number,
  input: Omit<NewRequestInput, "ownerUserId" | "description"> & { description?: string | undefined },
) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await linkableTopic(tx, call, topicId);
    if (!loaded.ok) return loaded;
    const { proposerUserId, communityId, title, description } = loaded.topic;
    const fallback = `${title}：${description}`.slice(0, requestDescriptionMax);
    const request = { ...input, description: input.description ?? fallback, ownerUserId: proposerUserId };
    const decided = decideNewRequest(request);
    if (!decided.ok) return decided;
    const [owner] = await tx.select({ communityId: users.communityId }).from(users).where(eq(users.id, proposerUserId));
    if (owner?.communityId !== communityId) return fail("wrong_community");
    const created = await insertRequest(tx, call, request);
    if (!created.ok) return created;
    const link = await writeLink(tx, call, { topicId, scope: loaded.scope }, { kind: "request", id: created.id });
    return ok({ id: created.id, status: created.status, linkId: link.id });
  });
}
