import { Hono } from "hono";
import * as v from "valibot";
import {
  CARE_CATEGORIES_PER_HOUSEHOLD_MAX,
  CARE_CATEGORY_NAME_CHARS_MAX,
  CARE_LEVEL_KEYS,
  CARE_NEEDS_CHARS_MAX,
  CONSENT_GIVERS,
  EMERGENCY_CONTACT_NAME_CHARS_MAX,
  PAIRING_END_REASON_CHARS_MAX,
  RELATION_CHARS_MAX,
  REQUEST_CATEGORY_CODES,
  URGENCIES,
  VISIT_MINUTES_MAX,
  VISIT_MODES,
  VISIT_NEEDS_CHARS_MAX,
  VISITOR_KINDS,
  WELLBEING_LEVELS,
} from "@tongxin/core";
import { addCareCategory, listCareCategories } from "../services/care/categories";
import { confirmVisit, listUnconfirmed } from "../services/care/confirm";
import { myCareHouseholds } from "../services/care/mine";
import { endPairing, pairVisitor } from "../services/care/pairing";
import { recordConsent, saveCareProfile, withdrawConsent } from "../services/care/profile";
import { listCareVisits, showCare, visitPhoto } from "../services/care/show";
import { recordVisit } from "../services/care/visit";
import { requestFromVisit } from "../services/care/visit-request";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import {
  calendarDay,
  id,
  idParams,
  multiLineText,
  personName,
  phone,
  photoDataUrl,
  singleLineText,
} from "../http/schemas";

const categoryKey = v.pipe(v.string(), v.maxLength(40));
const profileBody = v.strictObject({
  categories: v.pipe(v.array(categoryKey), v.maxLength(CARE_CATEGORIES_PER_HOUSEHOLD_MAX * 2)),
  level: v.picklist(CARE_LEVEL_KEYS),
  needs: v.optional(multiLineText(CARE_NEEDS_CHARS_MAX), ""),
  emergencyContact: v.nullable(
    v.strictObject({
      name: singleLineText(EMERGENCY_CONTACT_NAME_CHARS_MAX, { required: true }),
      relation: singleLineText(RELATION_CHARS_MAX, { required: true }),
      phone,
    }),
  ),
});
const consentBody = v.strictObject({
  givenBy: v.picklist(CONSENT_GIVERS),
  givenByName: personName,
  photos: v.boolean(),
});
const empty = v.optional(v.strictObject({}), {});
const pairBody = v.strictObject({ visitorUserId: id, kind: v.picklist(VISITOR_KINDS) });
const endBody = v.strictObject({ reason: singleLineText(PAIRING_END_REASON_CHARS_MAX, { required: true }) });
const visitBody = v.strictObject({
  visitedOn: calendarDay,
  mode: v.picklist(VISIT_MODES),
  wellbeing: v.picklist(WELLBEING_LEVELS),
  needs: v.optional(multiLineText(VISIT_NEEDS_CHARS_MAX), ""),
  photo: v.optional(photoDataUrl),
  campaignId: v.optional(id),
});
const visitRequestBody = v.strictObject({
  category: v.picklist(REQUEST_CATEGORY_CODES),
  description: multiLineText(1000, { required: true }),
  urgency: v.optional(v.picklist(URGENCIES), "normal"),
});
const confirmBody = v.strictObject({
  minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(VISIT_MINUTES_MAX * 4))),
  reason: v.optional(singleLineText(200)),
});
const categoryBody = v.strictObject({ name: singleLineText(CARE_CATEGORY_NAME_CHARS_MAX * 2, { required: true }) });
const pageOnly = v.strictObject(pageQuery);

