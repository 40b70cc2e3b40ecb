import { A } from "@solidjs/router";
import { For, Match, Show, Switch, createResource } from "solid-js";
import { careApi, ratingsApi, type Me } from "../lib/api";
import { Inbox } from "../components/Inbox";
import { queuedScanCount } from "../lib/queued-scans";
import { t } from "../lib/i18n";
import { honourLabel } from "../lib/honours";
import { hasRole, me } from "../lib/session";

type RoleView = Me["roles"][number];

/** 扫一扫 (check-in, a pickup code at the desk, a notice), and the scans still waiting on this phone. */
function ScanLink() {
  const waiting = () => queuedScanCount(me()?.user.id ?? 0);
  return (
    <p class="actions">
      <A class="button primary" href="/scan">
        {t("home.scan")}
      </A>
      <Show when={waiting() > 0}>
        <A class="button" href="/scan">
          {t("home.queuedScans", { n: waiting() })}
        </A>
      </Show>
    </p>
  );
}

/** One card per role the user holds: what it is for and where to go. */
function RoleCard(props: { role: RoleView }) {
  const scope = () => ({ scope: props.role.scopeName });
  return (
    <article class="card role-card" data-role={props.role.role}>
      <h2>
        {t(`roles.${props.role.role}`)}
        <Show when={props.role.scopeName}>
          <span class="muted"> · {props.role.scopeName}</span>
        </Show>
      </h2>
      <Switch>
        <Match when={props.role.role === "streetAdmin"}>
          <p>{t("home.streetAdminIntro", scope())}</p>
          <div class="actions">
            <A class="button" href={`/dashboard/street/${props.role.scopeId}`}>
              {t("dashboard.nav")}
            </A>
            <A class="button" href="/admin/structure">
              {t("home.manageStructure")}
            </A>
            <A class="button" href="/admin/accounts">
              {t("home.manageAccounts")}
            </A>
            <A class="button" href="/admin/audit">
              {t("home.viewAudit")}
            </A>
            <A class="button" href="/admin/points">
              {t("pointsAdmin.title")}
            </A>
            <A class="button" href="/admin/api-tokens">
              {t("home.apiTokens")}
            </A>
          </div>
        </Match>
        <Match when={props.role.role === "communityStaff"}>
          <p>{t("home.communityStaffIntro", scope())}</p>
          <div class="actions">
            <A class="button" href={`/dashboard/community/${props.role.communityId}`}>
              {t("dashboard.nav")}
            </A>
            <A class="button" href={`/admin/structure?community=${props.role.communityId}`}>
              {t("home.manageStructure")}
            </A>
            <A class="button" href={`/admin/accounts?community=${props.role.communityId}`}>
              {t("home.manageAccounts")}
            </A>
            <A class="button" href={`/admin/audit?community=${props.role.communityId}`}>
              {t("home.viewAudit")}
            </A>
            <A class="button" href={`/queue?community=${props.role.communityId}`}>
              {t("requestNav.queue")}
            </A>
            <A class="button" href={`/projects/${props.role.communityId}`}>
              {t("requestNav.projects")}
            </A>
            <A class="button" href={`/commitments/${props.role.communityId}`}>
              {t("commitments.title")}
            </A>
            <A class="button" href={`/admin/points?community=${props.role.communityId}`}>
              {t("pointsAdmin.title")}
            </A>
            <A class="button" href={`/store/${props.role.communityId}/desk`}>
              {t("desk.title")}
            </A>
            <A class="button" href={`/ratings?community=${props.role.communityId}`}>
              {t("ratings.title")}
            </A>
            <A class="button" href={`/communities/${props.role.communityId}/care/campaigns`}>
              {t("home.careCampaigns")}
            </A>
            <A class="button" href={`/communities/${props.role.communityId}/care/confirmations`}>
              {t("home.careConfirmations")}
            </A>
          </div>
        </Match>
        <Match when={props.role.role === "committeeMember"}>
          <p>{t("home.committeeMemberIntro", scope())}</p>
          <div class="actions">
            <A class="button" href={`/dashboard/community/${props.role.communityId}`}>
              {t("dashboard.nav")}
            </A>
            <A class="button" href={`/ratings?community=${props.role.communityId}`}>
              {t("ratings.title")}
            </A>
            <A class="button" href={`/commitments/${props.role.communityId}`}>
              {t("commitments.title")}
            </A>
            <A class="button" href={`/admin/structure?community=${props.role.communityId}`}>
              {t("home.viewStructure")}
            </A>
          </div>
        </Match>
        <Match when={props.role.role === "gridWorker"}>
          <p>{t("home.gridWorkerIntro", scope())}</p>
          <A class="button" href={`/dashboard/grid/${props.role.scopeId}`}>
            {t("dashboard.nav")}
          </A>
          <A class="button" href={`/queue?community=${props.role.communityId}`}>
            {t("requestNav.queue")}
          </A>
          <A class="button" href={`/admin/accounts?community=${props.role.communityId}&grid=${props.role.scopeId}`}>
            {t("home.gridResidents")}
          </A>
          <A class="button" href={`/grids/${props.role.scopeId}/care-book`}>
            {t("home.careBook")}
          </A>
          <A class="button" href={`/communities/${props.role.communityId}/care/campaigns`}>
            {t("home.careCampaigns")}
          </A>
          <A class="button" href={`/communities/${props.role.communityId}/care/confirmations`}>
            {t("home.careConfirmations")}
          </A>
        </Match>
        <Match when={props.role.role === "teamLeader"}>
          <p>{t("home.teamLeaderIntro", scope())}</p>
          <div class="actions">
            <A class="button" href={`/projects/${props.role.communityId}`}>
              {t("requestNav.projects")}
            </A>
            <A class="button" href={`/activities/new?community=${props.role.communityId}`}>
              {t("volunteerNav.newActivity")}
            </A>
            <A class="button" href={`/teams/${props.role.scopeId}`}>
              {t("team.members")}
            </A>
            <A class="button" href="/tasks">
              {t("volunteerNav.tasks")}
            </A>
          </div>
        </Match>
        <Match when={props.role.role === "volunteer"}>
          <p>{t("home.volunteerIntro")}</p>
          <div class="actions">
            <A class="button" href="/tasks">
              {t("volunteerNav.tasks")}
            </A>
            <A class="button" href="/me/feed">
              {t("requestNav.feed")}
            </A>
            <A class="button" href="/activities">
              {t("volunteerNav.activities")}
            </A>
            <A class="button" href="/me/shifts">
              {t("volunteerNav.myShifts")}
            </A>
            <A class="button" href="/me/points">
              {t("points.title")}
            </A>
            <A class="button" href={`/store/${props.role.communityId}`}>
              {t("store.title")}
            </A>
            <A class="button" href={`/commitments/${props.role.communityId}`}>
              {t("commitments.title")}
            </A>
          </div>
        </Match>
        <Match when={props.role.role === "resident"}>
          <p>{t("home.residentIntro")}</p>
          <div class="actions">
            <A class="button" href="/requests/new">
              {t("requestNav.post")}
            </A>
            <A class="button" href={`/services/${props.role.communityId}`}>
              {t("requestNav.services")}
            </A>
            <A class="button" href={`/board/${props.role.communityId}`}>
              {t("requestNav.board")}
            </A>
            <A class="button" href="/activities">
              {t("volunteerNav.activities")}
            </A>
            <A class="button" href="/me/volunteer">
              {t("volunteerNav.profile")}
            </A>
            <A class="button" href="/me/points">
              {t("points.title")}
            </A>
            <A class="button" href={`/ratings?community=${props.role.communityId}`}>
              {t("ratings.title")}
            </A>
            <A class="button" href={`/honor/${props.role.communityId}`}>
              {t("honor.title")}
            </A>
            <A class="button" href={`/notices/${props.role.communityId}`}>
              {t("notices.title")}
            </A>
          </div>
        </Match>
      </Switch>
    </article>
  );
}

