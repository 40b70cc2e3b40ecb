import { For, Show } from "solid-js";
import { commitmentsApi, type PublicCommitment } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";

/** Who committed, as the public reads it: the branch by its community's name, a member or a unit as answered. */
export const committerText = (c: Pick<PublicCommitment, "committerKind" | "committer">) =>
  c.committerKind === "branch" ? (t("commitments.branchOf", { community: c.committer }) as string) : c.committer;

/** A commitment's state, and when open whether it is due soon or overdue, as one badge. */
export function CommitmentBadge(props: { item: Pick<PublicCommitment, "state" | "due"> }) {
  const late = () => props.item.state === "open" && props.item.due !== null;
  return (
    <span class={late() ? "badge danger-badge" : "badge"}>
      {props.item.due === "overdue" && props.item.state === "open"
        ? t("commitments.overdue")
        : props.item.due === "dueSoon" && props.item.state === "open"
          ? t("commitments.dueSoon")
          : t(`commitments.states.${props.item.state}`)}
    </span>
  );
}

/** 承诺践诺 on the community's public page (no sign-in): what, by whom, by when, and how it ended. */
export function PublicCommitments(props: { communityId: number }) {
  const list = createPagedList(
    () => props.communityId,
    (communityId, cursor) => commitmentsApi.publicList(communityId, cursor),
  );
  return (
    <section aria-labelledby="public-commitments">
      <h2 id="public-commitments">{t("commitments.publicTitle")}</h2>
      <Show when={list.error()}>
        <p class="form-error" role="alert">
          {errorText(list.error())}
        </p>
      </Show>
      <ul class="plain" aria-label={t("commitments.publicTitle")}>
        <For
          each={list.items()}
          fallback={<Show when={list.loaded()}>{<li class="muted">{t("commitments.publicNone")}</li>}</Show>}
        >
          {(c) => (
            <li class="card">
              <p>
                <strong>{c.what}</strong>
              </p>
              <div class="row">
                <CommitmentBadge item={c} />
                <span>{t("common.labelled", { label: t("commitments.by"), value: committerText(c) })}</span>
                <span class="muted">{t("commitments.due", { date: c.dueOn })}</span>
              </div>
              <Show when={c.outcomeReason}>
                {(reason) => (
                  <p class="muted">{t("common.labelled", { label: t("commitments.reason"), value: reason() })}</p>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={list.hasMore()}>
        <button type="button" onClick={() => list.loadMore()}>
          {t("commitments.more")}
        </button>
      </Show>
    </section>
  );
}
