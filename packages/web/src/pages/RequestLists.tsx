import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { REQUEST_CATEGORY_CODES, REQUEST_STATUSES, type RequestCategory } from "@tongxin/core";
import { api, booksApi, requestsApi } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { communitiesWith, hasRole, me } from "../lib/session";
import { formatTime } from "../lib/time";

addPageTexts(zhPages);

type Summary = {
  id: number;
  kind: string;
  category: string;
  description: string;
  status: string;
  overdue: string | null;
  createdAt: string;
};

function RequestItem(props: { r: Summary; extra?: string; action?: { label: string; run: () => Promise<void> } }) {
  return (
    <li class="card request-item" data-request={props.r.id}>
      <A href={`/requests/${props.r.id}`} class="card-link">
        <strong>
          {t(`requestKinds.${props.r.kind as "wish"}`)} · {t(`requestCategories.${props.r.category as "other"}`)}
        </strong>
      </A>
      <p>{props.r.description}</p>
      <div class="row">
        <span class="badge">{t(`requestStatus.${props.r.status as "submitted"}`)}</span>
        <Show when={props.r.overdue}>
          {(o) => <span class="badge danger-badge">{t(`overdueKinds.${o() as "accept_overdue"}`)}</span>}
        </Show>
        <span class="muted small-text">{formatTime(props.r.createdAt)}</span>
        <Show when={props.extra}>
          <span class="chip">{props.extra}</span>
        </Show>
        <Show when={props.action}>
          {(a) => (
            <button type="button" class="small" onClick={() => void a().run()}>
              {a().label}
            </button>
          )}
        </Show>
      </div>
    </li>
  );
}

export function MyRequests() {
  const [list] = createResource(requestsApi.mine);
  return (
    <section>
      <div class="row spread">
        <h1>{t("requests.mine")}</h1>
        <A class="button" href="/requests/new">
          {t("requestNav.post")}
        </A>
      </div>
      <ul class="plain">
        <For each={list()?.items} fallback={<li class="muted">{t("requests.none")}</li>}>
          {(r) => <RequestItem r={r} />}
        </For>
      </ul>
    </section>
  );
}

/** Open requests near a volunteer that fit their skills; one tap to claim. */
export function Feed() {
  const [feed, { refetch }] = createResource(requestsApi.feed);
  const [status, setStatus] = createSignal("");
  const [claimed, setClaimed] = createSignal(false);
  const claim = async (id: number) => {
    try {
      await requestsApi.claim(id);
      setStatus(t("movesDone.claim"));
      setClaimed(true);
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <h1>{t("requests.feed")}</h1>
      <p class="status" role="status">
        {status()}
      </p>
      <Show when={claimed()}>
        <A class="button" href="/tasks">
          {t("tasks.title")}
        </A>
      </Show>
      <Show when={feed.error}>
        <p class="form-error">{errorText(feed.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("requests.feed")}>
        <For each={feed()?.items} fallback={<li class="muted">{t("requests.noFeed")}</li>}>
          {(r) => (
            <RequestItem
              r={r}
              extra={`${r.ownerName} · ${t(`requests.near.${r.near}`)}`}
              action={{ label: t("moves.claim"), run: () => claim(r.id) }}
            />
          )}
        </For>
      </ul>
    </section>
  );
}

/** 需求清单 for grid workers and staff: their grid's queue, filtered, with the overdue list (预警). */
export function Queue() {
  const [params, setParams] = useSearchParams<{
    community?: string;
    status?: string;
    category?: string;
    overdue?: string;
  }>();
  const [communities] = createResource(api.communities);
  const choices = createMemo(() =>
    (communities() ?? []).filter(
      (c) => hasRole("streetAdmin") || communitiesWith("communityStaff", "gridWorker").includes(c.id),
    ),
  );
  const communityId = createMemo(() => Number(params.community) || choices()[0]?.id || 0);
  const isCommunityLevel = () => hasRole("streetAdmin") || communitiesWith("communityStaff").includes(communityId());
  const gridId = () =>
    isCommunityLevel()
      ? undefined
      : me()?.roles.find((r) => r.role === "gridWorker" && r.communityId === communityId())?.scopeId;
  const query = () =>
    communityId()
      ? {
          communityId: communityId(),
          gridId: gridId(),
          status: params.status as (typeof REQUEST_STATUSES)[number] | undefined,
          category: params.category as RequestCategory | undefined,
          overdue: params.overdue === "1",
        }
      : false;
  const [list] = createResource(query, requestsApi.list);
  return (
    <section>
      <div class="row spread">
        <h1>{t("requests.queue")}</h1>
        <A class="button" href="/requests/new">
          {t("requestNav.post")}
        </A>
      </div>
      <div class="toolbar">
        <label>
          <span>{t("structure.community")}</span>
          <select value={communityId()} onChange={(e) => setParams({ community: e.currentTarget.value })}>
            <For each={choices()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("requests.statusFilter")}</span>
          <select
            value={params.status ?? ""}
            onChange={(e) => setParams({ status: e.currentTarget.value || undefined })}
          >
            <option value="">{t("activities.all")}</option>
            <For each={REQUEST_STATUSES}>{(s) => <option value={s}>{t(`requestStatus.${s}`)}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("activities.filterCategory")}</span>
          <select
            value={params.category ?? ""}
            onChange={(e) => setParams({ category: e.currentTarget.value || undefined })}
          >
            <option value="">{t("activities.all")}</option>
            <For each={REQUEST_CATEGORY_CODES}>{(c) => <option value={c}>{t(`requestCategories.${c}`)}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={params.overdue === "1"}
            onChange={(e) => setParams({ overdue: e.currentTarget.checked ? "1" : undefined })}
          />
          <span>{t("requests.overdueOnly")}</span>
        </label>
      </div>
      <Show when={query()}>
        {(q) => (
          <BookLinks
            href={(format, lang) =>
              booksApi.requests(
                {
                  communityId: String(q().communityId),
                  gridId: q().gridId?.toString(),
                  status: q().status,
                  category: q().category,
                  overdue: q().overdue ? "1" : undefined,
                },
                format,
                lang,
              )
            }
          />
        )}
      </Show>
      <Show when={list.error}>
        <p class="form-error">{errorText(list.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("requests.queue")}>
        <For each={list()?.items} fallback={<li class="muted">{t("requests.none")}</li>}>
          {(r) => <RequestItem r={r} />}
        </For>
      </ul>
    </section>
  );
}
