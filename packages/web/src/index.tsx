import { Navigate, Route, Router, useLocation, useNavigate } from "@solidjs/router";
import { Show, createEffect, createResource, lazy, type JSX } from "solid-js";
import { render } from "solid-js/web";
import { Layout } from "./components/Layout";
import { api } from "./lib/api";
import { locale, t } from "./lib/i18n";
import { applyLargeText, largeText } from "./lib/prefs";
import { me } from "./lib/session";
import Login from "./pages/Login";
import Register from "./pages/Register";
import Home from "./pages/Home";
import "./styles.css";

const Setup = lazy(() => import("./pages/Setup"));
const Password = lazy(() => import("./pages/Password"));
const Structure = lazy(() => import("./pages/Structure"));
const Accounts = lazy(() => import("./pages/Accounts"));
const Audit = lazy(() => import("./pages/Audit"));

/** Pages behind sign-in: anonymous visitors go to the login page. */
function Private(props: { children?: JSX.Element }) {
  return (
    <Show when={!me.loading} fallback={<p>{t("common.loading")}</p>}>
      <Show when={me()} fallback={<Navigate href="/login" />}>
        {props.children}
      </Show>
    </Show>
  );
}

/** Sends everyone to the setup page while the database has no account (SEED=none). */
function Shell(props: { children?: JSX.Element }) {
  const [setup] = createResource(api.setupNeeded);
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    if (setup()?.needed && location.pathname !== "/setup") navigate("/setup", { replace: true });
  });
  createEffect(() => (document.documentElement.lang = locale() === "zh" ? "zh-CN" : "en"));
  return <Layout>{props.children}</Layout>;
}

applyLargeText(largeText());

render(
  () => (
    <Router root={Shell}>
      <Route path="/login" component={Login} />
      <Route path="/register" component={Register} />
      <Route path="/setup" component={Setup} />
      <Route path="/" component={() => <Private><Home /></Private>} />
      <Route path="/password" component={() => <Private><Password /></Private>} />
      <Route path="/admin/structure" component={() => <Private><Structure /></Private>} />
      <Route path="/admin/accounts" component={() => <Private><Accounts /></Private>} />
      <Route path="/admin/audit" component={() => <Private><Audit /></Private>} />
      <Route path="*" component={() => <Navigate href="/" />} />
    </Router>
  ),
  document.getElementById("root")!,
);
