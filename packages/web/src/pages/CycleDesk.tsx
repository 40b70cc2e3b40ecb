import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { booksApi, ratingsApi, type Candidate, type CycleDesk as Desk } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { colonText } from "../lib/colon";
import { listText } from "../lib/punctuation";
import { formatDay, lastDayOf } from "../lib/time";
import { FormError } from "../components/Field";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

/** 评审台: the committee runs a cycle — candidates with evidence, scores per star, tally, decisions, objections, publication. */
export default function CycleDesk() {
  const params = useParams<{ id: string }>();
  const [desk, { refetch }] = createResource(() => Number(params.id), ratingsApi.desk);
  const form = createForm();
  const [moved, setMoved] = createSignal("");
  const move = (action: "open" | "closeNominations" | "startNotice" | "publish" | "cancel") =>
    form.submit(async () => {
      const done = await ratingsApi.move(Number(params.id), action);
      setMoved(t("ratingDesk.moved", { status: t(`ratings.status.${done.status}`) }));
      await refetch();
    });
  return (
    <section>
      <Show when={desk.error}>
        <p class="form-error">{errorText(desk.error)}</p>
      </Show>
      <Show when={desk()}>
        {(d) => (
          <>
            <h1>{d().cycle.title}</h1>
            <p class="row">
              <span class="badge" data-testid="cycle-status">
                {t(`ratings.status.${d().cycle.status}`)}
              </span>
              <span class="muted">{t(`ratings.rules.${d().cycle.decisionRule}`)}</span>
              <span class="muted">
                {t("common.labelled", {
                  label: t("ratingDesk.members"),
                  value: listText(d().members.map((m) => m.name)),
                })}
              </span>
            </p>
            <BookLinks href={(format, lang) => booksApi.ratings(d().cycle.id, format, lang)} />
            <div class="actions">
              <Show when={d().cycle.actions.find((action) => action !== "cancel")}>
                {(action) => (
                  <button type="button" class="primary" disabled={form.busy()} onClick={() => void move(action())}>
                    {t(`ratings.actions.${action()}`)}
                  </button>
                )}
              </Show>
              <Show when={d().cycle.status === "nominating"}>
                <A class="button" href={`/ratings/cycles/${d().cycle.id}/nominate`}>
                  {t("ratings.apply")}
                </A>
              </Show>
              <Show when={d().cycle.status === "notice"}>
                <A class="button" href={`/notices/${d().cycle.communityId}`}>
                  {t("ratings.notices")}
                </A>
              </Show>
            </div>
            <Show when={d().cycle.status === "reviewing" && !d().cycle.actions.includes("startNotice")}>
              <p class="muted" data-testid="notice-blocked">
                {t("ratingDesk.noticeBlocked")}
              </p>
            </Show>
            <FormError message={form.formError()} />
            <p class="notice" role="status">
              {moved()}
            </p>
            <h2>{t("ratingDesk.candidates")}</h2>
            <ul class="plain" aria-label={t("ratingDesk.candidates")}>
              <For each={d().candidates} fallback={<li class="muted">{t("ratings.none")}</li>}>
                {(c) => (
                  <CandidateCard desk={d()} candidate={c} onChange={(message) => (setMoved(message), void refetch())} />
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}

const starName = (desk: Desk, key: string) => desk.scheme.stars.find((s) => s.key === key)?.name ?? key;

/** A change reports what happened; the page says it (the cards are redrawn from the fresh desk). */
type OnChange = (message: string) => void;

function CandidateCard(props: { desk: Desk; candidate: Candidate; onChange: OnChange }) {
  const c = () => props.candidate;
  const e = () => c().evidence;
  const isMember = () => props.desk.members.some((m) => m.id === props.desk.me);
  const excludedMe = () => c().excluded.includes(props.desk.me);
  return (
    <li class="card candidate" data-testid="candidate" data-name={c().name}>
      <div class="row">
        <h3>{c().name}</h3>
        <span class="badge muted">{t(`ratings.routes.${c().route}`)}</span>
      </div>
      <p>
        <strong>{t("ratingDesk.evidence")}</strong>
        {colonText()}
        {t("ratingDesk.evidenceLine", {
          hours: Math.round(e().serviceMinutes / 6) / 10,
          activities: e().activities,
          requests: e().requestsServed,
          visits: e().careVisits,
          earned: e().pointsEarned,
          donated: e().pointsDonated,
        })}
        <Show when={e().averageRating !== null}> · {t("ratingDesk.avgRating", { n: e().averageRating ?? 0 })}</Show>
        <Show when={e().teamRoles.length > 0}> · {t("ratingDesk.teams", { teams: listText(e().teamRoles) })}</Show>
      </p>
      <Show when={c().evidenceText}>
        <p>{t("ratingDesk.other", { text: c().evidenceText })}</p>
      </Show>
      <Show when={c().photos.length > 0}>
        <div class="row">
          <For each={c().photos}>{(photo) => <img class="evidence-photo" src={photo} alt="" />}</For>
        </div>
      </Show>
      <table class="stars-table">
        <tbody>
          <For each={props.desk.scheme.stars}>
            {(star) => {
              const row = () => must(c().tally.find((x) => x.starKey === star.key));
              return (
                <tr>
                  <th scope="row">{star.name}</th>
                  <td>{c().statements[star.key] ?? ""}</td>
                  <td class="small-text">
                    <Show when={c().rules[star.key] !== null}>
                      <span class="badge" classList={{ ok: c().rules[star.key] === true }}>
                        {c().rules[star.key] ? t("ratingDesk.ruleMet") : t("ratingDesk.ruleNotMet")}
                      </span>
                    </Show>
                  </td>
                  <td class="small-text" data-testid={`tally-${star.key}`}>
                    {t("ratingDesk.tally", { yes: row().yes, eligible: row().eligible })}
                    <Show when={row().excluded > 0}>{t("ratingDesk.excluded", { n: row().excluded })}</Show>
                    <Show when={row().awarded}> ✓</Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <Show when={props.desk.cycle.status === "reviewing" && isMember() && !excludedMe()}>
        <VoteForm desk={props.desk} candidate={c()} onChange={props.onChange} />
      </Show>
      <Show when={props.desk.cycle.status === "reviewing"}>
        <Standing desk={props.desk} candidate={c()} />
        <Show when={c().standing.scored}>
          <DecisionForm desk={props.desk} candidate={c()} onChange={props.onChange} />
        </Show>
      </Show>
      <Show when={c().decision}>
        {(decision) => (
          <p data-testid="decision">
            <strong>{t("ratingDesk.decision")}</strong>
            {colonText()}
            {decision().stars.length
              ? listText(decision().stars.map((k) => starName(props.desk, k)))
              : t("ratingDesk.noStars")}{" "}
            — {decision().reason}
            <Show when={decision().noticeEndsAt}>
              {" "}
              · {t("ratingDesk.noticeEnds", { time: formatDay(lastDayOf(decision().noticeEndsAt)) })}
            </Show>
            <Show when={props.desk.cycle.status === "reviewing" && !decision().holds}>
              <span class="form-error"> {t("ratingDesk.decisionStale")}</span>
            </Show>
          </p>
        )}
      </Show>
      <For each={c().objections}>
        {(o) => <ObjectionItem desk={props.desk} candidate={c()} objection={o} onChange={props.onChange} />}
      </For>
    </li>
  );
}

function VoteForm(props: { desk: Desk; candidate: Candidate; onChange: OnChange }) {
  const form = createForm();
  const mine = (key: string) => props.candidate.votes.find((v) => v.memberId === props.desk.me && v.starKey === key);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const data = new FormData(element);
    const votes = props.desk.scheme.stars.map((s) => ({
      starKey: s.key,
      award: data.get(`award-${s.key}`) === "on",
      comment: String(data.get(`comment-${s.key}`) ?? ""),
    }));
    if (await form.submit(async () => void (await ratingsApi.vote(props.candidate.id, votes))))
      props.onChange(t("ratingDesk.voted"));
  };
  const [declaring, setDeclaring] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const conflict = async () => {
    if (
      reason().trim() &&
      (await form.submit(async () => void (await ratingsApi.conflict(props.candidate.id, reason()))))
    )
      props.onChange(t("ratingDesk.conflictDone"));
  };
  return (
    <form class="vote-form" onSubmit={submit} aria-label={`${props.candidate.name} ${t("ratingDesk.saveVote")}`}>
      <For each={props.desk.scheme.stars}>
        {(s) => (
          <div class="row">
            <label>
              <input type="checkbox" name={`award-${s.key}`} checked={mine(s.key)?.award ?? false} />{" "}
              {t("ratingDesk.award")} {s.name}
            </label>
            <label class="stacked">
              <span>{`${s.name} ${t("ratingDesk.comment")}`}</span>
              <input name={`comment-${s.key}`} value={mine(s.key)?.comment ?? ""} maxLength={300} />
            </label>
          </div>
        )}
      </For>
      <div class="actions">
        <button type="submit" disabled={form.busy()}>
          {t("ratingDesk.saveVote")}
        </button>
        <button type="button" class="link" aria-expanded={declaring()} onClick={() => setDeclaring(!declaring())}>
          {t("ratingDesk.conflict")}
        </button>
      </div>
      <Show when={declaring()}>
        <div class="row">
          <label class="stacked">
            <span>{t("ratingDesk.conflictReason")}</span>
            <input maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="button" disabled={form.busy() || !reason().trim()} onClick={() => void conflict()}>
            {t("ratingDesk.conflict")}
          </button>
        </div>
      </Show>
      <FormError message={form.formError()} />
    </form>
  );
}

/** Where the scoring stands by the cycle's rule: who still has to score, or what the vote carried. */
function Standing(props: { desk: Desk; candidate: Candidate }) {
  const s = () => props.candidate.standing;
  const names = () => listText(s().waitingFor.map((id) => props.desk.members.find((m) => m.id === id)?.name ?? ""));
  return (
    <div data-testid="standing">
      <Show when={s().waitingFor.length > 0}>
        <p>{t("ratingDesk.waitingFor", { names: names() })}</p>
      </Show>
      <Show when={s().scored} fallback={<p class="muted">{t("ratingDesk.notEnough")}</p>}>
        <p>
          {s().carried.length
            ? t("ratingDesk.carried", {
                stars: listText(s().carried.map((k) => starName(props.desk, k))),
              })
            : t("ratingDesk.noneCarried")}
        </p>
      </Show>
    </div>
  );
}

function DecisionForm(props: { desk: Desk; candidate: Candidate; onChange: OnChange }) {
  const form = createForm();
  // Only the stars the vote carried can be awarded; the committee may keep fewer, with its reason.
  const carried = () => props.desk.scheme.stars.filter((s) => props.candidate.standing.carried.includes(s.key));
  const proposed = (key: string) =>
    props.candidate.decision?.holds ? props.candidate.decision.stars.includes(key) : true;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const data = new FormData(element);
    const stars = carried()
      .filter((s) => data.get(`decide-${s.key}`) === "on")
      .map((s) => s.key);
    if (
      await form.submit(
        async () => void (await ratingsApi.decide(props.candidate.id, stars, formValues(element).reason ?? "")),
      )
    )
      props.onChange(
        t("ratingDesk.decided", {
          stars: listText(stars.map((k) => starName(props.desk, k))) || t("ratingDesk.noStars"),
        }),
      );
  };
  return (
    <form class="decision-form" onSubmit={submit} aria-label={`${props.candidate.name} ${t("ratingDesk.decision")}`}>
      <p class="row">
        <strong>{t("ratingDesk.decision")}</strong>
        <For each={carried()}>
          {(s) => (
            <label>
              <input type="checkbox" name={`decide-${s.key}`} checked={proposed(s.key)} /> {s.name}
            </label>
          )}
        </For>
      </p>
      <label class="stacked">
        <span>{t("ratingDesk.decisionReason")}</span>
        <input name="reason" required maxLength={500} value={props.candidate.decision?.reason ?? ""} />
      </label>
      <button type="submit" disabled={form.busy()}>
        {t("ratingDesk.saveDecision")}
      </button>
      <FormError message={form.formError()} />
    </form>
  );
}

function ObjectionItem(props: {
  desk: Desk;
  candidate: Candidate;
  objection: Candidate["objections"][number];
  onChange: OnChange;
}) {
  const form = createForm();
  const [outcome, setOutcome] = createSignal<"dismissed" | "removed" | "changed">("dismissed");
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const data = new FormData(element);
    const stars = props.desk.scheme.stars.filter((s) => data.get(`keep-${s.key}`) === "on").map((s) => s.key);
    const body = {
      answer: formValues(element).answer ?? "",
      outcome: outcome(),
      ...(outcome() === "changed" ? { stars } : {}),
    };
    if (await form.submit(async () => void (await ratingsApi.answer(props.objection.id, body))))
      props.onChange(t("ratingDesk.answered"));
  };
  return (
    <div class="card objection" data-testid="objection">
      <p>
        <strong>{t("ratingDesk.objections")}</strong>
        {colonText()}
        {props.objection.reason}
      </p>
      <Show
        when={props.objection.answer === null}
        fallback={
          <p class="notice">
            {t("common.labelled", {
              label: t("common.aside", {
                text: t("ratingDesk.answered"),
                note: t(`ratingDesk.outcomes.${props.objection.outcome ?? "dismissed"}`),
              }),
              value: props.objection.answer ?? "",
            })}
          </p>
        }
      >
        <form onSubmit={submit}>
          <label for={`outcome-${props.objection.id}`}>{t("ratingDesk.outcome")}</label>
          <select
            id={`outcome-${props.objection.id}`}
            value={outcome()}
            onChange={(e) => setOutcome(e.currentTarget.value as "dismissed")}
          >
            <For each={["dismissed", "removed", "changed"] as const}>
              {(o) => <option value={o}>{t(`ratingDesk.outcomes.${o}`)}</option>}
            </For>
          </select>
          <Show when={outcome() === "changed"}>
            <p class="row">
              <For each={props.desk.scheme.stars}>
                {(s) => (
                  <label>
                    <input
                      type="checkbox"
                      name={`keep-${s.key}`}
                      checked={props.candidate.decision?.stars.includes(s.key) ?? false}
                    />{" "}
                    {s.name}
                  </label>
                )}
              </For>
            </p>
          </Show>
          <label class="stacked">
            <span>{t("ratingDesk.answer")}</span>
            <input name="answer" required maxLength={500} />
          </label>
          <button type="submit" disabled={form.busy()}>
            {t("ratingDesk.saveAnswer")}
          </button>
          <FormError message={form.formError()} />
        </form>
      </Show>
    </div>
  );
}
