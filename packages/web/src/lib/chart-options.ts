import type { ChartOption } from "./echarts";

/** Colours and type size of a chart: on a page (light, 14 px: the smallest text the app shows), or on the wall (dark, read from 3 m). */
export type ChartLook = { ink: string; line: string; colors: string[]; fontSize: number };

export const PAGE_LOOK: ChartLook = { ink: "#545c66", line: "#d8dde3", colors: ["#b3261e", "#1f5fa8"], fontSize: 14 };
export const WALL_LOOK: ChartLook = { ink: "#f0f3f6", line: "#4a5563", colors: ["#ffd54a", "#7cc7ff"], fontSize: 24 };

type Format = (value: number | null) => string;

const axisText = (look: ChartLook) => ({ color: look.ink, fontSize: look.fontSize });
/** A value axis's numbers kept short, so they do not crowd a phone's width: 20,000 → 2万 / 20K. */
const valueAxisText = (look: ChartLook) => ({
  ...axisText(look),
  formatter: (value: number) =>
    new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { notation: "compact" }).format(value),
});
const tooltip = (look: ChartLook, format: Format, trigger: "axis" | "item") => ({
  trigger,
  textStyle: { fontSize: Math.max(14, look.fontSize * 0.75) },
  valueFormatter: (value: unknown) => format(typeof value === "number" ? value : null),
});

/** Lines over the months, one per series; a month with nothing counted (null) leaves a gap. */
export function trendOption(
  months: string[],
  series: { name: string; values: (number | null)[] }[],
  format: Format,
  look: ChartLook,
): ChartOption {
  return {
    color: look.colors,
    animation: false,
    // Fixed margins, not containLabel: ECharts 6 fitting labels into a narrow chart hung the page (large text, phone).
    grid: {
      left: look.fontSize * 3.5,
      right: look.fontSize,
      top: series.length > 1 ? look.fontSize * 2 : look.fontSize,
      bottom: look.fontSize * 2,
    },
    tooltip: tooltip(look, format, "axis"),
    ...(series.length > 1 ? { legend: { top: 0, textStyle: axisText(look) } } : {}),
    xAxis: { type: "category", data: months, axisLabel: axisText(look), axisLine: { lineStyle: { color: look.line } } },
    yAxis: {
      type: "value",
      minInterval: 1,
      axisLabel: valueAxisText(look),
      splitLine: { lineStyle: { color: look.line } },
    },
    series: series.map((s) => ({
      type: "line",
      name: s.name,
      data: s.values,
      symbolSize: look.fontSize / 2,
      lineStyle: { width: look.fontSize / 6 },
    })),
  };
}

/** Horizontal bars, one per group, the first on top: communities side by side, grid by grid, by category. */
export function barOption(
  rows: { label: string; value: number | null }[],
  format: Format,
  look: ChartLook,
): ChartOption {
  return {
    color: look.colors,
    animation: false,
    grid: { left: look.fontSize * 8, right: look.fontSize * 1.5, top: 8, bottom: look.fontSize * 2 },
    tooltip: tooltip(look, format, "item"),
    xAxis: {
      type: "value",
      minInterval: 1,
      axisLabel: valueAxisText(look),
      splitLine: { lineStyle: { color: look.line } },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => r.label),
      // A long grid path is cut short here; the table beside the chart has it whole.
      axisLabel: { ...axisText(look), width: look.fontSize * 7.5, overflow: "truncate" },
    },
    series: [{ type: "bar", data: rows.map((r) => r.value), barMaxWidth: look.fontSize * 1.5 }],
  };
}
