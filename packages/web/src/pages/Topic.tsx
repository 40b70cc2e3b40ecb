import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { PROCEDURE_CODES, STEPS, must, type BuiltInProcedure, type StepKey } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { TopicOutcomes } from "../components/TopicOutcomes";
import { topicsApi, type Topic as TopicData, type TopicComment, type TopicObjection } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { createPagedList, type PagedList } from "../lib/paged";
import { errorText, t } from "../lib/i18n";
import { colonText } from "../lib/colon";
import { hasRole } from "../lib/session";
import { formatDay, formatTime, lastDayOf } from "../lib/time";

const stepName = (key: string) => t(`deliberation.steps.${key as StepKey}`) as string;

/** One text box and a button: a comment, an objection, an answer. */
function TextForm(props: { label: string; action: string; sent: string; send: (text: string) => Promise<unknown> }) {
  const form = createForm();
  const [sent, setSent] = createSignal(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const text = formValues(el).text ?? "";
    if (await form.submit(async () => void (await props.send(text)))) el.reset(), setSent(true);
  };
  return (
    <form onSubmit={onSubmit} aria-label={props.action}>
      <Field label={props.label} name="text" maxLength={500} required />
      <FormError message={form.formError()} />
      <Show when={sent()}>
        <p class="notice" role="status">
          {props.sent}
        </p>
      </Show>
      <button type="submit" disabled={form.busy()}>
        {props.action}
      </button>
    </form>
  );
}

