import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import type { RequestCategory } from "@tongxin/core";
import { DueBadge } from "../components/Care";
import { careCategoryName } from "../lib/care-categories";
import { ConfirmVisit, ConsentForm, PairingsDesk, ProfileForm } from "../components/CareManage";
import { zhCare } from "../i18n/zh-care";
import { careApi, type CareView, type CareVisit } from "../lib/api";
import { addPageTexts, t } from "../lib/i18n";
import { listText } from "../lib/punctuation";
import { formatDay, formatTime } from "../lib/time";

addPageTexts(zhCare);

type Profile = NonNullable<CareView["profile"]>;

function ConsentText(props: { consent: Profile["consent"] }) {
  return (
    <Show when={props.consent} fallback={t("care.household.noConsent")}>
      {(c) => (
        <>
          {t("care.household.consentLine", {
            by: t(`care.givenBy.${c().givenBy}`),
            name: c().givenByName,
            date: formatDay(c().givenAt),
          })}
          {" · "}
          {c().photos ? t("care.household.photos") : t("care.household.noPhotos")}
          <Show when={c().withdrawnAt}>
            {(at) => <strong> · {t("care.household.withdrawn", { date: formatDay(at()) })}</strong>}
          </Show>
        </>
      )}
    </Show>
  );
}

function ProfileFacts(props: { profile: Profile }) {
  const contact = () => props.profile.emergencyContact;
  return (
    <dl class="facts">
      <dt>{t("care.household.categories")}</dt>
      <dd>{listText(props.profile.categories.map(careCategoryName))}</dd>
      <dt>{t("care.household.level")}</dt>
      <dd>{t(`care.level.${props.profile.level}`)}</dd>
      <dt>{t("care.household.needs")}</dt>
      <dd>{props.profile.needs || t("care.household.none")}</dd>
      <dt>{t("care.household.emergency")}</dt>
      <dd>
        <Show when={contact()} fallback={t("care.household.none")}>
          {(c) => t("care.household.emergencyLine", c())}
        </Show>
      </dd>
      <dt>{t("care.household.consent")}</dt>
      <dd>
        <ConsentText consent={props.profile.consent} />
      </dd>
      <dt>{t("care.household.since")}</dt>
      <dd>{props.profile.sinceOn}</dd>
      <dt>{t("care.household.lastVisited")}</dt>
      <dd>{props.profile.lastVisitedOn ?? t("care.mine.never")}</dd>
      <dt>{t("care.household.nextVisit")}</dt>
      <dd>
        {props.profile.nextVisitOn} <DueBadge due={props.profile.due} />
      </dd>
    </dl>
  );
}

/** A visit's photo is fetched only when asked for: a page of visits carries none. */
function VisitPhoto(props: { visitId: number }) {
  const [asked, setAsked] = createSignal(false);
  const [photo] = createResource(() => asked() && props.visitId, careApi.visitPhoto);
  return (
    <Show
      when={photo()}
      fallback={
        <button type="button" onClick={() => setAsked(true)}>
          {t("care.household.showPhoto")}
        </button>
      }
    >
      {(p) => <img class="item-photo" src={p().photo} alt={t("care.visit.photo")} />}
    </Show>
  );
}

function VisitItem(props: { visit: CareVisit; official: boolean; onChange: () => unknown }) {
  const v = () => props.visit;
  return (
    <li class="card" data-testid="care-visit">
      <p>
        <strong>{v().visitedOn}</strong> · {t(`care.mode.${v().mode}`)} · {v().visitorName}
      </p>
      <p>{t("common.labelled", { label: t("care.visit.wellbeing"), value: t(`care.wellbeing.${v().wellbeing}`) })}</p>
      <Show when={v().needs}>
        <p>{t("common.labelled", { label: t("care.visit.needs"), value: v().needs })}</p>
      </Show>
      <Show when={v().hasPhoto}>
        <VisitPhoto visitId={v().id} />
      </Show>
      <Show when={v().requestId}>
        {(id) => <RequestLink id={id()} official={props.official} text={t("care.visit.viewRequest", { id: id() })} />}
      </Show>
      <Show when={v().byVolunteer}>
        <Show
          when={v().hoursMinutes !== null}
          fallback={
            <Show when={props.official} fallback={<p class="muted">{t("care.household.unconfirmed")}</p>}>
              <ConfirmVisit visitId={v().id} onDone={props.onChange} />
            </Show>
          }
        >
          <p class="muted">{t("care.household.confirmed", { minutes: v().hoursMinutes ?? 0 })}</p>
        </Show>
      </Show>
    </li>
  );
}

