import { Navigate, Route, Router, useLocation, useNavigate } from "@solidjs/router";
import { Show, createEffect, lazy, type JSX } from "solid-js";
import { render } from "solid-js/web";
import { Layout } from "./components/Layout";
import { LoadError, PageBoundary } from "./components/LoadError";
import { ApiError } from "./lib/api";
import { addPageTexts, catalogueReady, locale, t } from "./lib/i18n";
import { applyLargeText, largeText } from "./lib/prefs";
import { hasRole, me, mustChangePassword, setupNeeded } from "./lib/session";
import Login from "./pages/Login";
import Register from "./pages/Register";
import Home from "./pages/Home";
import "./styles.css";
import { must } from "@tongxin/core";

const Setup = lazy(() => import("./pages/Setup"));
const Password = lazy(() => import("./pages/Password"));
const ForgotPassword = lazy(() => import("./pages/ForgotPassword"));
const Structure = lazy(() => import("./pages/Structure"));
const Accounts = lazy(() => import("./pages/Accounts"));
const Audit = lazy(() => import("./pages/Audit"));
const Deliveries = lazy(() => import("./pages/Deliveries"));
const ApiTokens = lazy(() => import("./pages/ApiTokens"));
const Warnings = lazy(() => import("./pages/Warnings"));
const Activities = lazy(() => import("./pages/Activities"));
const ActivityPage = lazy(() => import("./pages/ActivityPage"));
const NewActivity = lazy(() => import("./pages/NewActivity"));
const Console = lazy(() => import("./pages/Console"));
const QrScreen = lazy(() => import("./pages/QrScreen"));
const CheckIn = lazy(() => import("./pages/CheckIn"));
const MyShifts = lazy(() => import("./pages/MyShifts"));
const Tasks = lazy(() => import("./pages/Tasks"));
const Profile = lazy(() => import("./pages/Profile"));
const Record = lazy(() => import("./pages/Record"));
const Team = lazy(() => import("./pages/Team"));
const Partner = lazy(() => import("./pages/Partner"));
const TeamsAdmin = lazy(() => import("./pages/TeamsAdmin"));
const VolunteerSearch = lazy(() => import("./pages/VolunteerSearch"));
const NewRequest = lazy(() => import("./pages/NewRequest"));
const RequestPage = lazy(() => import("./pages/RequestPage"));
const Matches = lazy(() => import("./pages/Matches"));
const MyRequests = lazy(() => import("./pages/RequestLists").then((m) => ({ default: m.MyRequests })));
const Feed = lazy(() => import("./pages/RequestLists").then((m) => ({ default: m.Feed })));
const Queue = lazy(() => import("./pages/RequestLists").then((m) => ({ default: m.Queue })));
const Board = lazy(() => import("./pages/Board"));
const ServiceCard = lazy(() => import("./pages/ServiceCard"));
const Projects = lazy(() => import("./pages/Projects"));
const Points = lazy(() => import("./pages/Points"));
const Store = lazy(() => import("./pages/Store"));
const StoreDesk = lazy(() => import("./pages/StoreDesk"));
const Scan = lazy(() => import("./pages/Scan"));
const PointsAdmin = lazy(() => import("./pages/PointsAdmin"));
const Ratings = lazy(() => import("./pages/Ratings"));
const CycleDesk = lazy(() => import("./pages/CycleDesk"));
const Nominate = lazy(() => import("./pages/Nominate"));
const Notices = lazy(() => import("./pages/Notices"));
const NoticePrint = lazy(() => import("./pages/NoticePrint"));
const HonorRoll = lazy(() => import("./pages/HonorRoll"));
const CertificatePrint = lazy(() => import("./pages/CertificatePrint"));
const Verify = lazy(() => import("./pages/Verify"));
const Dashboard = lazy(() => import("./pages/Dashboard"));
const OwnDashboard = lazy(() => import("./pages/Dashboard").then((m) => ({ default: m.OwnDashboard })));
const Wall = lazy(() => import("./pages/Wall"));
const Topics = lazy(() => import("./pages/Topics"));
const Topic = lazy(() => import("./pages/Topic"));
const WallByLink = lazy(() => import("./pages/WallByLink"));
const PublicTopics = lazy(() => import("./pages/PublicTopics"));
const PublicTopic = lazy(() => import("./pages/PublicTopic"));
const TopicNoticePrint = lazy(() => import("./pages/TopicNoticePrint"));
const Commitments = lazy(() => import("./pages/Commitments"));
const MeetingsDesk = lazy(() => import("./pages/Meetings"));
const DeliberationSettings = lazy(() => import("./pages/DeliberationSettings"));
const MyMeetings = lazy(() => import("./pages/Meetings").then((m) => ({ default: m.MyMeetings })));
const Meeting = lazy(() => import("./pages/Meeting"));
const CareBook = lazy(() => import("./pages/CareBook"));
const MyCare = lazy(() => import("./pages/MyCare"));
const CareVisit = lazy(() => import("./pages/CareVisit"));
const CareHousehold = lazy(() => import("./pages/CareHousehold"));
const CareCampaigns = lazy(() => import("./pages/CareCampaigns"));
const CareConfirmations = lazy(() => import("./pages/CareConfirmations"));

