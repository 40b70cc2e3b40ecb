import { useParams, useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal, onCleanup, onMount } from "solid-js";
import QRCode from "qrcode";
import type { VoteCount } from "@tongxin/core";
import { LoadError } from "../components/LoadError";
import { meetingsApi } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { me as signedIn } from "../lib/session";
import { formatTime } from "../lib/time";

type Shown = Awaited<ReturnType<typeof meetingsApi.show>>;
type AgendaItem = Shown["agenda"][number];
type Run = (message: string, action: () => Promise<unknown>) => Promise<void>;

const QR_REFRESH_MS = 30_000;
const CHOICES = ["for", "against", "abstain"] as const;

/** The count of a topic, once decided or once the meeting closed. */
function CountLine(props: { count: VoteCount }) {
  return (
    <p>
      {t("meetings.count", {
        for: props.count.for,
        against: props.count.against,
        abstain: props.count.abstain,
        excluded: props.count.excluded,
        present: props.count.present,
        members: props.count.members,
      })}
      <Show when={!props.count.quorum}> {t("meetings.noQuorum")}</Show>
    </p>
  );
}

/** A topic on the agenda: the decision, and for a member present the vote or a declared conflict. */
function Topic(props: { meeting: Shown; item: AgendaItem; run: Run }) {
  const id = () => props.meeting.id;
  const me = () => props.meeting.me;
  const voted = () => me()?.votes.find((v) => v.topicId === props.item.topicId);
  const conflicted = () => me()?.conflicts.includes(props.item.topicId) ?? false;
  const mayVote = () =>
    props.meeting.status === "open" && me()?.attendedAt && !voted() && !conflicted() && !props.item.decidedAt;
  const [reason, setReason] = createSignal("");
  return (
    <li class="card">
      <h3>{props.item.title}</h3>
      <Show when={props.item.passed !== null}>
        <span class="badge">
          {t(props.item.passed ? "deliberation.outcomes.passed" : "deliberation.outcomes.rejected")}
        </span>
      </Show>
      <Show when={props.item.count}>{(count) => <CountLine count={count()} />}</Show>
      <Show when={voted()}>
        {(v) => <p>{t("meetings.youVoted", { choice: t(`deliberation.votes.${v().choice}`) })}</p>}
      </Show>
      <Show when={conflicted()}>
        <p>{t("meetings.youAreExcluded")}</p>
      </Show>
      <Show when={mayVote()}>
        {/* The three choices look alike: the page must not lean on the member's vote. */}
        <div class="actions vote-choices" role="group" aria-label={t("meetings.vote")}>
          <For each={CHOICES}>
            {(choice) => (
              <button
                type="button"
                onClick={() => props.run(t("meetings.voted"), () => meetingsApi.vote(id(), props.item.topicId, choice))}
              >
                {t(`deliberation.votes.${choice}`)}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={me() && !conflicted() && !voted() && !props.item.decidedAt && props.meeting.status !== "closed"}>
        <details>
          <summary>{t("meetings.declareConflict")}</summary>
          <label for={`conflict-${props.item.topicId}`}>{t("meetings.conflictReason")}</label>
          <textarea
            id={`conflict-${props.item.topicId}`}
            rows={2}
            maxLength={300}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <button
            type="button"
            onClick={() =>
              props.run(t("meetings.conflictDeclared"), () => meetingsApi.conflict(id(), props.item.topicId, reason()))
            }
          >
            {t("meetings.declareConflict")}
          </button>
        </details>
      </Show>
      <Show when={props.meeting.manages && props.meeting.status === "open" && !props.item.decidedAt}>
        <button
          type="button"
          onClick={() => props.run(t("meetings.counted"), () => meetingsApi.count(id(), props.item.topicId))}
        >
          {t("meetings.countTopic")}
        </button>
      </Show>
    </li>
  );
}

/** The staff's QR screen for check-in, renewed every 30 s as for shifts. */
function QrPanel(props: { meetingId: number }) {
  const [svg, setSvg] = createSignal("");
  const [error, setError] = createSignal("");
  const refresh = async () => {
    try {
      const { token } = await meetingsApi.qr(props.meetingId);
      const link = `${location.origin}/meetings/${props.meetingId}?token=${encodeURIComponent(token)}`;
      setSvg(await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }));
      setError("");
    } catch (e) {
      setError(errorText(e));
    }
  };
  onMount(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), QR_REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <div class="qr-screen">
      <p>{t("meetings.qrHint")}</p>
      <Show when={error()}>
        <p class="form-error">{error()}</p>
      </Show>
      {/* The SVG comes from the qrcode library, built from our own link: no user input reaches it. */}
      <div class="qr" role="img" aria-label={t("meetings.qr")} innerHTML={svg()} />
    </div>
  );
}