/** The household's visits, newest first: the first page came with the household, "more" reads the next. */
function Visits(props: { householdId: number; first: CareView["visits"]; official: boolean; onChange: () => unknown }) {
  const [more, setMore] = createSignal<CareVisit[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const next = () => (cursor() === undefined ? props.first.nextCursor : cursor());
  const loadMore = async () => {
    const page = await careApi.visits(props.householdId, next() ?? undefined);
    setMore([...more(), ...page.items]);
    setCursor(page.nextCursor);
  };
  return (
    <section aria-labelledby="care-visits">
      <h2 id="care-visits">{t("care.household.visits")}</h2>
      <ul class="plain">
        <For each={[...props.first.items, ...more()]} fallback={<li class="muted">{t("care.household.noVisits")}</li>}>
          {(visit) => <VisitItem visit={visit} official={props.official} onChange={props.onChange} />}
        </For>
      </ul>
      <Show when={next()}>
        <button type="button" onClick={() => void loadMore()}>
          {t("care.household.more")}
        </button>
      </Show>
    </section>
  );
}

/** Officials open the request; a visitor, who holds no grant over it, sees which it is (its page would refuse them). */
function RequestLink(props: { id: number; official: boolean; text: string }) {
  return (
    <Show when={props.official} fallback={<span>{props.text}</span>}>
      <A href={`/requests/${props.id}`}>{props.text}</A>
    </Show>
  );
}

function Requests(props: { items: CareView["requests"]; official: boolean }) {
  return (
    <section aria-labelledby="care-requests">
      <h2 id="care-requests">{t("care.household.requests")}</h2>
      <ul class="plain">
        <For each={props.items} fallback={<li class="muted">{t("care.household.noRequests")}</li>}>
          {(r) => (
            <li class="row" data-testid="care-request">
              <RequestLink
                id={r.id}
                official={props.official}
                text={`#${r.id} ${t(`requestCategories.${r.category as RequestCategory}`)}`}
              />
              <span class="badge">{t(`requestStatus.${r.status}`)}</span>
              <Show when={r.fromVisit}>
                <span class="badge muted">{t("care.household.fromVisit")}</span>
              </Show>
              <span class="muted">{formatTime(r.createdAt)}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

/** 关爱档案: a household's profile, visits and requests; the grid's worker and staff also manage it here. */
export default function CareHousehold() {
  const params = useParams<{ id: string }>();
  const householdId = () => Number(params.id);
  const [view, { refetch }] = createResource(householdId, careApi.household);
  const official = () => view()?.reader !== "visitor";
  return (
    <Show when={view()}>
      {(v) => (
        <section class="narrow wide">
          <h1>{t("care.household.title")}</h1>
          <div class="card">
            <p class="big-text">{v().household.label}</p>
            <p class="muted">
              {t("common.labelled", { label: t("care.household.grid"), value: v().household.gridName })}
            </p>
            <Show when={v().residents.length > 0}>
              <p>
                {t("common.labelled", {
                  label: t("care.household.residents"),
                  value: listText(v().residents.map((r) => r.name)),
                })}
              </p>
            </Show>
            <Show when={v().profile} fallback={<p>{t("care.household.noProfile")}</p>}>
              {(profile) => (
                <>
                  <ProfileFacts profile={profile()} />
                  <A class="button go" href={`/households/${householdId()}/care/visit`}>
                    {t("care.household.recordVisit")}
                  </A>
                </>
              )}
            </Show>
          </div>
          <Visits householdId={householdId()} first={v().visits} official={official()} onChange={refetch} />
          <Requests items={v().requests} official={official()} />
          <Show when={official()}>
            <ManageCare view={v()} onChange={refetch} />
          </Show>
        </section>
      )}
    </Show>
  );
}

function ManageCare(props: { view: CareView; onChange: () => unknown }) {
  return (
    <section class="card" aria-labelledby="care-manage">
      <h2 id="care-manage">{t("care.household.manage")}</h2>
      <ProfileForm view={props.view} onDone={props.onChange} />
      <Show when={props.view.profile}>
        <ConsentForm view={props.view} onDone={props.onChange} />
        <PairingsDesk view={props.view} onDone={props.onChange} />
      </Show>
    </section>
  );
}
