import { useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal, createUniqueId } from "solid-js";
import {
  COMMITMENT_LINK_KINDS,
  COMMITMENT_OUTCOMES,
  COMMITMENT_REPORT_PHOTOS_MAX,
  COMMITMENT_STATES,
  COMMITTER_KINDS,
  type CommitmentOutcome,
  type CommitmentState,
  type CommitterKind,
  lastDueOn,
} from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { LoadError } from "../components/LoadError";
import { CommitmentBadge, committerText } from "../components/PublicCommitments";
import { commitmentsApi, volunteering, type CommitmentItem } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { createPagedList, type PagedList } from "../lib/paged";
import { smallPhoto } from "../lib/photo";
import { communitiesWith, hasRole, me } from "../lib/session";
import { formatTime, todayInShanghai } from "../lib/time";

/** Whether the reader may manage this community's commitments (core authz `commitment.manage`). */
const staffIn = (communityId: number) =>
  hasRole("streetAdmin") || communitiesWith("communityStaff", "committeeMember").includes(communityId);

/** The kinds this reader may commit as here: a member for themselves, staff for the branch, a unit either. */
function kindsFor(communityId: number): CommitterKind[] {
  const volunteer = hasRole("volunteer", "teamLeader") && me()?.user.communityId === communityId;
  return COMMITTER_KINDS.filter((k) => (k === "branch" ? staffIn(communityId) : volunteer || staffIn(communityId)));
}

function MakeCommitment(props: { communityId: number; onDone: () => unknown }) {
  const form = createForm();
  const [kind, setKind] = createSignal<CommitterKind>(kindsFor(props.communityId)[0] ?? "member");
  const [units] = createResource(
    () => (kind() === "partner" ? props.communityId : false),
    (id) => volunteering.partnerUnits(id),
  );
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const link = v.linkKind
      ? { kind: v.linkKind as (typeof COMMITMENT_LINK_KINDS)[number], id: Number(v.linkId) }
      : undefined;
    const common = { what: v.what ?? "", dueOn: v.dueOn ?? "", ...(v.detail ? { detail: v.detail } : {}), link };
    const json =
      kind() === "partner"
        ? { committerKind: "partner" as const, partnerUnitId: Number(v.partnerUnitId), ...common }
        : { committerKind: kind() as "member" | "branch", ...common };
    if (await form.submit(async () => void (await commitmentsApi.make(props.communityId, json)))) {
      el.reset();
      await props.onDone();
    }
  };
  return (
    <details class="card">
      <summary>{t("commitments.make")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("commitments.make")}>
        <SelectField
          label={t("commitments.committerKind")}
          name="committerKind"
          value={kind()}
          onChange={(e) => setKind(e.currentTarget.value as CommitterKind)}
        >
          <For each={kindsFor(props.communityId)}>
            {(k) => <option value={k}>{t(`commitments.kinds.${k}`)}</option>}
          </For>
        </SelectField>
        <Show when={kind() === "partner"}>
          <SelectField label={t("commitments.unit")} name="partnerUnitId" error={form.error("partnerUnitId")}>
            <For each={units()?.items}>{(u) => <option value={u.id}>{u.name}</option>}</For>
          </SelectField>
        </Show>
        <Field
          label={t("commitments.what")}
          name="what"
          maxLength={200}
          hint={t("commitments.whatHint")}
          error={form.error("what")}
        />
        <Field label={t("commitments.detail")} name="detail" maxLength={1000} error={form.error("detail")} />
        <Field
          label={t("commitments.dueOn")}
          name="dueOn"
          type="date"
          min={todayInShanghai()}
          max={lastDueOn(todayInShanghai())}
          error={form.error("dueOn")}
        />
        <SelectField label={t("commitments.linkKind")} name="linkKind">
          <option value="">{t("commitments.noLink")}</option>
          <For each={COMMITMENT_LINK_KINDS}>{(k) => <option value={k}>{t(`commitments.links.${k}`)}</option>}</For>
        </SelectField>
        <Field label={t("commitments.linkId")} name="linkId" inputMode="numeric" error={form.error("link.id")} />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("commitments.make")}
        </button>
      </form>
    </details>
  );
}

