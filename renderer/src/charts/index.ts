/** Shared chart building blocks of the analysis views. */
export { ChartCard, type ChartCardProps } from './ChartCard';
export { ChartFrame, FALLBACK_CHART_WIDTH_PX } from './ChartFrame';
export { ChartLegend, Swatch, type LegendItem, type SwatchStyle } from './ChartLegend';
export { serialiseChart, resolveCssVariables, escapeXml, type SerialisedChart } from './exportSvg';
export { chartToPng, PNG_SCALE } from './exportPng';
export {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TOOLTIP_PROPS,
  stageColor,
} from './theme';
export { Predicting } from './Predicting';
