import { A, useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { BUILT_IN_PROCEDURES, type StepKey } from "@tongxin/core";
import { ApiError, publicationApi, type PublicTopicHistory } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { formatDay } from "../lib/time";
import { noticeText, publicTopicPath } from "../lib/publication";

/** The steps still ahead of a topic in its procedure, shown greyed at the end of the timeline. */
function pendingSteps(h: PublicTopicHistory): StepKey[] {
  const { procedure, status } = h.topic;
  if ((status !== "deliberating" && status !== "decided") || !procedure) return [];
  const steps: readonly StepKey[] = Object.hasOwn(BUILT_IN_PROCEDURES, procedure)
    ? BUILT_IN_PROCEDURES[procedure as keyof typeof BUILT_IN_PROCEDURES]
    : [];
  return steps.slice(h.steps.length);
}

/** 议事过程 (no sign-in, phone first): a topic from proposal to result as a timeline, with its decision and result to print. */
export default function PublicTopic() {
  const params = useParams<{ id: string; topicId: string }>();
  const [history] = createResource(
    () => [Number(params.id), Number(params.topicId)] as const,
    ([communityId, topicId]) => publicationApi.topic(communityId, topicId),
  );
  const notFound = () => history.error instanceof ApiError && history.error.status === 404;
  const printPath = (kind: "decision" | "result") => `${publicTopicPath(params.id, params.topicId)}/print/${kind}`;
  return (
    <section class="public-topic">
      <Show when={history.error}>
        <h1>{t("publication.title")}</h1>
        <p class="form-error" role="alert">
          {notFound() ? t("publication.notFound") : errorText(history.error)}
        </p>
      </Show>
      <Show when={history.state === "ready" && history()}>
        {(h) => (
          <>
            <h1>{h().topic.title}</h1>
            <p>
              <span class="badge">{t(`deliberation.topicStatus.${h().topic.status}`)}</span>{" "}
              <Show when={h().topic.procedure}>
                {(p) => <span>{t(`deliberation.procedures.${p() as "yizheng"}`)}</span>}
              </Show>
            </p>
            <p>{h().topic.description}</p>
            <p class="muted">
              {t("publication.proposer", { name: h().topic.proposer })} ·{" "}
              {t("publication.proposedOn", { date: formatDay(h().topic.proposedAt) })}
              <Show when={h().topic.building}>{(b) => ` · ${t("publication.building", { building: b() })}`}</Show>
            </p>
            <Show when={h().decision}>
              {(decision) => (
                <div class="card" data-testid="public-decision">
                  <h2>{t("publication.decision")}</h2>
                  <p>{decision()}</p>
                  <Show when={h().notice}>
                    {(notice) => (
                      <p>{t("common.labelled", { label: t("publication.notice"), value: noticeText(notice()) })}</p>
                    )}
                  </Show>
                  <A class="button" href={printPath("decision")}>
                    {t("publication.print.decision")}
                  </A>
                </div>
              )}
            </Show>
            <Show when={h().result}>
              {(result) => (
                <div class="card" data-testid="public-result">
                  <h2>{t("publication.result")}</h2>
                  <p>{result()}</p>
                  <A class="button" href={printPath("result")}>
                    {t("publication.print.result")}
                  </A>
                </div>
              )}
            </Show>
            <h2>{t("publication.history")}</h2>
            <ol class="timeline topic-timeline" aria-label={t("publication.history")}>
              <li>
                <strong>{t("publication.proposed")}</strong>{" "}
                <span class="muted">{formatDay(h().topic.proposedAt)}</span>
              </li>
              <For each={h().steps}>
                {(step) => (
                  <li data-testid="public-step" data-step={step.key}>
                    <strong>{t(`deliberation.steps.${step.key}`)}</strong>{" "}
                    <span class="badge">{t(`deliberation.outcomes.${step.outcome}`)}</span>{" "}
                    <span class="muted">{formatDay(step.decidedAt)}</span>
                    <Show when={step.meeting}>
                      {(m) => (
                        <>
                          <p>
                            {t("publication.meeting", {
                              body: t(`deliberation.bodies.${m().body}`),
                              date: formatDay(m().startsAt),
                              place: m().place,
                            })}
                          </p>
                          <Show when={m().attendance}>
                            {(a) => (
                              <p>{t("publication.attendance", { present: a().present, members: a().members })}</p>
                            )}
                          </Show>
                          <p data-testid="public-votes">
                            {t("publication.votes", {
                              for: m().votes.for,
                              against: m().votes.against,
                              abstain: m().votes.abstain,
                            })}
                          </p>
                        </>
                      )}
                    </Show>
                  </li>
                )}
              </For>
              <For each={pendingSteps(h())}>
                {(key) => (
                  <li class="muted">
                    {t(`deliberation.steps.${key}`)} · {t("publication.pending")}
                  </li>
                )}
              </For>
            </ol>
            <A class="button" href={`/public-topics/${params.id}`}>
              {t("publication.back")}
            </A>
          </>
        )}
      </Show>
    </section>
  );
}
