/** Shared chart building blocks of the analysis views. */
export { ChartCard } from './ChartCard';
export { ChartFrame } from './ChartFrame';
export { ChartLegend, type LegendItem } from './ChartLegend';
export {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TOOLTIP_PROPS,
  stageColor,
} from './theme';
export { Predicting } from './Predicting';