/** Steps as a timeline: recorded ones with who, when and how; the current one marked; the rest to come. */
function Timeline(props: { topic: TopicData }) {
  const recorded = (index: number) => props.topic.steps.find((s) => s.stepIndex === index);
  return (
    <ol class="timeline" aria-label={t("topics.timeline")}>
      <For each={props.topic.procedureSteps}>
        {(key, index) => (
          <li aria-current={index() === props.topic.stepIndex ? "step" : undefined}>
            <strong>{stepName(key)}</strong>
            <Show when={recorded(index())}>
              {(s) => (
                <p>
                  <span class="badge">{t(`deliberation.outcomes.${s().outcome}`)}</span>{" "}
                  {t("topics.recordedBy", { name: s().decidedBy, date: formatTime(s().decidedAt) })}
                  <Show when={s().note}>
                    <br />
                    {s().note}
                  </Show>
                </p>
              )}
            </Show>
            <Show when={index() === props.topic.stepIndex && props.topic.stepDueAt}>
              <p class="muted">{t("topics.due", { date: formatDay(lastDayOf(props.topic.stepDueAt)) })}</p>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}

/** Staff: triage a proposed topic, or record its current step (a meeting step names the meeting that decided). */
function Desk(props: { topic: TopicData; onDone: () => unknown }) {
  const form = createForm();
  const current = () => props.topic.procedureSteps[props.topic.stepIndex ?? -1] as StepKey | undefined;
  // The button pressed is part of the values: 不予提议 submits the step's form as `outcome=rejected`.
  const run = (action: (v: Record<string, string>) => Promise<unknown>) => async (e: SubmitEvent) => {
    e.preventDefault();
    const button = e.submitter instanceof HTMLButtonElement && e.submitter.name ? e.submitter : null;
    const v = { ...formValues(e.currentTarget as HTMLFormElement), ...(button ? { [button.name]: button.value } : {}) };
    if (await form.submit(async () => void (await action(v)))) await props.onDone();
  };
  const triage = (v: Record<string, string>, action: "deliberate" | "merge" | "decline") =>
    topicsApi.triage(props.topic.id, {
      action,
      ...(action === "deliberate" ? { procedure: v.procedure as BuiltInProcedure } : {}),
      ...(action === "merge" ? { mergeInto: Number(v.mergeInto) } : {}),
      ...(action === "decline" ? { reason: v.reason ?? "" } : {}),
    });
  const record = (v: Record<string, string>) =>
    topicsApi.recordStep(props.topic.id, {
      stepIndex: must(props.topic.stepIndex),
      ...(v.note ? { note: v.note } : {}),
      ...(v.meetingId ? { meetingId: Number(v.meetingId) } : {}),
      ...(v.outcome === "rejected" ? { outcome: "rejected" as const } : {}),
    });
  return (
    <section class="card" aria-label={t("topics.desk")}>
      <h2>{t("topics.desk")}</h2>
      <FormError message={form.formError()} />
      <Show when={props.topic.status === "proposed"}>
        <form onSubmit={run((v) => triage(v, "deliberate"))}>
          <SelectField label={t("topics.procedure")} name="procedure">
            <For each={PROCEDURE_CODES}>
              {(code) => <option value={code}>{t(`deliberation.procedures.${code}`)}</option>}
            </For>
          </SelectField>
          <button type="submit" class="primary">
            {t("topics.deliberate")}
          </button>
        </form>
        <form onSubmit={run((v) => triage(v, "merge"))}>
          <Field label={t("topics.mergeInto")} name="mergeInto" inputMode="numeric" error={form.error("mergeInto")} />
          <button type="submit">{t("topics.merge")}</button>
        </form>
        <form onSubmit={run((v) => triage(v, "decline"))}>
          <Field label={t("topics.reason")} name="reason" maxLength={200} error={form.error("reason")} />
          <button type="submit">{t("topics.decline")}</button>
        </form>
      </Show>
      <Show when={(props.topic.status === "deliberating" || props.topic.status === "decided") && current()}>
        {(key) => (
          <form onSubmit={run(record)} aria-label={t("topics.record")}>
            <p>{t("topics.current", { step: stepName(key()) })}</p>
            <Show when={STEPS[key()].kind === "meeting"}>
              <Field
                label={t("topics.meetingId")}
                name="meetingId"
                inputMode="numeric"
                error={form.error("meetingId")}
              />
            </Show>
            <Show when={["proposal", "implementation", "report"].includes(STEPS[key()].kind)}>
              <div class="field">
                <label for="step-note">{t("topics.note")}</label>
                <textarea id="step-note" name="note" rows={3} maxLength={2000} />
              </div>
            </Show>
            <button type="submit" class="primary">
              {t("topics.record")}
            </button>
            {/* Only the Party organisation turns a topic down by hand (core: a proposal step may be rejected). */}
            <Show when={STEPS[key()].kind === "proposal"}>
              <button type="submit" name="outcome" value="rejected">
                {t("topics.turnDown")}
              </button>
            </Show>
          </form>
        )}
      </Show>
    </section>
  );
}

/** 议题: where it stands, its steps as a timeline, support, comments during 征求意见 and objections during 决议公开. */
export default function Topic() {
  const params = useParams<{ id: string }>();
  const topicId = () => Number(params.id);
  const [topic, { refetch }] = createResource(topicId, topicsApi.show);
  const [status, setStatus] = createSignal("");
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setStatus("");
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const kind = () => {
    const key = topic()?.procedureSteps[topic()?.stepIndex ?? -1] as StepKey | undefined;
    return key ? STEPS[key].kind : null;
  };
  const live = () => topic()?.status === "proposed" || topic()?.status === "deliberating";
  return (
    <Show when={topic()}>
      {(tp) => (
        <section>
          <h1>{tp().title}</h1>
          <A class="topic-link" href={`/community/${tp().communityId}/topics`}>
            {t("topics.back")}
          </A>
          <div class="row">
            <span class="badge">{t(`deliberation.topicStatus.${tp().status}`)}</span>
            <Show when={tp().procedure}>
              {(code) => <span>{t(`deliberation.procedures.${code() as BuiltInProcedure}`)}</span>}
            </Show>
            <span>{t("topics.proposer", { name: tp().proposer.name })}</span>
          </div>
          <p class="pre-line">{tp().description}</p>
          <For each={tp().photos}>{(src) => <img class="topic-photo" src={src} alt="" />}</For>
          <Show when={tp().declineReason}>
            {(reason) => <p class="notice">{t("topics.declined", { reason: reason() })}</p>}
          </Show>
          <Show when={tp().mergedIntoId}>
            {(into) => (
              <p class="notice">
                {t("topics.mergedInto")}{" "}
                <A class="topic-link" href={`/topics/${into()}`}>
                  {t("topics.openMerged")}
                </A>
              </p>
            )}
          </Show>
          <p class="status" role="status">
            {status()}
          </p>
          <div class="row">
            <span>{t("topics.supports", { n: tp().supportCount })}</span>
            <Show when={live() && !tp().proposer.mine}>
              <Show
                when={tp().supported}
                fallback={
                  <button type="button" class="primary" onClick={() => act(() => topicsApi.support(tp().id))}>
                    {t("topics.support")}
                  </button>
                }
              >
                <span class="badge">{t("topics.supported")}</span>
                <Show when={tp().status === "proposed"}>
                  <button type="button" onClick={() => act(() => topicsApi.unsupport(tp().id))}>
                    {t("topics.unsupport")}
                  </button>
                </Show>
              </Show>
            </Show>
          </div>
          <Show when={tp().procedureSteps.length > 0}>
            <h2>{t("topics.timeline")}</h2>
            <Timeline topic={tp()} />
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff", "committeeMember")}>
            <Desk topic={tp()} onDone={refetch} />
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff") && ["decided", "done"].includes(tp().status)}>
            <TopicOutcomes topic={tp()} onDone={refetch} />
          </Show>
          <Discussion topic={tp()} kind={kind()} onChange={refetch} />
          <Links topic={tp()} />
        </section>
      )}
    </Show>
  );
}

/** A list's items so far; none once its first page failed (reading it then would throw, and its error is shown). */
const readable = <T,>(list: PagedList<T>): T[] => (list.error() ? [] : list.items());

/** 「更多」 under a list read a page at a time: appends the next page while there is one, says when that failed. */
function More(props: { list: PagedList<unknown>; label: string }) {
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal<string | null>(null);
  const more = async () => {
    setBusy(true);
    setFailed(null);
    try {
      await props.list.loadMore();
    } catch (error) {
      setFailed(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Show when={!props.list.error() && !props.list.loaded()}>
        <p class="muted">{t("common.loading")}</p>
      </Show>
      <FormError message={props.list.error() ? errorText(props.list.error()) : failed()} />
      <Show when={props.list.hasMore()}>
        <button type="button" disabled={busy()} onClick={() => void more()}>
          {busy() ? t("common.loading") : props.label}
        </button>
      </Show>
    </>
  );
}

/**
 * Comments and objections, oldest first as a discussion reads, a page at a time. The lists are keyed by the topic
 * alone, so refetching the topic (support, counts) leaves the pages read so far in place.
 */
function Discussion(props: { topic: TopicData; kind: string | null; onChange: () => unknown }) {
  const staff = () => hasRole("streetAdmin", "communityStaff", "committeeMember");
  // Comments posted here: shown at the end at once, even before the pages between have been read.
  const [posted, setPosted] = createSignal<TopicComment[]>([]);
  const [answers, setAnswers] = createSignal<Record<number, string>>({});
  const [objectedHere, setObjectedHere] = createSignal(0);
  const comments = createPagedList(
    () => props.topic.id,
    (topicId, cursor) => {
      if (!cursor) setPosted([]);
      return topicsApi.comments(topicId, cursor);
    },
  );
  // After objecting, the first page is read again (the new objection may be on it).
  const objections = createPagedList(
    () => `${props.topic.id}:${objectedHere()}`,
    (_key, cursor) => topicsApi.objections(props.topic.id, cursor),
  );
  const shownComments = () => {
    const read = readable(comments);
    const ids = new Set(read.map((c) => c.id));
    return [...read, ...posted().filter((c) => !ids.has(c.id))];
  };
  const answerOf = (o: TopicObjection) => o.answer ?? answers()[o.id] ?? null;
  return (
    <>
      <h2>
        {t("topics.comments")} <span class="muted">{t("topics.count", { n: props.topic.commentCount })}</span>
      </h2>
      <ul class="plain" aria-label={t("topics.comments")}>
        <For
          each={shownComments()}
          fallback={
            <Show when={!comments.error() && comments.loaded()}>
              <li class="muted">{t("topics.noComments")}</li>
            </Show>
          }
        >
          {(c) => (
            <li>
              <strong>{c.name}</strong>
              {colonText()}
              {c.body}
            </li>
          )}
        </For>
      </ul>
      <More list={comments} label={t("topics.moreComments")} />
      <Show when={props.kind === "comment"}>
        <TextForm
          label={t("topics.commentLabel")}
          action={t("topics.comment")}
          sent={t("topics.commentSent")}
          send={async (text) => {
            const comment = await topicsApi.comment(props.topic.id, text);
            setPosted([...posted(), comment]);
            await props.onChange();
          }}
        />
      </Show>
      <Show when={props.topic.objectionCount > 0 || props.kind === "notice"}>
        <h2>
          {t("topics.objections")} <span class="muted">{t("topics.count", { n: props.topic.objectionCount })}</span>
        </h2>
        <ul class="plain" aria-label={t("topics.objections")}>
          <For each={readable(objections)}>
            {(o) => (
              <li class="card">
                <p>
                  <strong>{o.name}</strong>
                  {colonText()}
                  {o.body}
                </p>
                <p>
                  {answerOf(o)
                    ? t("common.labelled", { label: t("topics.answer"), value: answerOf(o) ?? "" })
                    : t("topics.awaiting")}
                </p>
                <Show when={!answerOf(o) && staff()}>
                  <TextForm
                    label={t("topics.answerLabel")}
                    action={t("topics.answer")}
                    sent={t("topics.done")}
                    send={async (text) => {
                      await topicsApi.answer(props.topic.id, o.id, text);
                      setAnswers({ ...answers(), [o.id]: text });
                      await props.onChange();
                    }}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
        <More list={objections} label={t("topics.moreObjections")} />
        <Show when={props.kind === "notice" && !props.topic.objected}>
          <TextForm
            label={t("topics.objectionLabel")}
            action={t("topics.object")}
            sent={t("topics.objectionSent")}
            send={async (text) => {
              await topicsApi.object(props.topic.id, text);
              setObjectedHere(objectedHere() + 1);
              await props.onChange();
            }}
          />
        </Show>
      </Show>
    </>
  );
}

function Links(props: { topic: TopicData }) {
  const links = () => [
    ...props.topic.links.projects.map((p) => ({
      key: `p${p.id}`,
      href: p.path,
      text: t("common.aside", { text: p.title, note: t(`projects.status.${p.status}`) }),
    })),
    ...props.topic.links.requests.map((r) => ({
      key: `r${r.id}`,
      href: r.path,
      text: t("common.aside", { text: `#${r.id}`, note: t(`requestStatus.${r.status}`) }),
    })),
  ];
  return (
    <Show when={links().length > 0}>
      <h2>{t("topics.links")}</h2>
      <ul class="plain" aria-label={t("topics.links")}>
        <For each={links()}>
          {(l) => (
            <li>
              <A class="topic-link" href={l.href}>
                {l.text}
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
