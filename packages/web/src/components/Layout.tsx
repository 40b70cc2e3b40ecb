import { A, useLocation, useNavigate } from "@solidjs/router";
import { Show, createEffect, createSignal, createResource, on, onCleanup, onMount, type JSX } from "solid-js";
import { ApiError, api, volunteering } from "../lib/api";
import { keepSending } from "../lib/checkin-queue";
import { headingFocus } from "../lib/focus";
import { locale, setLocale, t } from "../lib/i18n";
import { applyLargeText, largeText } from "../lib/prefs";
import { dashboardPath, ownPlace } from "../lib/places";
import { clearMe, communitiesWith, hasRole, me, mustChangePassword } from "../lib/session";

/** Header with the language and text-size switches, role-aware navigation, and the page. */
export function Layout(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  // The unread count follows the page: it is fetched again on every navigation. Offline there is none to show, and
  // the header must not fail the page read from the phone's store.
  const [unread] = createResource(
    () => (me() && !mustChangePassword() ? location.pathname : false),
    async () => (await volunteering.notifications().catch(() => ({ unread: 0 }))).unread,
  );
  let main!: HTMLElement;
  onMount(() => {
    // Scans waiting on this phone (待同步) go out when the signal returns.
    onCleanup(keepSending(() => me()?.user.id));
    const focus = headingFocus(main);
    // Not on the first load: the browser starts at the top of a freshly opened page already.
    createEffect(
      on(
        () => location.pathname,
        () => focus.navigated(),
        { defer: true },
      ),
    );
    onCleanup(focus.stop);
  });
  const [logoutError, setLogoutError] = createSignal("");
  const logout = async () => {
    setLogoutError("");
    try {
      await api.logout();
    } catch (error) {
      // Without a signal the server never hears of it, and the next person on this phone would be signed in as this one.
      if (error instanceof ApiError && error.status === 0) return setLogoutError(t("nav.logoutOffline"));
    }
    clearMe();
    navigate("/login");
  };
  return (
    <>
      <a class="skip" href="#main">
        {t("app.skip")}
      </a>
      <header class="top">
        <A href="/" class="brand">
          {t("app.name")}
        </A>
        <div class="prefs">
          <button
            type="button"
            class="link"
            onClick={() => void setLocale(locale() === "zh" ? "en" : "zh")}
            lang={locale() === "zh" ? "en" : "zh-CN"}
          >
            {t("prefs.language")}
          </button>
          <button type="button" class="link" aria-pressed={largeText()} onClick={() => applyLargeText(!largeText())}>
            {largeText() ? t("prefs.normalText") : t("prefs.largeText")}
          </button>
        </div>
      </header>
      {/* With a one-time password there is nowhere to go but the change: only signing out is offered. */}
      <Show when={mustChangePassword()}>
        <nav class="nav" aria-label="main">
          <button type="button" class="link" onClick={logout}>
            {t("nav.logout")}
          </button>
        </nav>
      </Show>
      <Show when={me() && !mustChangePassword()}>
        <nav class="nav" aria-label="main">
          <A href="/" end>
            {t("nav.home")}
            <Show when={(unread() ?? 0) > 0}>
              <span class="unread" aria-label={t("notes.unread", { n: unread() ?? 0 })}>
                {unread()}
              </span>
            </Show>
          </A>
          <A href="/me/requests">{t("requestNav.mine")}</A>
          <Show when={hasRole("volunteer", "teamLeader")}>
            <A href="/tasks">{t("volunteerNav.tasks")}</A>
          </Show>
          <Show when={hasRole("volunteer")}>
            <A href="/me/feed">{t("requestNav.feed")}</A>
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff", "gridWorker")}>
            <A href="/queue">{t("requestNav.queue")}</A>
          </Show>
          <Show when={ownPlace(me())}>{(place) => <A href={dashboardPath(place())}>{t("dashboard.nav")}</A>}</Show>
          <Show when={me()?.user.communityId ?? communitiesWith("communityStaff", "committeeMember")[0]}>
            {(communityId) => <A href={`/community/${communityId()}/topics`}>{t("topics.nav")}</A>}
          </Show>
          <A href="/activities">{t("volunteerNav.activities")}</A>
          <A href="/me/shifts">{t("volunteerNav.myShifts")}</A>
          <A href="/me/volunteer">{t("volunteerNav.profile")}</A>
          <Show when={hasRole("streetAdmin", "communityStaff", "gridWorker")}>
            <A href="/volunteers">{t("volunteerNav.volunteers")}</A>
          </Show>
          <A href="/teams">{t("volunteerNav.teams")}</A>
          <A href="/meetings">{t("meetings.nav")}</A>
          <Show when={hasRole("streetAdmin", "communityStaff", "committeeMember", "gridWorker")}>
            <A href="/admin/structure">{t("nav.structure")}</A>
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff", "gridWorker")}>
            <A href="/admin/accounts">{t("nav.accounts")}</A>
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff")}>
            <A href="/admin/audit">{t("nav.audit")}</A>
            <A href="/admin/deliveries">{t("nav.deliveries")}</A>
          </Show>
          <Show when={hasRole("streetAdmin", "communityStaff", "committeeMember", "gridWorker")}>
            <A href="/warnings">{t("nav.warnings")}</A>
          </Show>
          <A href="/password">{t("nav.password")}</A>
          <button type="button" class="link" onClick={logout}>
            {t("nav.logout")}
          </button>
        </nav>
      </Show>
      <Show when={logoutError()}>
        <p class="form-error" role="alert">
          {logoutError()}
        </p>
      </Show>
      <main id="main" ref={main}>
        {props.children}
      </main>
    </>
  );
}
