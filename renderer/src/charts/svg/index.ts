/**
 * A small kit for hand-drawn SVG charts: scales, round ticks, axes with titles, gridlines, a hover
 * tooltip and a measured, contained chart box. Legends are `ChartLegend` (../ChartLegend), which the
 * chart export redraws. Charts built on it render plain elements that React updates in place, one path
 * per colour where there are many marks. Pure geometry code imports the scale and tick modules
 * directly (they carry no styles).
 */
export { Axis, AxisTitle } from './Axis';
export { GridLines } from './Grid';
export { localPoint } from './pointer';
export { bandScale, linearScale, logScale, type BandScale, type ContinuousScale } from './scale';
export { keepMax } from './keepMax';
export { decadeTicks, ticksWithin } from './ticks';
export { SvgTooltip } from './Tooltip';
export { useMeasuredWidth } from './useMeasuredWidth';
export { useLiveHover, type BandHover, type LiveHover } from './useLiveHover';
import './svgCharts.css';