/** Pages behind sign-in: anonymous visitors go to the login page, and come back after it. */
function Private(props: { children?: JSX.Element }) {
  const location = useLocation();
  const back = () => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <Show when={!me.loading} fallback={<p>{t("common.loading")}</p>}>
      <Show when={me()} fallback={<Navigate href={back()} />}>
        {props.children}
      </Show>
    </Show>
  );
}

/** Pages for those who run the community: anyone else reads that the page is not for them, not an empty list. */
function Staff(props: { children?: JSX.Element }) {
  return (
    <Private>
      <Show
        when={hasRole("streetAdmin", "communityStaff", "gridWorker", "committeeMember")}
        fallback={<LoadError error={new ApiError(403, "forbidden", "forbidden", [])} />}
      >
        {props.children}
      </Show>
    </Private>
  );
}

/**
 * Sends everyone to the setup page while the database has no account (SEED=none)
 * and away from it once set up; a person signed in with a one-time password
 * goes to the change-password page until they set their own.
 */
function Shell(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    const path = location.pathname;
    const setup = setupNeeded();
    if (setup === true && path !== "/setup") navigate("/setup", { replace: true });
    else if (setup === false && path === "/setup") navigate("/", { replace: true });
    else if (mustChangePassword() && path !== "/password") navigate("/password", { replace: true });
  });
  createEffect(() => (document.documentElement.lang = locale() === "zh" ? "zh-CN" : "en"));
  // The outer boundary catches what the header itself could not load (who is signed in).
  return (
    <Show when={catalogueReady()}>
      <PageBoundary>
        {/* The wall screen fills the TV: no header, no menu. */}
        <Show when={!location.pathname.startsWith("/wall/")} fallback={props.children}>
          <Layout>
            <PageBoundary>{props.children}</PageBoundary>
          </Layout>
        </Show>
      </PageBoundary>
    </Show>
  );
}

applyLargeText(largeText());

// The service worker, the update banner and the manifest's language come after the first paint (lib/worker.ts).
if (import.meta.env.PROD)
  window.addEventListener("load", () => void import("./lib/worker").then((m) => m.startWorker(t, addPageTexts)), {
    once: true,
  });

