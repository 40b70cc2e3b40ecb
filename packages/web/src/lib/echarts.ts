import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { init, use, type ComposeOption } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/*
 * ECharts with only the parts the dashboards draw. Imported through `import()` alone (components/Chart.tsx),
 * so it lands in its own chunk and pages without a chart load nothing of it (e2e/dashboard checks).
 * SVG: crisp on a TV at any size, and lighter than the canvas renderer for small charts.
 */
use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export { init };