/** 我的荣誉: published awards of the person and their household, as badges. */
function Honours() {
  // A failed look-up (no signal) leaves the card out rather than the home page, which 扫一扫 needs offline.
  const [awards] = createResource(() => ratingsApi.myAwards().catch(() => ({ items: [] })));
  return (
    <Show when={(awards()?.items.filter((a) => !a.revoked).length ?? 0) > 0}>
      <article class="card">
        <h2>{t("honor.mine")}</h2>
        <p class="badges" data-testid="honours">
          <For each={awards()?.items.filter((a) => !a.revoked)}>
            {(a) => (
              <span class="honour-badge">
                {a.household ? t("common.aside", { text: honourLabel(a), note: t("honor.household") }) : honourLabel(a)}
              </span>
            )}
          </For>
        </p>
      </article>
    </Show>
  );
}

/** 我的联户: shown to whoever is paired with households, with how many are due for a visit. */
function MyCare() {
  // A failed look-up leaves the card out rather than the home page: the list page shows its own error.
  // Only a volunteer can be paired (core pairing.ts): nobody else asks.
  const [mine] = createResource(
    () => hasRole("volunteer"),
    () => careApi.mine().catch(() => ({ items: [] })),
  );
  const due = () => mine()?.items.filter((h) => h.due !== "ok").length ?? 0;
  return (
    <Show when={(mine()?.items.length ?? 0) > 0}>
      <article class="card">
        <h2>{t("home.myCare")}</h2>
        <A class="button" href="/care">
          {due() > 0 ? `${t("home.myCare")} · ${t("home.myCareDue", { n: due() })}` : t("home.myCare")}
        </A>
      </article>
    </Show>
  );
}

export default function Home() {
  return (
    <Show when={me()}>
      {(user) => (
        <section>
          <h1>{t("home.greeting", { name: user().user.name })}</h1>
          <ScanLink />
          <h2 class="sr-only">{t("home.myRoles")}</h2>
          <Inbox />
          <MyCare />
          <Honours />
          <div class="cards">
            <For each={user().roles}>{(role) => <RoleCard role={role} />}</For>
          </div>
        </section>
      )}
    </Show>
  );
}
