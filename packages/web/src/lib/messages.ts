import type { Message, MessagePayloads, RequestCategory } from "@tongxin/core";
import { t } from "./i18n";
import { formatRange, formatTime } from "./time";
import { warningKindsText, warningText } from "./warnings";
import { must } from "@tongxin/core";

/**
 * 事事有回音: a message's words for its reader, from what its payload kept
 * (subject ids and a snapshot of the subject's name). Messages written before
 * the payload kept a field still read, without it.
 */

const iso = (ms: number | undefined) => (typeof ms === "number" ? new Date(ms).toISOString() : null);
const when = (p: { startsAt?: number; endsAt?: number }) =>
  p.startsAt && p.endsAt ? formatRange(must(iso(p.startsAt)), must(iso(p.endsAt))) : formatTime(iso(p.startsAt));
const category = (c: RequestCategory | undefined) => (c ? (t(`requestCategories.${c}`) as string) : "");
const status = (s: MessagePayloads["request_changed"]["status"] | undefined) =>
  s ? (t(`requestStatus.${s}`) as string) : "";

/** What a message about a request calls it: the start of its description, or its category in messages that kept none. */
const requestName = (p: Partial<MessagePayloads["request_new"]>) => p.summary ?? category(p.category);

function requestText(m: Extract<Message, { kind: `request_${string}` }>): string {
  const p = m.payload as Partial<MessagePayloads["request_changed"]>;
  const params = { summary: requestName(p), category: category(p.category), status: status(p.status) };
  switch (m.kind) {
    case "request_new":
      return t("notes.requestNew", params) as string;
    case "request_posted_for_you": {
      const by = m.payload as Partial<MessagePayloads["request_posted_for_you"]>;
      return t("notes.requestPostedForYou", {
        ...params,
        role: by.postedBy ? (t(`roles.${by.postedBy}`) as string) : "",
        name: by.posterName ?? "",
      }) as string;
    }
    case "request_assigned":
      return t("notes.requestAssigned", params) as string;
    case "request_confirm":
      return t("notes.requestConfirm", params) as string;
    case "request_holder":
      return t("notes.requestHolder", params) as string;
    default:
      return t("notes.requestChanged", params) as string;
  }
}

/** The sentence a reader sees for a message. */
export function messageText(m: Message): string {
  if (m.kind.startsWith("request_")) return requestText(m as Extract<Message, { kind: `request_${string}` }>);
  switch (m.kind) {
    case "activity_cancelled":
      return t("notes.cancelled", {
        title: m.payload.title,
        time: formatTime(iso(m.payload.startsAt ?? undefined)),
        reason: m.payload.reason,
      }) as string;
    case "waitlist_promoted":
      return t("notes.promoted", { title: m.payload.title, time: when(m.payload) }) as string;
    case "shift_reminder":
      return t(m.payload.lead === "twoHours" ? "notes.reminderTwoHours" : "notes.reminderDayBefore", {
        title: m.payload.title,
        time: when(m.payload),
        place: m.payload.place,
      }) as string;
    case "team_approved":
      return t("notes.teamApproved", { team: m.payload.teamName ?? "" }) as string;
    case "team_rejected":
      return t("notes.teamRejected", { team: m.payload.teamName ?? "" }) as string;
    case "points_fund_empty":
      return t("notes.fundEmpty", { n: m.payload.points ?? 0 });
    case "points_donated":
      return t("notes.donated", { n: m.payload.amount, message: m.payload.message });
    case "warning_opened":
      return t("notes.warningOpened", { reason: warningText(m.payload) }) as string;
    case "warnings_opened":
      return t("notes.warningsOpened", { n: m.payload.count, kinds: warningKindsText(m.payload.kinds) });
    case "topic_changed":
      return t("notes.topicChanged", {
        title: m.payload.title,
        status: t(`deliberation.topicStatus.${m.payload.status}`) as string,
      }) as string;
    case "commitment_decided": {
      const state = t(`commitments.states.${m.payload.state}`) as string;
      return t("notes.commitmentDecided", {
        what: m.payload.what,
        state: m.payload.reason ? (t("common.aside", { text: state, note: m.payload.reason }) as string) : state,
      }) as string;
    }
    case "meeting_invited":
      return t("meetings.invitedNote", {
        body: t(`deliberation.bodies.${m.payload.body}`) as string,
        title: m.payload.title,
        time: formatTime(iso(m.payload.startsAt)),
        place: m.payload.place,
      }) as string;
    case "rating_objection":
      return t("notes.objection", { cycle: m.payload.cycleTitle, entry: m.payload.entryName }) as string;
    default:
      return t("notes.objectionNominee", {
        cycle: (m.payload as MessagePayloads["rating_objection_nominee"]).cycleTitle,
      }) as string;
  }
}

type Action =
  | "request"
  | "confirm"
  | "activity"
  | "team"
  | "points"
  | "answer"
  | "notice"
  | "warning"
  | "topic"
  | "commitment"
  | "meeting";

const ACTION: Record<Message["kind"], Action> = {
  request_new: "request",
  request_posted_for_you: "request",
  request_changed: "request",
  request_confirm: "confirm",
  request_assigned: "request",
  request_holder: "request",
  activity_cancelled: "activity",
  waitlist_promoted: "activity",
  shift_reminder: "activity",
  team_approved: "team",
  team_rejected: "team",
  points_fund_empty: "points",
  points_donated: "points",
  rating_objection: "answer",
  rating_objection_nominee: "notice",
  warning_opened: "warning",
  warnings_opened: "warning",
  topic_changed: "topic",
  commitment_decided: "commitment",
  meeting_invited: "meeting",
};

/** The page where the reader acts on a message, with the button's words; only paths inside the app. Old request messages kept only the id. */
export function messageLink(m: Message): { href: string; label: string } | null {
  const p = m.payload as { path?: unknown; requestId?: unknown };
  const href =
    typeof p.path === "string" && p.path.startsWith("/") && !p.path.startsWith("//")
      ? p.path
      : typeof p.requestId === "number"
        ? `/requests/${p.requestId}`
        : null;
  return href ? { href, label: t(`notes.open.${ACTION[m.kind] ?? "request"}`) as string } : null;
}
