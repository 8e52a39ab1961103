/**
 * An HTML legend whose items carry their swatch as data attributes, so that the chart export can redraw
 * the legend inside the exported SVG (recharts legends are HTML and would otherwise be lost).
 */

/** How a legend swatch is drawn. */
export type SwatchStyle =
  'solid' | 'hatch' | 'faded' | 'line' | 'dashed' | 'dot' | 'diamond' | 'outline';

export interface LegendItem {
  label: string;
  /** Any CSS colour, usually a `var(--…)`. */
  color: string;
  swatch?: SwatchStyle;
}

/** Inline SVG of one swatch (also used by the export, which copies this markup). */
export function Swatch({ color, swatch = 'solid' }: { color: string; swatch?: SwatchStyle }) {
  return (
    <svg width="14" height="10" viewBox="0 0 14 10" aria-hidden="true" className="legend-swatch">
      {swatch === 'solid' ? <rect x="0" y="0" width="14" height="10" rx="2" fill={color} /> : null}
      {swatch === 'faded' ? (
        <rect x="0" y="0" width="14" height="10" rx="2" fill={color} fillOpacity={0.4} />
      ) : null}
      {swatch === 'outline' ? (
        <rect x="1" y="1" width="12" height="8" rx="2" fill="none" stroke={color} strokeWidth={2} />
      ) : null}
      {swatch === 'hatch' ? (
        <>
          <rect x="0" y="0" width="14" height="10" rx="2" fill={color} fillOpacity={0.25} />
          <path d="M0 10 L10 0 M4 10 L14 0 M-2 4 L4 -2" stroke={color} strokeWidth={1.6} />
        </>
      ) : null}
      {swatch === 'line' ? (
        <line x1="0" y1="5" x2="14" y2="5" stroke={color} strokeWidth={2} />
      ) : null}
      {swatch === 'dashed' ? (
        <line x1="0" y1="5" x2="14" y2="5" stroke={color} strokeWidth={1.5} strokeDasharray="3 2" />
      ) : null}
      {swatch === 'dot' ? <circle cx="7" cy="5" r="4" fill={color} /> : null}
      {swatch === 'diamond' ? <path d="M7 0 L12 5 L7 10 L2 5 Z" fill={color} /> : null}
    </svg>
  );
}

/** A wrapping row of legend items, below a chart. */
export function ChartLegend({
  items,
  label = 'Legend',
}: {
  items: readonly LegendItem[];
  label?: string;
}) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li
          key={`${item.label}|${item.swatch ?? 'solid'}`}
          data-legend-item=""
          data-legend-color={item.color}
          data-legend-swatch={item.swatch ?? 'solid'}
        >
          <Swatch color={item.color} swatch={item.swatch} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
