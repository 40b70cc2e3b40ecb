import { A, useLocation } from "@solidjs/router";
import { ErrorBoundary, Show, createEffect, on, type JSX } from "solid-js";
import { ApiError } from "../lib/api";
import { errorText, t } from "../lib/i18n";

/** What the reader can do next after a failed load, by what went wrong. */
function nextStep(error: unknown): string {
  if (!(error instanceof ApiError)) return t("loadError.retryLater");
  if (error.status === 404) return t("loadError.notFound");
  if (error.status === 403) return t("loadError.forbidden");
  if (error.status === 401) return t("loadError.signIn");
  if (error.status === 0) return t("loadError.network");
  return t("loadError.retryLater");
}

/**
 * A page that could not load: what happened, what to do next, and a way on —
 * try again (a fresh load asks the server again) or back to the home page.
 */
export function LoadError(props: { error: unknown; onRetry?: () => void }) {
  const location = useLocation();
  const retry = () => (props.onRetry ? props.onRetry() : window.location.reload());
  const signIn = () => props.error instanceof ApiError && props.error.status === 401;
  // Asking again helps only when the way failed (network, server), never a refusal or a wrong address.
  const retryable = () => !(props.error instanceof ApiError) || props.error.status === 0 || props.error.status >= 500;
  return (
    <section class="card narrow load-error" role="alert">
      <h1>{props.error instanceof ApiError ? errorText(props.error) : t("loadError.failed")}</h1>
      <p>{nextStep(props.error)}</p>
      <div class="actions">
        <Show when={signIn()}>
          <A class="button primary" href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
            {t("nav.login")}
          </A>
        </Show>
        <Show when={retryable()}>
          <button type="button" class="primary" onClick={retry}>
            {t("loadError.retry")}
          </button>
        </Show>
        <A class="button" href="/">
          {t("loadError.home")}
        </A>
      </div>
    </section>
  );
}

/**
 * Every page's error state for a failed load: a resource read after its fetch
 * failed throws, and lands here instead of leaving a blank or half-drawn page.
 * Moving to another page clears it.
 */
export function PageBoundary(props: { children?: JSX.Element }) {
  const location = useLocation();
  let clear: (() => void) | undefined;
  createEffect(
    on(
      () => location.pathname,
      () => {
        clear?.();
        clear = undefined;
      },
      { defer: true },
    ),
  );
  return (
    <ErrorBoundary
      fallback={(error, reset) => {
        clear = reset;
        return <LoadError error={error} />;
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
