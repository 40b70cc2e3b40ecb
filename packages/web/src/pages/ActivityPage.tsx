import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { volunteering, type ActivityPage as Page } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { listText } from "../lib/punctuation";
import { formatRange, formatTime } from "../lib/time";

type Shift = Page["shifts"][number];

/** One tap to sign up or cancel; the key makes a retried tap on a flaky network count once. */
function ShiftRow(props: { shift: Shift; open: boolean; onChange: (message: string) => Promise<void> }) {
  const [busy, setBusy] = createSignal(false);
  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    try {
      await props.onChange(await run());
    } catch (error) {
      await props.onChange(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const signUp = () =>
    act(async () => {
      const answer = await volunteering.signUp(props.shift.id, crypto.randomUUID());
      return answer.status === "confirmed"
        ? t("activities.signedUp")
        : t("activities.joinedWaitlist", { n: answer.position ?? 0 });
    });
  const withdraw = () =>
    act(async () => {
      await volunteering.withdraw(props.shift.id);
      return t("activities.withdrawn");
    });
  return (
    <li class="card shift" data-shift={props.shift.id}>
      <strong>{formatRange(props.shift.startsAt, props.shift.endsAt)}</strong>
      <div class="row">
        <span>{t("activities.capacity", { taken: props.shift.taken, capacity: props.shift.capacity })}</span>
        <span class={props.shift.placesLeft > 0 ? "badge ok" : "badge muted"}>
          {props.shift.placesLeft > 0
            ? t("activities.placesLeft", { n: props.shift.placesLeft })
            : t("activities.full")}
        </span>
        <Show when={props.shift.waitlistCount > 0}>
          <span class="muted">{t("activities.waitlist", { n: props.shift.waitlistCount })}</span>
        </Show>
      </div>
      <Show when={props.shift.requiredSkills.length > 0}>
        <p class="muted">
          {t("activities.needs", { skills: listText(props.shift.requiredSkills.map((s) => s.name)) })}
        </p>
      </Show>
      <p class="muted small-text">{t("activities.deadline", { time: formatTime(props.shift.signupDeadline) })}</p>
      <Show when={props.open}>
        <Show
          when={props.shift.mine}
          fallback={
            <button type="button" class="primary" disabled={busy()} onClick={signUp}>
              {t("activities.signUp")}
            </button>
          }
        >
          {(mine) => (
            <div class="row">
              <span class="badge ok">
                {mine().status === "confirmed"
                  ? t("activities.confirmed")
                  : t("activities.waitlisted", { n: mine().position ?? 0 })}
              </span>
              <button type="button" disabled={busy()} onClick={withdraw}>
                {t("activities.withdraw")}
              </button>
              <Show when={mine().status === "confirmed"}>
                <A class="button primary" href={`/scan?shift=${props.shift.id}`}>
                  {t("home.scan")}
                </A>
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </li>
  );
}

export default function ActivityPage() {
  const params = useParams<{ id: string }>();
  const [activity, { refetch }] = createResource(() => Number(params.id), volunteering.activity);
  const [status, setStatus] = createSignal("");
  const update = async (message: string) => {
    setStatus(message);
    await refetch();
  };
  const publish = async () => {
    try {
      await volunteering.publish(Number(params.id));
      await update(t("activities.published"));
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const finish = async () => {
    try {
      await volunteering.finish(Number(params.id));
      await update(t("activities.finished"));
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const cancel = async () => {
    const reason = window.prompt(t("activities.cancelReason"))?.trim();
    if (!reason) return;
    try {
      await volunteering.cancel(Number(params.id), reason);
      await update(t("activities.cancelled", { reason }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <Show when={activity.error}>
        <p class="form-error">{errorText(activity.error)}</p>
      </Show>
      <Show when={activity()}>
        {(a) => (
          <>
            <h1>{a().title}</h1>
            <div class="row">
              <span class="badge">{t(`activities.status.${a().status}`)}</span>
              <span class="badge">{t(`categories.${a().category}`)}</span>
              <span class="badge">{t(`visibility.${a().visibility}`)}</span>
            </div>
            <p>{a().description}</p>
            <dl class="facts">
              <dt>{t("activities.place")}</dt>
              <dd>{a().place}</dd>
              <Show when={a().team}>
                {(team) => (
                  <>
                    <dt>{t("activities.team")}</dt>
                    <dd>
                      <A href={`/teams/${team().id}`}>{team().name}</A>
                    </dd>
                  </>
                )}
              </Show>
              <dt>{t("activities.organiser")}</dt>
              <dd>{a().organiserName}</dd>
            </dl>
            <Show when={a().cancelReason}>
              <p class="form-error">{t("activities.cancelled", { reason: a().cancelReason ?? "" })}</p>
            </Show>
            <Show when={a().canOrganise}>
              <div class="actions">
                <Show when={a().status === "draft"}>
                  <button type="button" class="primary" onClick={publish}>
                    {t("activities.publish")}
                  </button>
                </Show>
                <A class="button" href={`/organise/${a().id}`}>
                  {t("activities.console")}
                </A>
                <Show when={a().status === "published"}>
                  <button type="button" onClick={finish}>
                    {t("activities.finish")}
                  </button>
                </Show>
                <Show when={a().status === "draft" || a().status === "published"}>
                  <button type="button" class="danger" onClick={cancel}>
                    {t("activities.cancel")}
                  </button>
                </Show>
              </div>
            </Show>
            <p class="status" role="status" aria-live="polite">
              {status()}
            </p>
            <h2>{t("activities.shifts")}</h2>
            <ul class="plain">
              <For each={a().shifts}>
                {(shift) => <ShiftRow shift={shift} open={a().status === "published"} onChange={update} />}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}
