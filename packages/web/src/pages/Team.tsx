import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { volunteering } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { listText } from "../lib/punctuation";
import { actsIn, me } from "../lib/session";
import { hoursOf } from "../lib/time";

export default function Team() {
  const params = useParams<{ id: string }>();
  const [team, { refetch }] = createResource(() => Number(params.id), volunteering.team);
  const [status, setStatus] = createSignal("");
  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      setStatus(message);
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <Show when={team.error}>
        <p class="form-error">{errorText(team.error)}</p>
      </Show>
      <Show when={team()}>
        {(tm) => (
          <>
            <h1>{tm().name}</h1>
            <p>
              <span class="badge">{tm().kind}</span> {t("team.hours", { hours: hoursOf(tm().totalMinutes) })}
            </p>
            <p>
              {t("common.labelled", {
                label: t("team.leaders"),
                value: listText(tm().leaders.map((l) => l.name)) || "—",
              })}
            </p>
            <Show when={me()}>
              <Show
                when={tm().myMembership}
                fallback={
                  <Show when={actsIn(tm().communityId)}>
                    <button
                      type="button"
                      class="primary"
                      onClick={() => run(() => volunteering.applyToTeam(tm().id), t("team.applied"))}
                    >
                      {t("team.apply")}
                    </button>
                  </Show>
                }
              >
                <p class="row">
                  <span class="badge ok">{tm().myMembership === "active" ? t("team.active") : t("team.applied")}</span>
                  <button type="button" onClick={() => run(() => volunteering.leaveTeam(tm().id), t("team.leave"))}>
                    {t("team.leave")}
                  </button>
                </p>
              </Show>
            </Show>
            <p class="status" role="status" aria-live="polite">
              {status()}
            </p>
            <h2>{t("team.members")}</h2>
            <ul class="plain">
              <For each={tm().members}>
                {(m) => (
                  <li class="row">
                    <span>{m.name}</span>
                    <Show when={m.phone}>
                      <a href={`tel:${m.phone}`}>{m.phone}</a>
                    </Show>
                    <Show when={m.status === "applied"}>
                      <span class="badge">{t("team.pending")}</span>
                      <button
                        type="button"
                        class="small"
                        onClick={() =>
                          run(
                            () => volunteering.decideMember(tm().id, m.memberId, true),
                            t("common.labelled", { label: m.name, value: t("team.approve") }),
                          )
                        }
                      >
                        {t("team.approve")}
                      </button>
                      <button
                        type="button"
                        class="small danger"
                        onClick={() =>
                          run(
                            () => volunteering.decideMember(tm().id, m.memberId, false),
                            t("common.labelled", { label: m.name, value: t("team.reject") }),
                          )
                        }
                      >
                        {t("team.reject")}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <h2>{t("team.activities")}</h2>
            <ul class="plain">
              <For each={tm().activities}>
                {(a) => (
                  <li>
                    <A href={`/activities/${a.id}`}>{a.title}</A>{" "}
                    <span class="muted">{t(`activities.status.${a.status}`)}</span>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}
