import { Index, Show, createEffect, createSignal, on, onCleanup, onMount } from "solid-js";
import { zhFigures } from "../i18n/zh-figures";
import type { IndicatorKey } from "@tongxin/core";
import { Chart, ChartTable } from "./Chart";
import { LoadError } from "./LoadError";
import type { Dashboard } from "../lib/api";
import { WALL_LOOK, trendOption } from "../lib/chart-options";
import { addPageTexts, t } from "../lib/i18n";
import { formatValue, monthLabel } from "../lib/indicators";
import { formatTime } from "../lib/time";
import "../pages/dashboard.css";

addPageTexts(zhFigures);

/** Figures are asked for again this often: a change shows within a minute. */
const WALL_REFRESH_MS = 30_000;

/** The wall's headline figures, and its trends (each chart one or more indicators over the months). */
const HEADLINES: IndicatorKey[] = [
  "requests_received",
  "requests_closed",
  "requests_overdue",
  "requests_closed_in_time",
  "volunteers_active",
  "hours_confirmed",
];
const TRENDS: IndicatorKey[][] = [["requests_received", "requests_closed"], ["hours_confirmed"], ["volunteers_active"]];

type Indicator = Dashboard["indicators"][number];
/** What a wall shows: a dashboard's figures (and, read by its link, the place's name). */
type WallBoard = Pick<Dashboard, "asOf" | "indicators"> & { name?: string };

function TrendChart(props: { indicators: Indicator[] }) {
  const months = () => (props.indicators[0]?.trend ?? []).map((p) => monthLabel(p.month));
  const unit = () => props.indicators[0]?.unit ?? "count";
  const format = (v: number | null) => formatValue(unit(), v);
  const names = () => props.indicators.map((i) => t(`indicator.${i.key}`));
  return (
    <figure class="wall-chart">
      <figcaption>{names().join(" · ")}</figcaption>
      <Chart
        class="chart"
        option={trendOption(
          months(),
          props.indicators.map((i, n) => ({ name: names()[n] ?? i.key, values: i.trend.map((p) => p.value) })),
          format,
          WALL_LOOK,
        )}
        alternative={
          <ChartTable
            caption={names().join(" · ")}
            head={[t("dashboard.month"), ...names()]}
            rows={months().map((label, m) => ({
              label,
              values: props.indicators.map((i) => format(i.trend[m]?.value ?? null)),
            }))}
          />
        }
      />
    </figure>
  );
}

/**
 * 大屏: headline figures and trends for the service centre's TV. Figures only (no person is named), read from
 * `source` with `read` and again every 30 s; when a refresh fails it keeps the last figures and says so. An
 * answer after which asking again cannot help (`ended`: signed out, link stopped) shows `endedText` (or the error).
 */
export function WallScreen<S>(props: {
  source: S | undefined;
  read: (source: S) => Promise<WallBoard>;
  title?: string | undefined;
  ended: (error: unknown) => boolean;
  endedText?: string;
}) {
  const [board, setBoard] = createSignal<WallBoard>();
  const [failure, setFailure] = createSignal<unknown>();
  const [fullScreen, setFullScreen] = createSignal(false);
  const load = async () => {
    const source = props.source;
    if (source === undefined) return setFailure(() => new Error("not a wall"));
    try {
      setBoard(await props.read(source));
      setFailure(undefined);
    } catch (error) {
      setFailure(() => error);
    }
  };
  createEffect(
    on(
      () => props.source,
      () => void load(),
    ),
  );
  onMount(() => {
    const timer = setInterval(() => void load(), WALL_REFRESH_MS);
    const follow = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", follow);
    onCleanup(() => {
      clearInterval(timer);
      document.removeEventListener("fullscreenchange", follow);
    });
  });
  const isEnded = () => failure() !== undefined && props.ended(failure());
  const find = (key: IndicatorKey) => board()?.indicators.find((i) => i.key === key);
  const title = () => props.title ?? board()?.name;
  return (
    <main id="main" class="wall">
      <Show
        when={!isEnded() && board()}
        fallback={
          <Show when={failure()} fallback={<p>{t("common.loading")}</p>}>
            {(error) => (
              <Show when={isEnded() && props.endedText} fallback={<LoadError error={error()} onRetry={load} />}>
                {(text) => (
                  <p class="wall-stopped" role="alert">
                    {text()}
                  </p>
                )}
              </Show>
            )}
          </Show>
        }
      >
        {(b) => (
          <>
            <header class="wall-head">
              <h1>
                <Show when={title()}>{(name) => `${name()} · `}</Show>
                {t("dashboard.title")}
              </h1>
              <p class="wall-time" data-as-of={b().asOf}>
                {t("wall.updatedAt", { time: formatTime(b().asOf, false) })}
              </p>
              <Show when={!fullScreen() && document.fullscreenEnabled}>
                <button type="button" onClick={() => void document.documentElement.requestFullscreen()}>
                  {t("wall.fullscreen")}
                </button>
              </Show>
            </header>
            <Show when={failure()}>
              <p class="wall-stale" role="status">
                {t("wall.stale", { time: formatTime(b().asOf, false) })}
              </p>
            </Show>
            <ul class="wall-figures">
              <Index each={HEADLINES.map(find).filter((i) => i !== undefined)}>
                {(i) => (
                  <li data-indicator={i().key}>
                    <span class="wall-label">{t(`indicator.${i().key}`)}</span>
                    <span class="wall-value">{formatValue(i().unit, i().value)}</span>
                  </li>
                )}
              </Index>
            </ul>
            <div class="wall-charts">
              {/* Index: a refresh updates each chart in place instead of drawing it anew. */}
              <Index each={TRENDS.map((keys) => keys.map(find).filter((i) => i !== undefined))}>
                {(indicators) => (
                  <Show when={indicators().length > 0}>
                    <TrendChart indicators={indicators()} />
                  </Show>
                )}
              </Index>
            </div>
          </>
        )}
      </Show>
    </main>
  );
}