/** Staff run the meeting: open, close or cancel, the QR screen, attendance by hand and the minutes. */
function StaffPanel(props: { meeting: Shown; run: Run }) {
  const m = () => props.meeting;
  const [qr, setQr] = createSignal(false);
  const [minutes, setMinutes] = createSignal(props.meeting.minutes ?? "");
  const move = (action: "open" | "close" | "cancel") =>
    props.run(t(`meetings.moved.${action}`), () => meetingsApi.move(m().id, action));
  return (
    <section class="card" aria-label={t("meetings.run")}>
      <h2>{t("meetings.run")}</h2>
      <div class="actions">
        <Show when={m().status === "planned"}>
          <button type="button" class="primary" onClick={() => move("open")}>
            {t("meetings.actions.open")}
          </button>
          <button type="button" onClick={() => move("cancel")}>
            {t("meetings.actions.cancel")}
          </button>
        </Show>
        <Show when={m().status === "open"}>
          <button type="button" onClick={() => setQr(!qr())}>
            {t("meetings.qr")}
          </button>
          <button type="button" class="primary" onClick={() => move("close")}>
            {t("meetings.actions.close")}
          </button>
        </Show>
      </div>
      <Show when={qr() && m().status === "open"}>
        <QrPanel meetingId={m().id} />
      </Show>
      <h3>{t("meetings.invitations")}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("meetings.name")}</th>
            <th scope="col">{t("meetings.reply")}</th>
            <th scope="col">{t("meetings.attendance")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={m().invitations ?? []}>
            {(i) => (
              <tr>
                <td>{i.partnerUnit ? t("common.aside", { text: i.name, note: i.partnerUnit }) : i.name}</td>
                <td>{i.reply ? t(`meetings.replies.${i.reply}`) : "—"}</td>
                <td>
                  <Show
                    when={i.attendedAt}
                    fallback={
                      // Staff check themselves in by the QR code: ticking by hand is for others.
                      <Show when={m().status === "open" && i.userId !== signedIn()?.user.id}>
                        <button
                          type="button"
                          class="small"
                          onClick={() => props.run(t("meetings.ticked"), () => meetingsApi.tick(m().id, i.userId))}
                        >
                          {t("meetings.tick")}
                        </button>
                      </Show>
                    }
                  >
                    {t("meetings.present")} {formatTime(i.attendedAt, false)}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={m().status !== "cancelled"}>
        <label for="minutes">{t("meetings.minutes")}</label>
        <textarea
          id="minutes"
          rows={6}
          maxLength={10_000}
          value={minutes()}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
        <button
          type="button"
          onClick={() =>
            props.run(t("meetings.minutesSaved"), () => meetingsApi.minutes(m().id, minutes(), m().version))
          }
        >
          {t("meetings.saveMinutes")}
        </button>
      </Show>
    </section>
  );
}

/** A member on their phone: reply, and check in by scanning the staff's screen (the code opens this page). */
function MemberPanel(props: { meeting: Shown; run: Run }) {
  const me = () => props.meeting.me;
  const open = () => props.meeting.status === "planned" || props.meeting.status === "open";
  return (
    <Show when={me()}>
      {(mine) => (
        <section class="card" aria-label={t("meetings.yourPart")}>
          <h2>{t("meetings.yourPart")}</h2>
          <p>
            {mine().attendedAt
              ? `${t("meetings.present")} ${formatTime(mine().attendedAt, false)}`
              : props.meeting.status === "open"
                ? t("meetings.scanToCheckIn")
                : mine().reply
                  ? t(`meetings.replies.${mine().reply as "attend"}`)
                  : t("meetings.pleaseReply")}
          </p>
          <Show when={open() && !mine().attendedAt}>
            <div class="actions">
              <button
                type="button"
                class="primary"
                onClick={() => props.run(t("meetings.replied"), () => meetingsApi.reply(props.meeting.id, "attend"))}
              >
                {t("meetings.replies.attend")}
              </button>
              <button
                type="button"
                onClick={() => props.run(t("meetings.replied"), () => meetingsApi.reply(props.meeting.id, "decline"))}
              >
                {t("meetings.replies.decline")}
              </button>
            </div>
          </Show>
        </section>
      )}
    </Show>
  );
}

/** A meeting: staff run it; members reply, check in (the QR code opens this page with a token) and vote. */
export default function Meeting() {
  const params = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams<{ token?: string }>();
  const meetingId = () => Number(params.id);
  const [status, setStatus] = createSignal("");
  const [meeting, { refetch }] = createResource(meetingId, meetingsApi.show);
  const run: Run = async (message, action) => {
    try {
      await action();
      setStatus(message);
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  onMount(() => {
    const token = search.token;
    if (!token) return;
    setSearch({ token: undefined }, { replace: true });
    void run(t("meetings.checkedIn"), () => meetingsApi.checkIn(meetingId(), token));
  });
  return (
    <Show when={!meeting.error} fallback={<LoadError error={meeting.error} onRetry={refetch} />}>
      <Show when={meeting()}>
        {(m) => (
          <section>
            <h1>{m().title}</h1>
            <p>
              {t(`deliberation.bodies.${m().body}`)} · {formatTime(m().startsAt)} · {m().place} ·{" "}
              <span class="badge">{t(`deliberation.meetingStatus.${m().status}`)}</span>
            </p>
            <p class="status big" role="status">
              {status()}
            </p>
            <MemberPanel meeting={m()} run={run} />
            <h2>{t("meetings.agenda")}</h2>
            <ul class="plain" aria-label={t("meetings.agenda")}>
              <For each={m().agenda} fallback={<li class="muted">{t("meetings.noTopics")}</li>}>
                {(item) => <Topic meeting={m()} item={item} run={run} />}
              </For>
            </ul>
            <Show when={m().minutes && !m().manages}>
              <h2>{t("meetings.minutes")}</h2>
              <p class="minutes">{m().minutes}</p>
            </Show>
            <Show when={m().manages}>
              <StaffPanel meeting={m()} run={run} />
            </Show>
          </section>
        )}
      </Show>
    </Show>
  );
}