/** Progress with photos (shrunk in the browser, sent one by one: a request carries at most 64 KB). */
function ReportForm(props: { commitmentId: number; onDone: () => unknown }) {
  const form = createForm();
  // Unique on the page: a commitment may be listed twice (on the desk and among one's own).
  const textId = `report-${createUniqueId()}`;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const files = Array.from((el.elements.namedItem("photos") as HTMLInputElement).files ?? []);
    const text = formValues(el).text ?? "";
    const done = await form.submit(async () => {
      const report = await commitmentsApi.report(props.commitmentId, text);
      for (const file of files.slice(0, COMMITMENT_REPORT_PHOTOS_MAX))
        await commitmentsApi.addPhoto(report.id, await smallPhoto(file));
    });
    if (done) {
      el.reset();
      await props.onDone();
    }
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("commitments.report")}>
      <div class="field">
        <label for={textId}>{t("commitments.reportText")}</label>
        <textarea id={textId} name="text" rows={3} maxLength={500} />
        <Show when={form.error("text")}>
          <small class="field-error" role="alert">
            {form.error("text")}
          </small>
        </Show>
      </div>
      <Field label={t("commitments.photos")} name="photos" type="file" accept="image/*" multiple />
      <FormError message={form.formError()} />
      <button type="submit" disabled={form.busy()}>
        {t("commitments.report")}
      </button>
    </form>
  );
}

function OutcomeForm(props: { commitmentId: number; onDone: () => unknown }) {
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    const outcome = v.outcome as CommitmentOutcome;
    if (
      await form.submit(
        async () => void (await commitmentsApi.decide(props.commitmentId, outcome, v.reason || undefined)),
      )
    )
      await props.onDone();
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("commitments.outcome")}>
      <SelectField label={t("commitments.outcome")} name="outcome">
        <For each={COMMITMENT_OUTCOMES}>{(o) => <option value={o}>{t(`commitments.states.${o}`)}</option>}</For>
      </SelectField>
      <Field label={t("commitments.outcomeReason")} name="reason" maxLength={200} error={form.error("reason")} />
      <FormError message={form.formError()} />
      <button type="submit" disabled={form.busy()}>
        {t("commitments.outcome")}
      </button>
    </form>
  );
}

