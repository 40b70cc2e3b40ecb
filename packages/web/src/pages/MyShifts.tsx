import { A } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { calendarApi, volunteering } from "../lib/api";
import { CalendarFeed } from "../components/CalendarFeed";
import { QueuedScans } from "../components/ScanStatus";
import { OfflineNotice } from "../components/OfflineNotice";
import { errorText, t } from "../lib/i18n";
import { formatRange, hoursOf } from "../lib/time";

type Item = Awaited<ReturnType<typeof volunteering.myShifts>>["upcoming"][number];

function ShiftItem(props: { item: Item }) {
  return (
    <li class="card">
      <A href={`/activities/${props.item.activityId}`}>
        <strong>{props.item.title}</strong>
      </A>
      <p class="muted">
        {formatRange(props.item.startsAt, props.item.endsAt)} · {props.item.place}
      </p>
      <Show
        when={props.item.past}
        fallback={
          <p class="row">
            <span class="badge ok">
              {props.item.status === "confirmed"
                ? t("activities.confirmed")
                : t("activities.waitlisted", { n: props.item.position ?? 0 })}
            </span>
            <a class="button" href={calendarApi.shiftUrl(props.item.shiftId)} download="">
              {t("myShifts.addToCalendar")}
            </a>
          </p>
        }
      >
        <span class="badge">
          {props.item.confirmedMinutes !== null
            ? t("myShifts.minutes", { hours: hoursOf(props.item.confirmedMinutes) })
            : t("myShifts.noHours")}
        </span>
      </Show>
    </li>
  );
}

export default function MyShifts() {
  const [shifts] = createResource(volunteering.myShifts);
  return (
    <section>
      <h1>{t("myShifts.title")}</h1>
      <QueuedScans />
      <OfflineNotice paths={["/api/me/shifts"]} />
      <Show when={shifts.error}>
        <p class="form-error">{errorText(shifts.error)}</p>
      </Show>
      <h2>{t("myShifts.upcoming")}</h2>
      <ul class="plain">
        <For each={shifts()?.upcoming} fallback={<li class="muted">{t("myShifts.none")}</li>}>
          {(item) => <ShiftItem item={item} />}
        </For>
      </ul>
      <CalendarFeed />
      <h2>{t("myShifts.past")}</h2>
      <ul class="plain">
        <For each={shifts()?.past} fallback={<li class="muted">{t("myShifts.none")}</li>}>
          {(item) => <ShiftItem item={item} />}
        </For>
      </ul>
    </section>
  );
}
