import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { MEETING_BODIES, type MeetingBody } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { LoadError } from "../components/LoadError";
import { api, meetingsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { createPagedList, type PagedList } from "../lib/paged";
import { communitiesWith } from "../lib/session";
import { buildingLabel } from "../lib/places";
import { formatTime, shanghaiIso } from "../lib/time";

addPageTexts(zhPages);

type Summary = { id: number; body: MeetingBody; title: string; place: string; startsAt: string; status: string };

function MeetingItem(props: { meeting: Summary; extra?: string }) {
  return (
    <li class="card">
      <A href={`/meetings/${props.meeting.id}`} class="big">
        {props.meeting.title}
      </A>
      <p>
        {t(`deliberation.bodies.${props.meeting.body}`)} · {formatTime(props.meeting.startsAt)} · {props.meeting.place}
      </p>
      <p>
        <span class="badge">{t(`deliberation.meetingStatus.${props.meeting.status as "planned"}`)}</span>
        <Show when={props.extra}> {props.extra}</Show>
      </p>
    </li>
  );
}

/** Staff plan a meeting: a body, when and where, a building for a bench meeting, and topics in deliberation. */
function NewMeeting(props: { communityId: number; onDone: () => unknown }) {
  const form = createForm();
  const [body, setBody] = createSignal<MeetingBody>("twoCommittees");
  const [topics] = createResource(
    () => props.communityId,
    (id) => meetingsApi.agendaTopics(id),
  );
  const [buildings] = createResource(
    () => props.communityId,
    (id) => api.buildings(id),
  );
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const topicIds = new FormData(el).getAll("topicIds").map(Number);
    const done = await form.submit(async () => {
      await meetingsApi.create(props.communityId, {
        body: body(),
        title: v.title ?? "",
        place: v.place ?? "",
        startsAt: shanghaiIso(v.day ?? "", v.time ?? ""),
        ...(v.buildingId ? { buildingId: Number(v.buildingId) } : {}),
        topicIds,
      });
    });
    if (done) {
      el.reset();
      await props.onDone();
    }
  };
  return (
    <details class="card">
      <summary>{t("meetings.new")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("meetings.new")}>
        <SelectField
          label={t("meetings.body")}
          name="body"
          value={body()}
          onChange={(e) => setBody(e.currentTarget.value as MeetingBody)}
        >
          <For each={MEETING_BODIES}>{(b) => <option value={b}>{t(`deliberation.bodies.${b}`)}</option>}</For>
        </SelectField>
        <Field label={t("meetings.title")} name="title" maxLength={80} error={form.error("title")} />
        <Field label={t("meetings.place")} name="place" maxLength={100} error={form.error("place")} />
        <div class="row">
          <Field label={t("meetings.day")} name="day" type="date" error={form.error("startsAt")} />
          <Field label={t("meetings.time")} name="time" type="time" />
        </div>
        <Show when={body() === "bench"}>
          <SelectField label={t("meetings.building")} name="buildingId" error={form.error("buildingId")}>
            <option value="">—</option>
            <For each={buildings()}>{(b) => <option value={b.id}>{buildingLabel(b)}</option>}</For>
          </SelectField>
        </Show>
        <fieldset>
          <legend>{t("meetings.agenda")}</legend>
          <For each={topics()?.items} fallback={<p class="muted">{t("meetings.noTopics")}</p>}>
            {(topic) => (
              <label class="check">
                <input type="checkbox" name="topicIds" value={topic.id} />
                <span>{topic.title}</span>
              </label>
            )}
          </For>
          <Show when={form.error("topicIds")}>
            <small class="field-error" role="alert">
              {form.error("topicIds")}
            </small>
          </Show>
        </fieldset>
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("meetings.create")}
        </button>
      </form>
    </details>
  );
}

/** "More" under a paged list of meetings. */
function More(props: { list: PagedList<unknown> }) {
  return (
    <Show when={props.list.hasMore()}>
      <button type="button" onClick={() => props.list.loadMore()}>
        {t("audit.more")}
      </button>
    </Show>
  );
}

/** The staff's desk: a community's meetings, newest first, and the form to plan one. */
export default function MeetingsDesk() {
  const params = useParams<{ id: string }>();
  // A new meeting reloads the list from its first page.
  const [round, setRound] = createSignal(0);
  const list = createPagedList(
    () => ({ communityId: Number(params.id), round: round() }),
    (s, cursor) => meetingsApi.list(s.communityId, cursor),
  );
  const reload = () => setRound(round() + 1);
  return (
    <section>
      <h1>{t("meetings.desk")}</h1>
      <p>
        <A class="button" href={`/communities/${params.id}/deliberation-settings`}>
          {t("deliberationSettings.link")}
        </A>
      </p>
      <Show when={!list.error()} fallback={<LoadError error={list.error()} onRetry={reload} />}>
        <NewMeeting communityId={Number(params.id)} onDone={reload} />
        <ul class="plain" aria-label={t("meetings.desk")}>
          <For each={list.items()} fallback={<li class="muted">{t("meetings.none")}</li>}>
            {(m) => <MeetingItem meeting={m} />}
          </For>
        </ul>
        <More list={list} />
      </Show>
    </section>
  );
}

/** The meetings I am invited to, with my reply; staff also get their community's desk. */
export function MyMeetings() {
  const [round, setRound] = createSignal(0);
  const list = createPagedList(
    () => round() + 1,
    (_, cursor) => meetingsApi.mine(cursor),
  );
  const desks = () => communitiesWith("communityStaff", "committeeMember");
  return (
    <section>
      <h1>{t("meetings.mine")}</h1>
      <For each={desks()}>
        {(id) => (
          <p>
            <A class="button" href={`/communities/${id}/meetings`}>
              {t("meetings.desk")}
            </A>
          </p>
        )}
      </For>
      <Show when={!list.error()} fallback={<LoadError error={list.error()} onRetry={() => setRound(round() + 1)} />}>
        <ul class="plain" aria-label={t("meetings.mine")}>
          <For each={list.items()} fallback={<li class="muted">{t("meetings.none")}</li>}>
            {(m) => (
              <MeetingItem
                meeting={m}
                extra={m.attendedAt ? t("meetings.present") : m.reply ? t(`meetings.replies.${m.reply}`) : ""}
              />
            )}
          </For>
        </ul>
        <More list={list} />
      </Show>
    </section>
  );
}