/** One commitment: opening it loads its progress, the report form for its committer and staff, the outcome for staff. */
function CommitmentCard(props: { item: CommitmentItem; onChange: () => unknown }) {
  const [opened, setOpened] = createSignal(false);
  const [shown, { refetch }] = createResource(() => opened() && props.item.id, commitmentsApi.show);
  // A report changes only this card; an outcome changes the lists it stands in (their filters, its badge).
  const changed = async () => {
    await refetch();
    await props.onChange();
  };
  return (
    <li class="card">
      <p>
        <strong>{props.item.what}</strong>
      </p>
      <div class="row">
        <CommitmentBadge item={props.item} />
        <span>{t("common.labelled", { label: t("commitments.by"), value: committerText(props.item) })}</span>
        <span class="muted">{t("commitments.due", { date: props.item.dueOn })}</span>
      </div>
      <Show when={props.item.outcomeReason}>
        <p class="muted">
          {t("common.labelled", { label: t("commitments.reason"), value: props.item.outcomeReason ?? "" })}
        </p>
      </Show>
      <details onToggle={(e) => setOpened(e.currentTarget.open)}>
        <summary>{t("commitments.open")}</summary>
        <Show when={shown.error}>
          <p class="form-error" role="alert">
            {errorText(shown.error)}
          </p>
        </Show>
        <Show when={shown()}>
          {(c) => (
            <>
              <Show when={c().detail}>
                <p>{c().detail}</p>
              </Show>
              <h3>{t("commitments.reports")}</h3>
              <ul class="plain">
                <For each={c().reports} fallback={<li class="muted">{t("commitments.noReports")}</li>}>
                  {(r) => (
                    <li>
                      <p>{r.text}</p>
                      <p class="muted small-text">
                        {r.author} · {formatTime(r.at)}
                      </p>
                      <div class="row">
                        <For each={r.photos}>
                          {(p) => <img src={p.photo} alt={t("commitments.photos")} width="120" loading="lazy" />}
                        </For>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={c().mayReport}>
                <ReportForm commitmentId={props.item.id} onDone={refetch} />
              </Show>
              <Show when={c().mayDecide}>
                <OutcomeForm commitmentId={props.item.id} onDone={changed} />
              </Show>
            </>
          )}
        </Show>
      </details>
    </li>
  );
}

function CommitmentList(props: { label: string; list: PagedList<CommitmentItem>; onChange: () => unknown }) {
  return (
    <>
      <Show when={props.list.error()}>
        <LoadError error={props.list.error()} onRetry={() => props.onChange()} />
      </Show>
      <ul class="plain" aria-label={props.label}>
        <For
          each={props.list.items()}
          fallback={
            <Show when={props.list.loaded()}>
              <li class="muted">{t("commitments.none")}</li>
            </Show>
          }
        >
          {(item) => <CommitmentCard item={item} onChange={props.onChange} />}
        </For>
      </ul>
      <Show when={props.list.hasMore()}>
        <button type="button" onClick={() => props.list.loadMore()}>
          {t("commitments.more")}
        </button>
      </Show>
    </>
  );
}

type Filters = { state?: CommitmentState; committerKind?: CommitterKind; due?: "soon" | "overdue" };

/** Staff filter the community's commitments by state, who committed and due day. */
function Desk(props: { communityId: number; version: number; onChange: () => unknown }) {
  const [filters, setFilters] = createSignal<Filters>({});
  const list = createPagedList(
    () => ({ id: props.communityId, filters: filters(), version: props.version }),
    (s, cursor) => commitmentsApi.list(s.id, s.filters, cursor),
  );
  const set = (key: keyof Filters) => (e: { currentTarget: HTMLSelectElement }) =>
    setFilters({ ...filters(), [key]: e.currentTarget.value || undefined });
  return (
    <section aria-labelledby="commitments-desk">
      <h2 id="commitments-desk">{t("commitments.desk")}</h2>
      <div>
        <SelectField label={t("commitments.filterState")} name="state" onChange={set("state")}>
          <option value="">{t("commitments.any")}</option>
          <For each={COMMITMENT_STATES}>{(s) => <option value={s}>{t(`commitments.states.${s}`)}</option>}</For>
        </SelectField>
        <SelectField label={t("commitments.filterKind")} name="committerKind" onChange={set("committerKind")}>
          <option value="">{t("commitments.any")}</option>
          <For each={COMMITTER_KINDS}>{(k) => <option value={k}>{t(`commitments.kinds.${k}`)}</option>}</For>
        </SelectField>
        <SelectField label={t("commitments.filterDue")} name="due" onChange={set("due")}>
          <option value="">{t("commitments.any")}</option>
          <option value="soon">{t("commitments.dueFilters.soon")}</option>
          <option value="overdue">{t("commitments.dueFilters.overdue")}</option>
        </SelectField>
      </div>
      <CommitmentList label={t("commitments.desk")} list={list} onChange={props.onChange} />
    </section>
  );
}

/** 承诺践诺: staff's desk of the community's commitments, a member's own, making one and following it to its end. */
export default function Commitments() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  // Bumped after a change: the lists load their first page again.
  const [version, setVersion] = createSignal(0);
  const changed = () => setVersion(version() + 1);
  const mine = createPagedList(
    () => (me() ? version() + 1 : false),
    (_, cursor) => commitmentsApi.mine(cursor),
  );
  return (
    <section>
      <h1>{t("commitments.title")}</h1>
      <Show when={kindsFor(communityId()).length > 0}>
        <MakeCommitment communityId={communityId()} onDone={changed} />
      </Show>
      <Show when={staffIn(communityId())}>
        <Desk communityId={communityId()} version={version()} onChange={changed} />
      </Show>
      <section aria-labelledby="commitments-mine">
        <h2 id="commitments-mine">{t("commitments.mine")}</h2>
        <CommitmentList label={t("commitments.mine")} list={mine} onChange={changed} />
      </section>
    </section>
  );
}
