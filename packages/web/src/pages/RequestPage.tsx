import { A, useLocation, useParams, useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { requestsApi, type RequestPage as Page } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { formatTime } from "../lib/time";

type Move = () => Promise<unknown>;
type DoneMove =
  | "accept"
  | "claim"
  | "acceptAssignment"
  | "declineAssignment"
  | "start"
  | "complete"
  | "release"
  | "cancel";
/** Only staff post for a resident; "staff" is an old post whose role was not kept. */
type PostedBy = "gridWorker" | "communityStaff" | "streetAdmin" | "staff";

/** A request's page: what was asked, who holds it, its timeline, and the moves this person may make now. */
export default function RequestPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ new?: string }>();
  const requestId = () => Number(params.id);
  const [request, { refetch }] = createResource(requestId, requestsApi.get);
  const [status, setStatus] = createSignal(search.new ? t("requests.submitted") : "");
  const [rating, setRating] = createSignal(5);
  let comment!: HTMLInputElement;
  const run = async (label: string, move: Move) => {
    try {
      await move();
      setStatus(label);
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const withReason = (action: "reject" | "escalate" | "reopen") => {
    const reason = window.prompt(t("requests.reason"))?.trim();
    if (reason) void run(t(`movesDone.${action}`), () => requestsApi.withReason(requestId(), action, reason));
  };
  const location = useLocation();
  // A message prompting the resident to confirm links here with #confirm: the form is brought into view once it shows.
  const toConfirm = (form: HTMLFormElement) => {
    if (location.hash === "#confirm") requestAnimationFrame(() => form.scrollIntoView({ block: "center" }));
  };
  const is = (r: Page, role: string) => r.myRoles.includes(role as never);
  // The API says which moves this person may make now; the rules live in core.
  const can = (r: Page, move: string) => r.moves.includes(move as never);
  // The button names the move; what shows after it says, in a sentence, what happened.
  const button = (action: DoneMove, move: Move, danger = false) => (
    <button type="button" classList={{ danger }} onClick={() => run(t(`movesDone.${action}`), move)}>
      {t(`moves.${action}`)}
    </button>
  );
  return (
    <section>
      <Show when={request.error}>
        <p class="form-error">{errorText(request.error)}</p>
      </Show>
      <Show when={request()}>
        {(r) => (
          <>
            <h1>
              {t(`requestKinds.${r().kind}`)} · {t(`requestCategories.${r().category as "other"}`)}
            </h1>
            <div class="row">
              <span class="badge" data-testid="request-status">
                {t(`requestStatus.${r().status}`)}
              </span>
              <Show when={r().closure}>{(c) => <span class="badge ok">{t(`closure.${c()}`)}</span>}</Show>
              <Show when={r().level !== "grid"}>
                <span class="badge">{t(`levels.${r().level}`)}</span>
              </Show>
              <Show when={r().overdue}>
                {(o) => <span class="badge danger-badge">{t(`overdueKinds.${o()}`)}</span>}
              </Show>
              <Show when={r().proxyRole}>
                {(role) => <span class="badge muted">{t(`requests.postedBy.${role() as PostedBy}`)}</span>}
              </Show>
            </div>
            <p class="big-text">{r().description}</p>
            <Show when={r().topicId}>
              {(topicId) => (
                <A class="button" href={`/topics/${topicId()}`}>
                  {t("topics.raisedAs")}
                </A>
              )}
            </Show>
            <dl class="facts">
              <dt>{t("requests.owner")}</dt>
              <dd>
                {r().owner.name}
                <Show when={r().owner.phone}>
                  {" · "}
                  <a href={`tel:${r().owner.phone}`}>{r().owner.phone}</a>
                </Show>
              </dd>
              <Show when={r().owner.address}>
                <dt>{t("requests.address")}</dt>
                <dd>
                  {r().owner.address}
                  <Show
                    when={r().owner.door}
                    fallback={
                      <Show when={is(r(), "holder")}>
                        <div class="muted small-text">{t("requests.buildingOnly")}</div>
                      </Show>
                    }
                  >
                    {" "}
                    {r().owner.door}
                  </Show>
                </dd>
              </Show>
              <Show when={r().holderName}>
                <dt>{t("requests.holder")}</dt>
                <dd>{r().holderName}</dd>
              </Show>
              <Show when={r().rating}>
                <dt>{t("requests.rating")}</dt>
                <dd aria-label={t("requests.stars", { n: r().rating ?? 0 })}>
                  {"★".repeat(r().rating ?? 0)} {r().ratingComment}
                </dd>
              </Show>
            </dl>
            <p class="status" role="status" aria-live="polite">
              {status()}
            </p>
            <div class="actions">
              <Show when={can(r(), "accept")}>{button("accept", () => requestsApi.move(requestId(), "accept"))}</Show>
              <Show when={can(r(), "assign")}>
                <A class="button" href={`/requests/${r().id}/matches`}>
                  {t("moves.assign")}
                </A>
              </Show>
              <Show when={can(r(), "escalate")}>
                <button type="button" onClick={() => withReason("escalate")}>
                  {t("moves.escalate")}
                </button>
              </Show>
              <Show when={can(r(), "reject")}>
                <button type="button" class="danger" onClick={() => withReason("reject")}>
                  {t("moves.reject")}
                </button>
              </Show>
              <Show when={can(r(), "claim") && !is(r(), "owner")}>
                {button("claim", () => requestsApi.claim(requestId()))}
              </Show>
              <Show when={can(r(), "acceptAssignment")}>
                {button("acceptAssignment", () => requestsApi.respond(requestId(), true))}
              </Show>
              <Show when={can(r(), "declineAssignment")}>
                {button("declineAssignment", () => requestsApi.respond(requestId(), false), true)}
              </Show>
              <Show when={can(r(), "start")}>{button("start", () => requestsApi.move(requestId(), "start"))}</Show>
              <Show when={can(r(), "complete")}>
                {button("complete", () => requestsApi.move(requestId(), "complete"))}
              </Show>
              <Show when={can(r(), "release")}>{button("release", () => requestsApi.release(requestId()), true)}</Show>
              <Show when={can(r(), "cancel")}>
                {button("cancel", () => requestsApi.move(requestId(), "cancel"), true)}
              </Show>
              <Show when={can(r(), "reopen")}>
                <button type="button" onClick={() => withReason("reopen")}>
                  {t("moves.reopen")}
                </button>
              </Show>
            </div>
            <Show when={r().becomeVolunteer}>
              <p class="muted" data-testid="become-volunteer">
                {t("requests.becomeVolunteer")} <A href="/me/volunteer">{t("volunteerNav.profile")}</A>
              </p>
            </Show>
            <Show when={can(r(), "confirm")}>
              <form
                id="confirm"
                ref={toConfirm}
                class="card"
                aria-label={t("moves.confirm")}
                onSubmit={(e) => (
                  e.preventDefault(),
                  void run(t("movesDone.confirm"), () =>
                    requestsApi.confirm(requestId(), rating(), comment.value.trim()),
                  )
                )}
              >
                <div class="stars-input" role="radiogroup" aria-label={t("requests.rating")}>
                  <For each={[1, 2, 3, 4, 5]}>
                    {(n) => (
                      <button
                        type="button"
                        role="radio"
                        aria-checked={rating() === n}
                        aria-label={t("requests.stars", { n })}
                        class="star"
                        classList={{ on: n <= rating() }}
                        onClick={() => setRating(n)}
                      >
                        ★
                      </button>
                    )}
                  </For>
                </div>
                <label class="field">
                  <span>{t("requests.comment")}</span>
                  <input ref={comment} maxLength={300} />
                </label>
                <button type="submit" class="primary">
                  {t("moves.confirm")}
                </button>
              </form>
            </Show>
            <h2>{t("requests.timeline")}</h2>
            <ol class="timeline" aria-label={t("requests.timeline")}>
              <For each={r().timeline}>
                {(e) => (
                  <li>
                    <strong>{t(`moves.${e.action as "create"}`)}</strong> <span class="muted">{formatTime(e.at)}</span>
                    <Show when={e.actorName}> · {e.actorName}</Show>
                    <Show when={e.proxyRole}>
                      {(role) => <div class="muted small-text">{t(`requests.postedBy.${role() as PostedBy}`)}</div>}
                    </Show>
                    <Show when={e.note}>
                      <div class="muted small-text">{e.note}</div>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </section>
  );
}
