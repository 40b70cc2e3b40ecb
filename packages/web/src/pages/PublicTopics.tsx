import { A, useParams } from "@solidjs/router";
import { For, Show, createSignal } from "solid-js";
import { publicationApi } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";
import { formatDay } from "../lib/time";
import { publicTopicPath } from "../lib/publication";

/** 议事公开 (no sign-in, phone first): the community's topics from deliberation on, newest first, each with where it stands. */
export default function PublicTopics() {
  const params = useParams<{ id: string }>();
  const [community, setCommunity] = createSignal("");
  const list = createPagedList(
    () => Number(params.id),
    async (communityId: number, cursor?: string) => {
      const page = await publicationApi.topics(communityId, cursor);
      setCommunity(page.community.name);
      return page;
    },
  );
  return (
    <section>
      <h1>
        {community() ? `${community()} · ` : ""}
        {t("publication.title")}
      </h1>
      <p class="muted">{t("publication.intro")}</p>
      <Show when={list.error()}>
        <p class="form-error" role="alert">
          {errorText(list.error())}
        </p>
      </Show>
      <Show when={list.loaded() && list.items().length === 0}>
        <p class="muted">{t("publication.none")}</p>
      </Show>
      <ul class="plain">
        <For each={list.items()}>
          {(topic) => (
            <li class="card" data-testid="public-topic">
              <h2>{topic.title}</h2>
              <p>
                <span class="badge">{t(`deliberation.topicStatus.${topic.status}`)}</span>
                <Show when={topic.currentStep}>
                  {(step) => <span> {t("publication.at", { step: t(`deliberation.steps.${step()}`) })}</span>}
                </Show>
              </p>
              <p class="muted">
                {t("publication.proposedOn", { date: formatDay(topic.proposedAt) })}
                <Show when={topic.building}>{(b) => ` · ${t("publication.building", { building: b() })}`}</Show>
              </p>
              <A class="button" href={publicTopicPath(params.id, topic.id)}>
                {t("publication.open")}
              </A>
            </li>
          )}
        </For>
      </ul>
      <Show when={list.hasMore()}>
        <button type="button" onClick={() => void list.loadMore()}>
          {t("publication.more")}
        </button>
      </Show>
    </section>
  );
}
