import { A, useParams, useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { STEP_KEYS, TOPIC_STATUSES, type StepKey, type TopicStatus } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { api, topicsApi, type TopicItem } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { smallPhoto } from "../lib/photo";
import { buildingLabel } from "../lib/places";
import { communitiesWith, hasRole } from "../lib/session";
import { formatDay, lastDayOf } from "../lib/time";
import { zhDesk } from "../i18n/zh-desk";

addPageTexts(zhPages);
addPageTexts(zhDesk);

/** The propose form, phone first: title, what is the matter, photos (shrunk in the browser), the building if any. */
function ProposeForm(props: { communityId: number; onDone: () => unknown }) {
  const form = createForm();
  const [buildings] = createResource(
    () => props.communityId,
    (id) => api.buildings(id),
  );
  const [sent, setSent] = createSignal(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const files = Array.from((el.elements.namedItem("photos") as HTMLInputElement).files ?? []);
    const done = await form.submit(async () => {
      const photos = await Promise.all(files.map(smallPhoto));
      await topicsApi.propose(props.communityId, {
        title: v.title ?? "",
        description: v.description ?? "",
        ...(photos.length ? { photos } : {}),
        ...(v.buildingId ? { buildingId: Number(v.buildingId) } : {}),
      });
    });
    if (!done) return;
    el.reset();
    setSent(true);
    await props.onDone();
  };
  return (
    <details class="card">
      <summary>{t("topics.propose")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("topics.propose")}>
        <Field label={t("topics.titleLabel")} name="title" maxLength={80} required error={form.error("title")} />
        <div class="field">
          <label for="topic-description">{t("topics.description")}</label>
          <textarea id="topic-description" name="description" rows={4} maxLength={2000} required />
          <Show when={form.error("description")}>
            <small class="field-error" role="alert">
              {form.error("description")}
            </small>
          </Show>
        </div>
        <div class="field">
          <label for="topic-photos">{t("topics.photos")}</label>
          <input id="topic-photos" name="photos" type="file" accept="image/*" multiple />
        </div>
        <SelectField label={t("topics.building")} name="buildingId" error={form.error("buildingId")}>
          <option value="">{t("topics.anyBuilding")}</option>
          <For each={buildings()}>{(b) => <option value={b.id}>{buildingLabel(b)}</option>}</For>
        </SelectField>
        <FormError message={form.formError()} />
        <Show when={sent()}>
          <p class="notice" role="status">
            {t("topics.proposed")}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("topics.propose")}
        </button>
      </form>
    </details>
  );
}

function TopicCard(props: { topic: TopicItem }) {
  return (
    <li class="card" data-testid="topic">
      <h2>
        <A class="topic-link" href={`/topics/${props.topic.id}`}>
          {props.topic.title}
        </A>
      </h2>
      <div class="row">
        <span class="badge">{t(`deliberation.topicStatus.${props.topic.status}`)}</span>
        <Show when={props.topic.currentStep}>
          {(step) => (
            <span>{t("topics.current", { step: t(`deliberation.steps.${step() as StepKey}`) as string })}</span>
          )}
        </Show>
        <span>{t("topics.supports", { n: props.topic.supportCount })}</span>
        <Show when={props.topic.stepDueAt}>
          {(due) => <span class="muted">{t("topics.due", { date: formatDay(lastDayOf(due())) })}</span>}
        </Show>
      </div>
    </li>
  );
}

const isStatus = (value: string | undefined): value is TopicStatus =>
  (TOPIC_STATUSES as readonly string[]).includes(value ?? "");
const isStep = (value: string | undefined): value is StepKey => (STEP_KEYS as readonly string[]).includes(value ?? "");

/**
 * 社区议题: a community's topics, newest first, by status; staff also by the step they stand at (their desk).
 * Both filters live in the address, so a reload or a shared link keeps them.
 */
export default function Topics() {
  const params = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams<{ status?: string; step?: string }>();
  const communityId = () => Number(params.id);
  const staff = () =>
    hasRole("streetAdmin") || communitiesWith("communityStaff", "committeeMember").includes(communityId());
  const filter = () => ({
    ...(isStatus(search.status) ? { status: search.status } : {}),
    ...(staff() && isStep(search.step) ? { step: search.step } : {}),
  });
  const [more, setMore] = createSignal<TopicItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [page, { refetch }] = createResource(
    () => ({ id: communityId(), ...filter() }),
    ({ id, ...query }) => (setMore([]), setCursor(null), topicsApi.list(id, query)),
  );
  const next = () => cursor() ?? page()?.nextCursor ?? null;
  const loadMore = async () => {
    const from = next();
    if (!from) return;
    const res = await topicsApi.list(communityId(), { ...filter(), cursor: from });
    setMore([...more(), ...res.items]);
    setCursor(res.nextCursor ?? "");
  };
  return (
    <section>
      <h1>{t("topics.title")}</h1>
      <Show when={communitiesWith("communityStaff").includes(communityId())}>
        <p>
          <A class="button" href={`/communities/${communityId()}/deliberation-settings`}>
            {t("deliberationSettings.link")}
          </A>
        </p>
      </Show>
      <ProposeForm communityId={communityId()} onDone={() => (setCursor(null), refetch())} />
      <SelectField
        label={t("topics.filter")}
        name="status"
        onChange={(e) => setSearch({ status: e.currentTarget.value || undefined })}
      >
        <option value="">{t("topics.all")}</option>
        <For each={TOPIC_STATUSES}>
          {(s) => (
            <option value={s} selected={search.status === s}>
              {t(`deliberation.topicStatus.${s}`)}
            </option>
          )}
        </For>
      </SelectField>
      <Show when={staff()}>
        <SelectField
          label={t("topicDesk.byStep")}
          name="step"
          onChange={(e) => setSearch({ step: e.currentTarget.value || undefined })}
        >
          <option value="">{t("topicDesk.anyStep")}</option>
          <For each={STEP_KEYS}>
            {(key) => (
              <option value={key} selected={search.step === key}>
                {t(`deliberation.steps.${key}`)}
              </option>
            )}
          </For>
        </SelectField>
      </Show>
      {/* A failed load throws on reading the page: PageBoundary shows its error state. */}
      <ul class="plain" aria-label={t("topics.title")}>
        <For each={[...(page()?.items ?? []), ...more()]} fallback={<li class="muted">{t("topics.none")}</li>}>
          {(topic) => <TopicCard topic={topic} />}
        </For>
      </ul>
      <Show when={next()}>
        <button type="button" onClick={() => void loadMore()}>
          {t("topics.more")}
        </button>
      </Show>
    </section>
  );
}
