import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { volunteering, type Roster } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { formatRange, formatTime } from "../lib/time";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

type Person = Roster["people"][number];

/** The organiser's console: sign-up list, attendance by hand, the QR screen, and bulk hour confirmation. */
export default function Console() {
  const params = useParams<{ id: string }>();
  const [activity] = createResource(() => Number(params.id), volunteering.activity);
  const [shiftId, setShiftId] = createSignal<number | null>(null);
  const selected = () => shiftId() ?? activity()?.shifts[0]?.id ?? null;
  const [roster, { refetch }] = createResource(selected, volunteering.roster);
  const [status, setStatus] = createSignal("");
  const [edits, setEdits] = createSignal<Record<number, { minutes: string; reason: string }>>({});

  const run = async (action: () => Promise<string>) => {
    try {
      setStatus(await action());
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const mark = (person: Person, attendance: "present" | "no_show") =>
    run(async () => {
      await volunteering.mark(must(selected()), { userId: person.userId, attendance });
      return t("common.labelled", {
        label: person.name,
        value: attendance === "present" ? t("console.markedPresent") : t("console.markedNoShow"),
      });
    });
  // The organiser's own place is recorded by another organiser or staff (the API refuses it too).
  const confirmable = (person: Person) => person.attendance === "present" && !person.hours && !person.own;
  const edit = (person: Person) => edits()[person.userId] ?? { minutes: String(person.defaultMinutes), reason: "" };
  const confirmAll = () =>
    run(async () => {
      const pending = (roster()?.people ?? []).filter(confirmable);
      const entries = pending.map((p) => {
        const e = edit(p);
        const minutes = Number(e.minutes);
        return { userId: p.userId, ...(minutes !== p.defaultMinutes ? { minutes, reason: e.reason } : {}) };
      });
      const { outcomes } = await volunteering.confirmHours(must(selected()), entries);
      return outcomes
        .map((o) =>
          t("console.outcome", {
            name: pending.find((p) => p.userId === o.userId)?.name ?? "",
            result: o.ok
              ? t("console.confirmed", { minutes: o.minutes })
              : t(`errors.${o.reason}` as "errors.internal"),
          }),
        )
        .join(t("common.clauseSeparator"));
    });
  const voidEntry = (person: Person) => {
    const reason = window.prompt(t("console.voidReason"))?.trim();
    if (!reason || !person.hours) return;
    void run(async () => {
      await volunteering.voidHours(must(person.hours).id, reason);
      return t("common.labelled", { label: person.name, value: t("console.voidHours") });
    });
  };

  return (
    <section>
      <Show when={activity()}>
        {(a) => (
          <>
            <h1>
              {t("console.title")} · <A href={`/activities/${a().id}`}>{a().title}</A>
            </h1>
            <div class="row" role="tablist">
              <For each={a().shifts}>
                {(s) => (
                  <button
                    type="button"
                    role="tab"
                    aria-selected={selected() === s.id}
                    classList={{ primary: selected() === s.id }}
                    onClick={() => setShiftId(s.id)}
                  >
                    {formatRange(s.startsAt, s.endsAt)}
                  </button>
                )}
              </For>
            </div>
          </>
        )}
      </Show>
      <Show when={selected()}>
        <p>
          <A class="button" href={`/organise/shifts/${selected()}/qr`}>
            {t("console.qr")}
          </A>
        </p>
      </Show>
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={roster.error}>
        <p class="form-error">{errorText(roster.error)}</p>
      </Show>
      <h2>{t("console.people")}</h2>
      <ul class="plain" aria-label={t("console.people")}>
        <For each={roster()?.people} fallback={<li class="muted">{t("console.empty")}</li>}>
          {(person) => (
            <li class="card person" data-user={person.userId}>
              <div class="row">
                <strong>{person.name}</strong>
                <a href={`tel:${person.phone}`} aria-label={`${person.phone} ${t("console.call")} ${person.name}`}>
                  {person.phone}
                </a>
                <span class="badge">
                  {person.status === "confirmed"
                    ? t("activities.confirmed")
                    : t("activities.waitlisted", { n: person.position ?? 0 })}
                </span>
                <Show when={person.checkInAt}>
                  <span class="muted">{t("console.checkedIn", { time: formatTime(person.checkInAt, false) })}</span>
                </Show>
                <Show when={person.checkOutAt}>
                  <span class="muted">{t("console.checkedOut", { time: formatTime(person.checkOutAt, false) })}</span>
                </Show>
              </div>
              <Show when={person.own && person.status === "confirmed"}>
                <p class="muted">{t("errors.own_hours")}</p>
              </Show>
              <Show when={!person.own && person.status === "confirmed"}>
                <div class="row">
                  <button
                    type="button"
                    class="small"
                    aria-pressed={person.attendance === "present"}
                    onClick={() => mark(person, "present")}
                  >
                    {t("console.present")}
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-pressed={person.attendance === "no_show"}
                    onClick={() => mark(person, "no_show")}
                  >
                    {t("console.noShow")}
                  </button>
                  <Show
                    when={person.hours}
                    fallback={
                      <Show when={person.attendance === "present"}>
                        <label class="inline">
                          <span>{t("console.minutes", { max: roster()?.shift.maxMinutes ?? 0 })}</span>
                          <input
                            type="number"
                            min="0"
                            max={roster()?.shift.maxMinutes}
                            value={edit(person).minutes}
                            onInput={(e) =>
                              setEdits({
                                ...edits(),
                                [person.userId]: { ...edit(person), minutes: e.currentTarget.value },
                              })
                            }
                          />
                        </label>
                        <label class="inline">
                          <span>{t("console.reason")}</span>
                          <input
                            value={edit(person).reason}
                            maxLength={200}
                            onInput={(e) =>
                              setEdits({
                                ...edits(),
                                [person.userId]: { ...edit(person), reason: e.currentTarget.value },
                              })
                            }
                          />
                        </label>
                      </Show>
                    }
                  >
                    {(hours) => (
                      <>
                        <span class="badge ok">{t("console.confirmed", { minutes: hours().minutes })}</span>
                        <button type="button" class="small danger" onClick={() => voidEntry(person)}>
                          {t("console.voidHours")}
                        </button>
                      </>
                    )}
                  </Show>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={(roster()?.people ?? []).some(confirmable)}>
        <button type="button" class="primary" onClick={confirmAll}>
          {t("console.confirm")}
        </button>
      </Show>
    </section>
  );
}
