import { A } from "@solidjs/router";
import { For, Show, createSignal, type JSX } from "solid-js";
import { requestsApi, volunteering, type TaskRequest, type TaskShift } from "../lib/api";
import { OfflineNotice } from "../components/OfflineNotice";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { createPagedList, type PagedList } from "../lib/paged";
import { formatRange } from "../lib/time";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

type NextMove = "acceptAssignment" | "start" | "complete";
const MOVES: Record<NextMove, (id: number) => Promise<unknown>> = {
  acceptAssignment: (id) => requestsApi.respond(id, true),
  start: (id) => requestsApi.move(id, "start"),
  complete: (id) => requestsApi.move(id, "complete"),
};

/** One list of the page: its items, an error that says what to do, an empty state with where to go, and "more". */
function TaskList<T>(props: {
  id: string;
  title: string;
  list: PagedList<T>;
  empty: string;
  emptyLink: { href: string; label: string };
  children: (item: T) => JSX.Element;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Show when={props.list.error()}>
        <p class="form-error" role="alert">
          {errorText(props.list.error())}
        </p>
      </Show>
      <Show when={props.list.loaded() && props.list.items().length === 0}>
        <p>{props.empty}</p>
        <A class="button" href={props.emptyLink.href}>
          {props.emptyLink.label}
        </A>
      </Show>
      <ul class="plain" aria-label={props.title}>
        <For each={props.list.items()}>{props.children}</For>
      </ul>
      <Show when={props.list.hasMore()}>
        <button type="button" onClick={() => void props.list.loadMore()}>
          {t("tasks.more")}
        </button>
      </Show>
    </section>
  );
}

function RequestTask(props: { task: TaskRequest; onMove: (move: NextMove, id: number) => void }) {
  const next = () => props.task.next as NextMove | null;
  return (
    <li class="card task" data-task={props.task.id}>
      <h3>
        {t(`requestKinds.${props.task.kind}`)} · {t(`requestCategories.${props.task.category as "other"}`)}
      </h3>
      <p>{props.task.description}</p>
      <Show when={props.task.booking}>{(title) => <p>{t("tasks.booking", { title: title() })}</p>}</Show>
      <dl class="facts">
        <dt>{t("tasks.time")}</dt>
        <dd>
          {props.task.startsAt && props.task.endsAt
            ? formatRange(props.task.startsAt, props.task.endsAt)
            : t("tasks.noTime")}
        </dd>
        <dt>{t("tasks.place")}</dt>
        <dd>{props.task.place ?? t("tasks.noPlace")}</dd>
        <dt>{t("tasks.resident")}</dt>
        <dd>{props.task.ownerName}</dd>
      </dl>
      <Show when={props.task.team}>{(team) => <p class="muted">{t("tasks.team", { team: team() })}</p>}</Show>
      <p data-testid="next-step">
        <strong>{next() ? t(`tasks.next.${must(next())}`) : t("tasks.waiting")}</strong>
      </p>
      <div class="actions">
        <Show when={next()}>
          {(move) => (
            <button type="button" class="primary" onClick={() => props.onMove(move(), props.task.id)}>
              {t(`moves.${move()}`)}
            </button>
          )}
        </Show>
        <A class="button" href={`/requests/${props.task.id}`}>
          {t("tasks.open")}
        </A>
      </div>
    </li>
  );
}

function ShiftTask(props: { shift: TaskShift }) {
  const state = () =>
    props.shift.checkedOut
      ? t("tasks.checkedOut")
      : props.shift.checkedIn
        ? t("tasks.checkedIn")
        : props.shift.status === "waitlisted"
          ? t("tasks.waitlisted", { n: props.shift.position ?? 0 })
          : t("tasks.confirmed");
  return (
    <li class="card task" data-shift={props.shift.shiftId}>
      <h3>{props.shift.title}</h3>
      <dl class="facts">
        <dt>{t("tasks.time")}</dt>
        <dd>{formatRange(props.shift.startsAt, props.shift.endsAt)}</dd>
        <dt>{t("tasks.place")}</dt>
        <dd>{props.shift.place}</dd>
      </dl>
      <p>
        <strong>{state()}</strong>
      </p>
      <Show when={props.shift.status === "confirmed" && !props.shift.checkedIn}>
        <p data-testid="next-step">
          <strong>{t("tasks.checkIn")}</strong>
        </p>
      </Show>
      <A class="button" href={`/activities/${props.shift.activityId}`}>
        {t("tasks.openActivity")}
      </A>
    </li>
  );
}

/** 我的任务: everything a volunteer has taken on — requests they or their team hold, and shifts they signed up for — with the next step on each. */
export default function Tasks() {
  // Bumped after a move so the list shows the request's new step.
  const [version, setVersion] = createSignal(1);
  const held = createPagedList(version, (_, cursor) => volunteering.taskRequests(cursor));
  const shifts = createPagedList(
    () => true,
    (_, cursor) => volunteering.taskShifts(cursor),
  );
  const [status, setStatus] = createSignal("");
  const move = async (next: NextMove, id: number) => {
    try {
      await MOVES[next](id);
      setStatus(t(`movesDone.${next}`));
      setVersion(version() + 1);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <h1>{t("tasks.title")}</h1>
      <OfflineNotice paths={["/api/me/tasks/requests", "/api/me/tasks/shifts"]} />
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <TaskList
        id="tasks-requests"
        title={t("tasks.requests")}
        list={held}
        empty={t("tasks.noRequests")}
        emptyLink={{ href: "/me/feed", label: t("tasks.findRequests") }}
      >
        {(task) => <RequestTask task={task} onMove={(next, id) => void move(next, id)} />}
      </TaskList>
      <TaskList
        id="tasks-shifts"
        title={t("tasks.shifts")}
        list={shifts}
        empty={t("tasks.noShifts")}
        emptyLink={{ href: "/activities", label: t("tasks.findShifts") }}
      >
        {(shift) => <ShiftTask shift={shift} />}
      </TaskList>
    </section>
  );
}
