import { useParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import QRCode from "qrcode";
import { ApiError, publicationApi, type PublicTopicHistory } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { formatDay } from "../lib/time";
import { noticeText, publicTopicPath } from "../lib/publication";

type Kind = "decision" | "result";

/** The notice's text and the day it is signed: the last decision's day, or the day the result was recorded. */
function noticeOf(h: PublicTopicHistory, kind: Kind) {
  const text = kind === "decision" ? h.decision : h.result;
  const signedStep =
    kind === "decision" ? [...h.steps].reverse().find((s) => s.meeting || s.outcome === "rejected") : h.steps.at(-1);
  return text ? { text, signedAt: signedStep?.decidedAt ?? null } : null;
}

/**
 * 决议公开 / 结果公开 on A4 for the community's board: the topic, the decision (with each meeting's count and the
 * notice's period) or the result, and a QR code to the topic's public history. No names beyond the masked proposer,
 * no phone numbers.
 */
export default function TopicNoticePrint() {
  const params = useParams<{ id: string; topicId: string; kind: string }>();
  const kind = (): Kind => (params.kind === "result" ? "result" : "decision");
  const [history] = createResource(
    () => [Number(params.id), Number(params.topicId)] as const,
    ([communityId, topicId]) => publicationApi.topic(communityId, topicId),
  );
  const [qr] = createResource(() =>
    QRCode.toString(`${location.origin}${publicTopicPath(params.id, params.topicId)}`, {
      type: "svg",
      margin: 1,
      errorCorrectionLevel: "M",
    }),
  );
  const notFound = () => history.error instanceof ApiError && history.error.status === 404;
  return (
    <>
      <Show when={history.error}>
        <h1>{t("publication.title")}</h1>
        <p class="form-error" role="alert">
          {notFound() ? t("publication.notFound") : errorText(history.error)}
        </p>
      </Show>
      <Show when={history.state === "ready" && history()}>
        {(h) => (
          <Show
            when={noticeOf(h(), kind())}
            fallback={
              <>
                <h1>{t(`publication.noticeTitle.${kind()}`)}</h1>
                <p class="form-error" role="alert">
                  {t("publication.notReady")}
                </p>
              </>
            }
          >
            {(notice) => (
              <article class="a4 topic-notice" data-testid="print-topic-notice">
                <h1>{t(`publication.noticeTitle.${kind()}`)}</h1>
                <p class="topic-notice-body">{t("publication.topicLine", { title: h().topic.title })}</p>
                <p class="topic-notice-body" data-testid="print-topic-text">
                  {notice().text}
                </p>
                <Show when={kind() === "decision"}>
                  <table class="print-list">
                    <tbody>
                      <For each={h().steps.flatMap((s) => (s.meeting ? [{ ...s.meeting, outcome: s.outcome }] : []))}>
                        {(meeting) => (
                          <tr>
                            <td>{t(`deliberation.bodies.${meeting.body}`)}</td>
                            <td>{formatDay(meeting.startsAt)}</td>
                            <td>{t("publication.votes", meeting.votes)}</td>
                            <td>{t(`deliberation.outcomes.${meeting.outcome}`)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <Show when={h().notice}>
                    {(n) => <p>{t("common.labelled", { label: t("publication.notice"), value: noticeText(n()) })}</p>}
                  </Show>
                </Show>
                <Show when={kind() === "result" && h().decision}>
                  {(decision) => <p>{t("common.labelled", { label: t("publication.decision"), value: decision() })}</p>}
                </Show>
                <div class="print-foot">
                  {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
                  <div class="qr print-qr" role="img" aria-label={t("publication.scan")} innerHTML={qr() ?? ""} />
                  <p>{t("publication.scan")}</p>
                  <p class="issuer">{t("publication.issuer", { community: h().community.name })}</p>
                  <p class="issuer" data-testid="print-topic-date">
                    {formatDay(notice().signedAt)}
                  </p>
                </div>
                <button type="button" class="no-print" onClick={() => window.print()}>
                  {t("publication.printNow")}
                </button>
              </article>
            )}
          </Show>
        )}
      </Show>
    </>
  );
}