render(
  () => (
    <Router root={Shell}>
      <Route path="/login" component={Login} />
      <Route path="/register" component={Register} />
      <Route path="/forgot-password" component={ForgotPassword} />
      <Route path="/setup" component={Setup} />
      <Route
        path="/"
        component={() => (
          <Private>
            <Home />
          </Private>
        )}
      />
      <Route
        path="/password"
        component={() => (
          <Private>
            <Password />
          </Private>
        )}
      />
      <Route
        path="/admin/structure"
        component={() => (
          <Staff>
            <Structure />
          </Staff>
        )}
      />
      <Route
        path="/admin/accounts"
        component={() => (
          <Staff>
            <Accounts />
          </Staff>
        )}
      />
      <Route
        path="/admin/audit"
        component={() => (
          <Staff>
            <Audit />
          </Staff>
        )}
      />
      <Route
        path="/admin/deliveries"
        component={() => (
          <Staff>
            <Deliveries />
          </Staff>
        )}
      />
      <Route
        path="/admin/api-tokens"
        component={() => (
          <Staff>
            <ApiTokens />
          </Staff>
        )}
      />
      <Route
        path="/grids/:id/care-book"
        component={() => (
          <Staff>
            <CareBook />
          </Staff>
        )}
      />
      <Route
        path="/warnings"
        component={() => (
          <Staff>
            <Warnings />
          </Staff>
        )}
      />
      <Route path="/activities" component={Activities} />
      <Route
        path="/activities/new"
        component={() => (
          <Private>
            <NewActivity />
          </Private>
        )}
      />
      <Route path="/activities/:id" component={ActivityPage} />
      <Route
        path="/organise/:id"
        component={() => (
          <Private>
            <Console />
          </Private>
        )}
      />
      <Route
        path="/organise/shifts/:id/qr"
        component={() => (
          <Private>
            <QrScreen />
          </Private>
        )}
      />
      <Route
        path="/scan"
        component={() => (
          <Private>
            <Scan />
          </Private>
        )}
      />
      <Route
        path="/checkin"
        component={() => (
          <Private>
            <CheckIn />
          </Private>
        )}
      />
      <Route
        path="/me/shifts"
        component={() => (
          <Private>
            <MyShifts />
          </Private>
        )}
      />
      <Route
        path="/tasks"
        component={() => (
          <Private>
            <Tasks />
          </Private>
        )}
      />
      <Route
        path="/me/points"
        component={() => (
          <Private>
            <Points />
          </Private>
        )}
      />
      <Route
        path="/store/:id"
        component={() => (
          <Private>
            <Store />
          </Private>
        )}
      />
      <Route
        path="/store/:id/desk"
        component={() => (
          <Private>
            <StoreDesk />
          </Private>
        )}
      />
      <Route
        path="/admin/points"
        component={() => (
          <Staff>
            <PointsAdmin />
          </Staff>
        )}
      />
      <Route
        path="/ratings"
        component={() => (
          <Private>
            <Ratings />
          </Private>
        )}
      />
      <Route
        path="/ratings/cycles/:id"
        component={() => (
          <Private>
            <CycleDesk />
          </Private>
        )}
      />
      <Route
        path="/ratings/cycles/:id/nominate"
        component={() => (
          <Private>
            <Nominate />
          </Private>
        )}
      />
      <Route path="/notices/:id" component={Notices} />
      <Route path="/notices/:id/print/:cycleId" component={NoticePrint} />
      <Route path="/honor/:id" component={HonorRoll} />
      <Route
        path="/certificates/:id"
        component={() => (
          <Private>
            <CertificatePrint />
          </Private>
        )}
      />
      <Route path="/verify/:code" component={Verify} />
      <Route
        path="/meetings"
        component={() => (
          <Private>
            <MyMeetings />
          </Private>
        )}
      />
      <Route
        path="/meetings/:id"
        component={() => (
          <Private>
            <Meeting />
          </Private>
        )}
      />
      <Route
        path="/communities/:id/meetings"
        component={() => (
          <Staff>
            <MeetingsDesk />
          </Staff>
        )}
      />
      <Route
        path="/communities/:id/deliberation-settings"
        component={() => (
          <Staff>
            <DeliberationSettings />
          </Staff>
        )}
      />
      <Route
        path="/me/volunteer"
        component={() => (
          <Private>
            <Profile />
          </Private>
        )}
      />
      <Route
        path="/volunteers"
        component={() => (
          <Staff>
            <VolunteerSearch />
          </Staff>
        )}
      />
      <Route
        path="/volunteers/:id/record"
        component={() => (
          <Private>
            <Record />
          </Private>
        )}
      />
      <Route path="/teams" component={TeamsAdmin} />
      <Route path="/teams/:id" component={Team} />
      <Route path="/partners/:id" component={Partner} />
      <Route
        path="/requests/new"
        component={() => (
          <Private>
            <NewRequest />
          </Private>
        )}
      />
      <Route
        path="/requests/:id"
        component={() => (
          <Private>
            <RequestPage />
          </Private>
        )}
      />
      <Route
        path="/requests/:id/matches"
        component={() => (
          <Private>
            <Matches />
          </Private>
        )}
      />
      <Route
        path="/me/requests"
        component={() => (
          <Private>
            <MyRequests />
          </Private>
        )}
      />
      <Route
        path="/me/feed"
        component={() => (
          <Private>
            <Feed />
          </Private>
        )}
      />
      <Route
        path="/queue"
        component={() => (
          <Staff>
            <Queue />
          </Staff>
        )}
      />
      <Route
        path="/dashboard"
        component={() => (
          <Staff>
            <OwnDashboard />
          </Staff>
        )}
      />
      <Route
        path="/dashboard/:kind/:id"
        component={() => (
          <Staff>
            <Dashboard />
          </Staff>
        )}
      />
      <Route path="/wall/t/:token" component={WallByLink} />
      <Route
        path="/wall/:kind/:id"
        component={() => (
          <Staff>
            <Wall />
          </Staff>
        )}
      />
      <Route path="/board/:id" component={Board} />
      <Route path="/public-topics/:id" component={PublicTopics} />
      <Route path="/public-topics/:id/:topicId" component={PublicTopic} />
      <Route path="/public-topics/:id/:topicId/print/:kind" component={TopicNoticePrint} />
      <Route path="/services/:id" component={ServiceCard} />
      <Route path="/projects/:id" component={Projects} />
      <Route
        path="/community/:id/topics"
        component={() => (
          <Private>
            <Topics />
          </Private>
        )}
      />
      <Route
        path="/topics/:id"
        component={() => (
          <Private>
            <Topic />
          </Private>
        )}
      />
      <Route
        path="/commitments/:id"
        component={() => (
          <Private>
            <Commitments />
          </Private>
        )}
      />
      <Route
        path="/care"
        component={() => (
          <Private>
            <MyCare />
          </Private>
        )}
      />
      <Route
        path="/households/:id/care"
        component={() => (
          <Private>
            <CareHousehold />
          </Private>
        )}
      />
      <Route
        path="/households/:id/care/visit"
        component={() => (
          <Private>
            <CareVisit />
          </Private>
        )}
      />
      <Route
        path="/communities/:id/care/campaigns"
        component={() => (
          <Staff>
            <CareCampaigns />
          </Staff>
        )}
      />
      <Route
        path="/communities/:id/care/confirmations"
        component={() => (
          <Staff>
            <CareConfirmations />
          </Staff>
        )}
      />
      <Route path="*" component={() => <Navigate href="/" />} />
    </Router>
  ),
  must(document.getElementById("root")),
);
