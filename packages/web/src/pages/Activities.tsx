import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { ACTIVITY_CATEGORIES } from "@tongxin/core";
import { api, booksApi, volunteering, type ActivityItem } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { errorText, t } from "../lib/i18n";
import { hasRole, me } from "../lib/session";
import { formatTime, shanghaiIso } from "../lib/time";

function ActivityCard(props: { item: ActivityItem }) {
  return (
    <li class="card activity-card">
      <A href={`/activities/${props.item.id}`} class="card-link">
        <h3>{props.item.title}</h3>
      </A>
      <p class="muted">
        {formatTime(props.item.nextStart)} · {props.item.place}
        <Show when={props.item.teamName}> · {props.item.teamName}</Show>
      </p>
      <div class="row">
        <span class="badge">{t(`categories.${props.item.category}`)}</span>
        <span class={props.item.placesLeft > 0 ? "badge ok" : "badge muted"}>
          {props.item.placesLeft > 0 ? t("activities.placesLeft", { n: props.item.placesLeft }) : t("activities.full")}
        </span>
        <For each={props.item.suitability?.reasons ?? []}>
          {(reason) => <span class="chip">{t(`reasons.${reason}`)}</span>}
        </For>
      </div>
    </li>
  );
}

/** Upcoming activities, "suitable for me" first, filtered by date, community, category and skill. */
export default function Activities() {
  const [params, setParams] = useSearchParams<{
    community?: string;
    from?: string;
    category?: string;
    skill?: string;
  }>();
  const [communities] = createResource(api.communities);
  const [skills] = createResource(volunteering.skills);
  const communityId = createMemo(
    () => Number(params.community) || me()?.user.communityId || communities()?.[0]?.id || 0,
  );
  const query = () =>
    communityId()
      ? {
          communityId: communityId(),
          from: params.from ? shanghaiIso(params.from, "00:00") : undefined,
          category: params.category,
          skillId: params.skill ? Number(params.skill) : undefined,
        }
      : false;
  const [extra, setExtra] = createSignal<ActivityItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [page] = createResource(query, async (q) => {
    const first = await volunteering.activities(q);
    setExtra([]);
    setCursor(first.nextCursor);
    return first.items;
  });
  const items = () => [...(page() ?? []), ...extra()];
  const suitable = () =>
    items()
      .filter((i) => (i.suitability?.score ?? 0) >= 2)
      .sort((a, b) => (b.suitability?.score ?? 0) - (a.suitability?.score ?? 0));
  const others = () => items().filter((i) => !suitable().includes(i));
  const loadMore = async () => {
    const q = query();
    const from = cursor();
    if (!q || !from) return;
    const next = await volunteering.activities({ ...q, cursor: from });
    setExtra([...extra(), ...next.items]);
    setCursor(next.nextCursor);
  };
  return (
    <section>
      <div class="row spread">
        <h1>{t("activities.title")}</h1>
        <Show when={hasRole("teamLeader", "communityStaff", "streetAdmin")}>
          <A class="button" href={`/activities/new?community=${communityId()}`}>
            {t("volunteerNav.newActivity")}
          </A>
        </Show>
      </div>
      <div class="toolbar">
        <label>
          <span>{t("structure.community")}</span>
          <select value={communityId()} onChange={(e) => setParams({ community: e.currentTarget.value })}>
            <For each={communities()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("activities.filterFrom")}</span>
          <input
            type="date"
            value={params.from ?? ""}
            onChange={(e) => setParams({ from: e.currentTarget.value || undefined })}
          />
        </label>
        <label>
          <span>{t("activities.filterCategory")}</span>
          <select
            value={params.category ?? ""}
            onChange={(e) => setParams({ category: e.currentTarget.value || undefined })}
          >
            <option value="">{t("activities.all")}</option>
            <For each={ACTIVITY_CATEGORIES}>{(c) => <option value={c}>{t(`categories.${c}`)}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("activities.filterSkill")}</span>
          <select value={params.skill ?? ""} onChange={(e) => setParams({ skill: e.currentTarget.value || undefined })}>
            <option value="">{t("activities.all")}</option>
            <For each={skills()?.items}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={hasRole("communityStaff", "streetAdmin")}>
        <BookLinks
          href={(format, lang) =>
            booksApi.activities(
              communityId(),
              { from: params.from ? shanghaiIso(params.from, "00:00") : undefined },
              format,
              lang,
            )
          }
        />
      </Show>
      <Show when={page.error}>
        <p class="form-error">{errorText(page.error)}</p>
      </Show>
      <Show when={suitable().length > 0}>
        <h2>{t("activities.suitable")}</h2>
        <ul class="plain" aria-label={t("activities.suitable")}>
          <For each={suitable()}>{(item) => <ActivityCard item={item} />}</For>
        </ul>
        <h2>{t("activities.others")}</h2>
      </Show>
      <ul class="plain" aria-label={t("activities.title")}>
        <For
          each={others()}
          fallback={<li class="muted">{page.loading ? t("common.loading") : t("activities.none")}</li>}
        >
          {(item) => <ActivityCard item={item} />}
        </For>
      </ul>
      <Show when={cursor()}>
        <button type="button" onClick={loadMore}>
          {t("activities.more")}
        </button>
      </Show>
    </section>
  );
}
