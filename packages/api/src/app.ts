import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { PHOTO_DATA_URL_CHARS_MAX, TOPIC_PHOTOS_MAX } from "@tongxin/core";
import { probeWrite } from "./db/client";
import type { AppEnv } from "./http/context";
import type { Deps } from "./deps";
import { compressJson } from "./http/compress";
import { limitBody } from "./http/body-limit";
import { csrfGuard } from "./http/csrf";
import { errorBody, mapError } from "./http/errors";
import { sessionMiddleware } from "./http/session";
import { bearerMiddleware } from "./http/bearer";
import { passwordChangeGuard } from "./http/password-change";
import { docsPage } from "./http/docs";
import { loggedPath } from "./http/logger";
import { contractDocument } from "./contract/document";
import { doc } from "./http/call";
import { authRoutes } from "./routes/auth";
import { meRoutes } from "./routes/me";
import { structureRoutes } from "./routes/structure";
import { accountRoutes } from "./routes/accounts";
import { auditRoutes } from "./routes/audit";
import { accessLogRoutes } from "./routes/access-log";
import { setupRoutes } from "./routes/setup";
import { volunteerRoutes } from "./routes/volunteers";
import { teamRoutes } from "./routes/teams";
import { activityRoutes } from "./routes/activities";
import { requestRoutes } from "./routes/requests";
import { offerRoutes } from "./routes/offers";
import { projectRoutes } from "./routes/projects";
import { pointRoutes } from "./routes/points";
import { storeRoutes } from "./routes/store";
import { ratingRoutes } from "./routes/ratings";
import { calendarRoutes } from "./routes/calendar";
import { certificateRoutes } from "./routes/certificates";
import { dashboardRoutes } from "./routes/dashboards";
import { warningRoutes } from "./routes/warnings";
import { topicRoutes } from "./routes/topics";
import { wallRoutes } from "./routes/walls";
import { topicPublicRoutes } from "./routes/topic-public";
import { commitmentRoutes } from "./routes/commitments";
import { careRoutes } from "./routes/care";
import { meetingRoutes } from "./routes/meetings";
import { careBookRoutes } from "./routes/care-book";
import { careCampaignRoutes } from "./routes/care-campaigns";
import { outboxRoutes } from "./routes/outbox";
import { apiTokenRoutes } from "./routes/api-tokens";

const BODY_BYTES_MAX = 64 * 1024;
/** A topic's proposal carries all its photos at once; its other fields fit in the room left over. */
const PROPOSAL_BODY_BYTES_MAX = TOPIC_PHOTOS_MAX * PHOTO_DATA_URL_CHARS_MAX + BODY_BYTES_MAX;
const PROPOSAL_PATH = /^\/api\/communities\/\d+\/topics$/;
// A load balancer polls health every few seconds; an answer slower than this already means "degraded".
const HEALTH_PROBE_MS_MAX = 2_000;

/** The API's routes, chained so their types reach the web client. */
function apiRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/health",
      doc("health", "Whether this instance can write to its database (for load balancers)"),
      async (c) => {
        const probe = await probeWrite(c.var.deps.database, HEALTH_PROBE_MS_MAX);
        if (!probe.ok) return c.json({ status: "degraded" as const, reason: probe.reason }, 503);
        return c.json({ status: "ok" as const }, 200);
      },
    )
    .route("/auth", authRoutes)
    .route("/me", meRoutes)
    .route("/accounts", accountRoutes)
    .route("/audit", auditRoutes)
    .route("/", accessLogRoutes)
    .route("/setup", setupRoutes)
    .route("/", structureRoutes)
    .route("/", volunteerRoutes)
    .route("/", teamRoutes)
    .route("/", activityRoutes)
    .route("/", requestRoutes)
    .route("/", offerRoutes)
    .route("/", projectRoutes)
    .route("/", pointRoutes)
    .route("/", storeRoutes)
    .route("/", ratingRoutes)
    .route("/", calendarRoutes)
    .route("/", certificateRoutes)
    .route("/", dashboardRoutes)
    .route("/", warningRoutes)
    .route("/", wallRoutes)
    .route("/", topicPublicRoutes)
    .route("/", topicRoutes)
    .route("/", commitmentRoutes)
    .route("/", meetingRoutes)
    .route("/", careRoutes)
    .route("/", careBookRoutes)
    .route("/", careCampaignRoutes)
    .route("/", outboxRoutes)
    .route("/", apiTokenRoutes);
}

export type AppType = ReturnType<typeof apiRoutes>;

/** The whole API under /api. The server adds static files; tests call `app.request()` directly. */
export function createApp(deps: Deps) {
  const api = apiRoutes();
  const app = new Hono<AppEnv>();
  app.use("/api/*", requestId(), async (c, next) => {
    c.set("deps", deps);
    const startMs = performance.now();
    const log: Deps["log"] = (level, msg, fields) => deps.log(level, msg, { requestId: c.var.requestId, ...fields });
    c.set("log", log);
    await next();
    log("info", "request", {
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      durationMs: Math.round(performance.now() - startMs),
    });
  });
  app.use("/api/*", compressJson);
  app.use(
    "/api/*",
    limitBody(BODY_BYTES_MAX, {
      maxBytes: PROPOSAL_BODY_BYTES_MAX,
      applies: (method, path) => method === "POST" && PROPOSAL_PATH.test(path),
    }),
  );
  app.use("/api/*", csrfGuard, sessionMiddleware, bearerMiddleware, passwordChangeGuard);
  app.get("/api/openapi.json", async (c) => c.json(await contractDocument(api)));
  app.get("/api/docs", (c) => c.html(docsPage));
  app.route("/api", api);
  app.all("/api/*", (c) => c.json(errorBody("not_found", "No such route."), 404));
  app.onError(mapError);
  return app;
}
