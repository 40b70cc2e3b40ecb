import { useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { requestsApi } from "../lib/api";
import { PublicCommitments } from "../components/PublicCommitments";
import { errorText, t } from "../lib/i18n";
import { colonText } from "../lib/colon";
import { formatTime } from "../lib/time";
import { must } from "@tongxin/core";
import { PublicTopicsLink } from "../components/PublicTopicsLink";

/** The public board (公示), no sign-in: how the community answers its residents. */
export default function Board() {
  const params = useParams<{ id: string }>();
  const [board] = createResource(() => Number(params.id), requestsApi.board);
  return (
    <section>
      <Show when={board.error}>
        <p class="form-error">{errorText(board.error)}</p>
      </Show>
      <Show when={board()}>
        {(b) => (
          <>
            <h1>
              {b().community} · {t("board.title")}
            </h1>
            <div class="cards">
              <div class="card">
                <h2>{t("board.counts")}</h2>
                <ul class="plain" aria-label={t("board.counts")}>
                  <For each={Object.entries(b().counts)}>
                    {([status, n]) => (
                      <li data-status={status}>
                        {t(`requestStatus.${status as "closed"}`)}
                        {colonText()}
                        <strong>{n}</strong>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
              <div class="card">
                <p>
                  {b().medianHoursToAccept === null
                    ? t("board.noData")
                    : t("board.accept", { n: must(b().medianHoursToAccept) })}
                </p>
                <p>
                  {b().medianHoursToClose === null
                    ? t("board.noData")
                    : t("board.close", { n: must(b().medianHoursToClose) })}
                </p>
                <p>
                  {b().confirmedShare === null
                    ? t("board.noData")
                    : t("board.confirmed", { n: Math.round(must(b().confirmedShare) * 100) })}
                </p>
                <p>
                  {b().averageRating === null ? t("board.noData") : t("board.rating", { n: must(b().averageRating) })}
                </p>
              </div>
            </div>
            <PublicTopicsLink communityId={params.id} />
            <h2>{t("board.recent")}</h2>
            <ul class="plain">
              <For each={b().recentlyClosed} fallback={<li class="muted">{t("board.noData")}</li>}>
                {(r) => (
                  <li class="row">
                    <span>{r.owner}</span>
                    <span>
                      {t(`requestKinds.${r.kind}`)} · {t(`requestCategories.${r.category as "other"}`)}
                    </span>
                    <Show when={r.closure}>{(c) => <span class="badge">{t(`closure.${c()}`)}</span>}</Show>
                    <Show when={r.rating}>
                      <span>{"★".repeat(r.rating ?? 0)}</span>
                    </Show>
                    <span class="muted small-text">{formatTime(r.closedAt)}</span>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <PublicCommitments communityId={Number(params.id)} />
    </section>
  );
}
