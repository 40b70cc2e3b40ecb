import { Hono } from "hono";
import * as v from "valibot";
import {
  claimProject,
  completeProject,
  createProject,
  listProjects,
  projectTimeline,
  reportProgress,
} from "../services/project/projects";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, idParam, idParams, multiLineText, singleLineText } from "../http/schemas";

export const projectBody = v.strictObject({
  title: humanName(80),
  description: multiLineText(1000),
  milestones: v.pipe(
    v.array(
      v.strictObject({
        title: humanName(60),
        target: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
        dueOn: v.optional(v.pipe(v.string(), v.isoDate())),
      }),
    ),
    v.minLength(1),
    v.maxLength(20),
  ),
});
const milestoneParams = v.strictObject({ id: idParam, milestoneId: idParam });

export const projectRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/projects",
    doc("projects", "项目清单 of a community with milestone progress (public)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await listProjects(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .post(
    "/communities/:id/projects",
    doc("projects", "Post a project with milestones (staff)"),
    valid("param", idParams),
    valid("json", projectBody),
    async (c) => {
      const { ok: _, ...project } = unwrap(
        await createProject(callOf(c), { communityId: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(project, 201);
    },
  )
  .get(
    "/projects/:id/events",
    doc("projects", "What happened to a project (public)"),
    valid("param", idParams),
    async (c) => {
      const { events } = unwrap(await projectTimeline(callOf(c), c.req.valid("param").id));
      return c.json({ events }, 200);
    },
  )
  .post(
    "/projects/:id/claim",
    doc("projects", "认领 for a team you lead or a partner unit of your community; 409 if held"),
    valid("param", idParams),
    valid("json", v.strictObject({ holderKey: v.pipe(v.string(), v.regex(/^(team|partner):[1-9]\d{0,14}$/)) })),
    async (c) => {
      const { ok: _, ...project } = unwrap(
        await claimProject(callOf(c), c.req.valid("param").id, c.req.valid("json").holderKey),
      );
      return c.json(project, 200);
    },
  )
  .post(
    "/projects/:id/milestones/:milestoneId/progress",
    doc("projects", "The holder reports progress on a milestone"),
    valid("param", milestoneParams),
    valid("json", v.strictObject({ progress: v.pipe(v.number(), v.integer()), note: v.optional(singleLineText(200)) })),
    async (c) => {
      const { id, milestoneId } = c.req.valid("param");
      const { ok: _, ...milestone } = unwrap(await reportProgress(callOf(c), id, milestoneId, c.req.valid("json")));
      return c.json(milestone, 200);
    },
  )
  .post(
    "/projects/:id/complete",
    doc("projects", "The community confirms completion"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...project } = unwrap(await completeProject(callOf(c), c.req.valid("param").id));
      return c.json(project, 200);
    },
  );