/** 民情账 (decision 0016): care profiles, consent, pairings, visits and the help that follows them. */
export const careRoutes = new Hono<AppEnv>()
  .get(
    "/households/:id/care",
    doc("care", "A household's care: profile, plan, pairings, visits, requests (grid worker, staff, paired visitor)"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...shown } = unwrap(await showCare(callOf(c), c.req.valid("param").id));
      return c.json(shown, 200);
    },
  )
  .get(
    "/households/:id/care/visits",
    doc("care", "More of a household's visits, newest first"),
    valid("param", idParams),
    valid("query", pageOnly),
    async (c) => {
      const { items, nextCursor } = unwrap(
        await listCareVisits(callOf(c), c.req.valid("param").id, c.req.valid("query")),
      );
      return c.json({ items, nextCursor }, 200);
    },
  )
  .put(
    "/households/:id/care",
    doc("care", "Write a household's care profile: categories, care level, needs, emergency contact"),
    valid("param", idParams),
    valid("json", profileBody),
    async (c) => {
      const saved = unwrap(await saveCareProfile(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ householdId: saved.householdId }, 200);
    },
  )
  .post(
    "/households/:id/care/consent",
    doc("care", "Record the family's consent (who gave it, whether photos may be kept)"),
    valid("param", idParams),
    valid("json", consentBody),
    async (c) => {
      const saved = unwrap(await recordConsent(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ householdId: saved.householdId }, 200);
    },
  )
  .post(
    "/households/:id/care/consent/withdraw",
    doc("care", "Record that the family withdrew consent: visitors lose the profile at once"),
    valid("param", idParams),
    valid("json", empty),
    async (c) => {
      const saved = unwrap(await withdrawConsent(callOf(c), c.req.valid("param").id));
      return c.json({ householdId: saved.householdId }, 200);
    },
  )
  .post(
    "/households/:id/care/pairings",
    doc("care", "Pair the household with a visitor (Party member, volunteer, partner unit's member)"),
    valid("param", idParams),
    valid("json", pairBody),
    async (c) => {
      const made = unwrap(await pairVisitor(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ id: made.id }, 201);
    },
  )
  .post(
    "/care-pairings/:id/end",
    doc("care", "End a pairing with a reason; it stays in the book"),
    valid("param", idParams),
    valid("json", endBody),
    async (c) => {
      const ended = unwrap(await endPairing(callOf(c), c.req.valid("param").id, c.req.valid("json").reason));
      return c.json({ id: ended.id }, 200);
    },
  )
  .post(
    "/households/:id/care/visits",
    doc("care", "Record a visit: day, in person or by phone, how the person is, needs found, a photo if consented"),
    valid("param", idParams),
    valid("json", visitBody),
    async (c) => {
      const made = unwrap(await recordVisit(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ id: made.id }, 201);
    },
  )
  .get(
    "/care-visits/:id/photo",
    doc("care", "A visit's photo (kept only under the family's photo consent)"),
    valid("param", idParams),
    async (c) => {
      const { photo } = unwrap(await visitPhoto(callOf(c), c.req.valid("param").id));
      return c.json({ photo }, 200);
    },
  )
  .post(
    "/care-visits/:id/request",
    doc("care", "Turn a need found on a visit into a request posted for the household's resident"),
    valid("param", idParams),
    valid("json", visitRequestBody),
    async (c) => {
      const made = unwrap(await requestFromVisit(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ requestId: made.requestId }, 201);
    },
  )
  .get(
    "/communities/:id/care/unconfirmed",
    doc("care", "Volunteers' visits waiting to be confirmed as service, oldest first"),
    valid("param", idParams),
    valid("query", pageOnly),
    async (c) => {
      const { items, nextCursor } = unwrap(
        await listUnconfirmed(callOf(c), c.req.valid("param").id, c.req.valid("query")),
      );
      return c.json({ items, nextCursor }, 200);
    },
  )
  .post(
    "/care-visits/:id/confirm",
    doc("care", "Confirm a volunteer's visit as service hours (the default for its mode, or corrected with a reason)"),
    valid("param", idParams),
    valid("json", confirmBody),
    async (c) => {
      const { ok: _, ...confirmed } = unwrap(
        await confirmVisit(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(confirmed, 200);
    },
  )
  .get(
    "/me/care/households",
    doc("care", "我的联户: the households paired with me, the most overdue first"),
    async (c) => {
      const { items } = unwrap(await myCareHouseholds(callOf(c)));
      return c.json({ items }, 200);
    },
  )
  .get(
    "/communities/:id/care/categories",
    doc("care", "The care categories a profile may name: built-in and the community's own"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await listCareCategories(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .post(
    "/communities/:id/care/categories",
    doc("care", "Add a community's own care category"),
    valid("param", idParams),
    valid("json", categoryBody),
    async (c) => {
      const made = unwrap(await addCareCategory(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ key: made.key }, 201);
    },
  );
