import { useParams } from "@solidjs/router";
import { For, Show, createSignal } from "solid-js";
import { CAMPAIGN_KINDS, CAMPAIGN_TITLE_CHARS_MAX, type CampaignKind } from "@tongxin/core";
import { CategoryChecks } from "../components/Care";
import { careCategoryName } from "../lib/care-categories";
import { Field, FormError, SelectField } from "../components/Field";
import { LoadError } from "../components/LoadError";
import { zhCare } from "../i18n/zh-care";
import { careApi, type CareCampaign } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";
import { listText } from "../lib/punctuation";
import { communitiesWith, hasRole } from "../lib/session";
import { todayInShanghai } from "../lib/time";

addPageTexts(zhCare);

function StartCampaign(props: { communityId: number; onDone: () => unknown }) {
  const form = createForm();
  const [started, setStarted] = createSignal(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const body = {
      kind: v.kind as CampaignKind,
      title: v.title ?? "",
      categories: new FormData(el).getAll("categories").map(String),
      startsOn: v.startsOn ?? "",
      endsOn: v.endsOn ?? "",
    };
    setStarted(false);
    if (await form.submit(async () => void (await careApi.startCampaign(props.communityId, body)))) {
      el.reset();
      setStarted(true);
      await props.onDone();
    }
  };
  return (
    <details class="card">
      <summary>{t("care.campaigns.start")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("care.campaigns.start")}>
        <SelectField label={t("care.campaigns.kind")} name="kind">
          <For each={CAMPAIGN_KINDS}>{(k) => <option value={k}>{t(`care.campaignKind.${k}`)}</option>}</For>
        </SelectField>
        <Field
          label={t("care.campaigns.name")}
          name="title"
          maxLength={CAMPAIGN_TITLE_CHARS_MAX}
          error={form.error("title")}
        />
        <CategoryChecks
          legend={t("care.campaigns.categories")}
          communityId={props.communityId}
          error={form.error("categories")}
        />
        <Field
          label={t("care.campaigns.startsOn")}
          name="startsOn"
          type="date"
          value={todayInShanghai()}
          error={form.error("startsOn")}
        />
        <Field label={t("care.campaigns.endsOn")} name="endsOn" type="date" error={form.error("endsOn")} />
        <FormError message={form.formError()} />
        <Show when={started()}>
          <p class="status" role="status">
            {t("care.campaigns.started")}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("care.campaigns.start")}
        </button>
      </form>
    </details>
  );
}

function CampaignItem(props: { campaign: CareCampaign }) {
  const c = () => props.campaign;
  return (
    <li class="card" data-testid="care-campaign">
      <h2>
        {t(`care.campaignKind.${c().kind}`)} · {c().title}
      </h2>
      <div class="row">
        <span class={c().running ? "badge ok" : "badge muted"}>
          {c().running ? t("care.campaigns.running") : t("care.campaigns.notRunning")}
        </span>
        <span>{t("care.campaigns.span", { from: c().startsOn, to: c().endsOn })}</span>
      </div>
      <p class="muted">{listText(c().categories.map(careCategoryName))}</p>
      <p>
        <strong>{t("care.campaigns.progress", c().progress)}</strong>
      </p>
    </li>
  );
}

/** 五送: the community's campaigns with their progress; its staff start new ones here. */
export default function CareCampaigns() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  const [version, setVersion] = createSignal(0);
  const list = createPagedList(
    () => ({ communityId: communityId(), version: version() }),
    (s, cursor) => careApi.campaigns(s.communityId, cursor),
  );
  const staff = () => hasRole("streetAdmin") || communitiesWith("communityStaff").includes(communityId());
  return (
    <section class="narrow wide">
      <h1>{t("care.campaigns.title")}</h1>
      <Show when={staff()}>
        <StartCampaign communityId={communityId()} onDone={() => setVersion(version() + 1)} />
      </Show>
      <Show
        when={!list.error()}
        fallback={<LoadError error={list.error()} onRetry={() => setVersion(version() + 1)} />}
      >
        <ul class="plain" aria-label={t("care.campaigns.title")}>
          <For each={list.items()} fallback={<li class="muted">{t("care.campaigns.none")}</li>}>
            {(c) => <CampaignItem campaign={c} />}
          </For>
        </ul>
      </Show>
      <Show when={list.hasMore()}>
        <button type="button" onClick={() => void list.loadMore()}>
          {t("care.campaigns.more")}
        </button>
      </Show>
    </section>
  );
}
