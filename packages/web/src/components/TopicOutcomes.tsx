import { For, Show, createSignal, createUniqueId } from "solid-js";
import {
  endedUndone,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_CODES,
  TOPIC_LINK_KINDS,
  type RequestCategory,
  type TopicLinkKind,
} from "@tongxin/core";
import { Field, FormError, SelectField } from "./Field";
import { requestsApi, topicsApi, type Topic } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { milestonesOf } from "../lib/milestones";
import { createPagedList } from "../lib/paged";
import { zhDesk } from "../i18n/zh-desk";

addPageTexts(zhDesk);

const KINDS = ["issue", "service"] as const;
type Kind = (typeof KINDS)[number];

/** 立为项目: the decided topic becomes a project of the 项目清单 (its title unless another is given). */
function NewProject(props: { topic: Topic; onDone: () => unknown }) {
  const form = createForm();
  const milestonesId = `f-milestones-${createUniqueId()}`;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const json = {
      ...(v.title ? { title: v.title } : {}),
      description: v.description ?? "",
      milestones: milestonesOf(v.milestones ?? ""),
    };
    if (await form.submit(async () => void (await topicsApi.createProject(props.topic.id, json))))
      el.reset(), await props.onDone();
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("topics.toProject")}>
      <h3>{t("topics.toProject")}</h3>
      <Field label={t("topics.projectTitle")} name="title" maxLength={80} placeholder={props.topic.title} />
      <Field label={t("topics.description")} name="description" maxLength={1000} />
      <div class="field">
        <label for={milestonesId}>{t("projects.milestones")}</label>
        <textarea id={milestonesId} name="milestones" rows={3} placeholder="更换声控灯 6" />
        <Show when={form.error("milestones")}>
          <small class="field-error" role="alert">
            {form.error("milestones")}
          </small>
        </Show>
      </div>
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("topics.toProject")}
      </button>
    </form>
  );
}

/** 派发诉求: the decided topic becomes an issue or service request, posted for the resident who proposed it. */
function NewRequest(props: { topic: Topic; onDone: () => unknown }) {
  const form = createForm();
  const [kind, setKind] = createSignal<Kind>("issue");
  const categories = () =>
    REQUEST_CATEGORY_CODES.filter((code) => (REQUEST_CATEGORIES[code].kinds as readonly string[]).includes(kind()));
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const json = {
      kind: kind(),
      category: (v.category ?? "other") as RequestCategory,
      ...(v.description ? { description: v.description } : {}),
    };
    if (await form.submit(async () => void (await topicsApi.dispatchRequest(props.topic.id, json))))
      el.reset(), setKind("issue"), await props.onDone();
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("topics.toRequest")}>
      <h3>{t("topics.toRequest")}</h3>
      <SelectField label={t("topics.requestKind")} name="kind" onChange={(e) => setKind(e.currentTarget.value as Kind)}>
        <For each={KINDS}>{(k) => <option value={k}>{t(`requestKinds.${k}`)}</option>}</For>
      </SelectField>
      <SelectField label={t("topics.requestCategory")} name="category" error={form.error("category")}>
        <For each={categories()}>{(c) => <option value={c}>{t(`requestCategories.${c}`)}</option>}</For>
      </SelectField>
      <Field
        label={t("topics.requestDescription")}
        name="description"
        maxLength={1000}
        hint={t("topics.requestHint")}
        error={form.error("description")}
      />
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("topics.toRequest")}
      </button>
    </form>
  );
}

type Choice = { id: number; label: string; ended: boolean };
const DESCRIPTION_SHOWN_MAX = 20;

/** The community's projects (the 项目清单 answers its newest 100 at once) or its requests, a page at a time. */
async function choicesOf(communityId: number, kind: TopicLinkKind, cursor?: string) {
  if (kind === "project") {
    const { items } = await requestsApi.projects(communityId);
    const choices = items.map((p) => ({
      id: p.id,
      label: t("common.aside", { text: p.title, note: t(`projects.status.${p.status}`) }),
      ended: endedUndone(p.status),
    }));
    return { items: choices, nextCursor: null };
  }
  const page = await requestsApi.list({ communityId, ...(cursor ? { cursor } : {}) });
  const choices = page.items.map((r) => ({
    id: r.id,
    label: t("common.aside", {
      text: `#${r.id} ${t(`requestCategories.${r.category as RequestCategory}`)} · ${r.description.slice(0, DESCRIPTION_SHOWN_MAX)}`,
      note: t(`requestStatus.${r.status}`),
    }),
    ended: endedUndone(r.status),
  }));
  return { items: choices, nextCursor: page.nextCursor };
}

/** 关联已有项目或诉求: the decided topic names a project or request of its community that carries it out. */
function LinkExisting(props: { topic: Topic; onDone: () => unknown }) {
  const form = createForm();
  const [kind, setKind] = createSignal<TopicLinkKind>("project");
  const choices = createPagedList(
    () => ({ communityId: props.topic.communityId, kind: kind() }),
    (s, cursor): Promise<{ items: Choice[]; nextCursor: string | null }> => choicesOf(s.communityId, s.kind, cursor),
  );
  // What is linked already, or ended undone, is not offered.
  const offered = () => {
    const linked = new Set(props.topic.links[kind() === "project" ? "projects" : "requests"].map((l) => l.id));
    return choices.items().filter((c) => !c.ended && !linked.has(c.id));
  };
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const target = Number(formValues(e.currentTarget as HTMLFormElement).target);
    const json = { kind: kind(), id: target };
    if (await form.submit(async () => void (await topicsApi.link(props.topic.id, json)))) await props.onDone();
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("topicDesk.linkExisting")}>
      <h3>{t("topicDesk.linkExisting")}</h3>
      <SelectField
        label={t("topicDesk.linkKind")}
        name="kind"
        onChange={(e) => setKind(e.currentTarget.value as TopicLinkKind)}
      >
        <For each={TOPIC_LINK_KINDS}>{(k) => <option value={k}>{t(`topicDesk.linkKinds.${k}`)}</option>}</For>
      </SelectField>
      <SelectField label={t(`topicDesk.linkTarget.${kind()}`)} name="target" error={form.error("id")}>
        <For each={offered()}>{(c) => <option value={c.id}>{c.label}</option>}</For>
      </SelectField>
      <FormError message={choices.error() ? errorText(choices.error()) : null} />
      <Show when={choices.hasMore()}>
        <button type="button" onClick={() => void choices.loadMore()}>
          {t("topics.more")}
        </button>
      </Show>
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy() || offered().length === 0}>
        {t("topicDesk.link")}
      </button>
    </form>
  );
}

/** Staff of a decided topic bring about its outcome; what they create shows in the topic's links with its status. */
export function TopicOutcomes(props: { topic: Topic; onDone: () => unknown }) {
  return (
    <section class="card" aria-label={t("topics.outcomes")}>
      <h2>{t("topics.outcomes")}</h2>
      <NewProject topic={props.topic} onDone={props.onDone} />
      <NewRequest topic={props.topic} onDone={props.onDone} />
      <LinkExisting topic={props.topic} onDone={props.onDone} />
    </section>
  );
}
