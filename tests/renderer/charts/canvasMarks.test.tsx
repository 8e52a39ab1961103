import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import {
  drawMarks,
  marksOf,
  marksToSvg,
  registerMarks,
  type Mark,
} from '../../../renderer/src/charts/canvasMarks';
import { serialiseChart } from '../../../renderer/src/charts/exportSvg';
import { useCanvasMarks } from '../../../renderer/src/charts/useCanvasMarks';

const MARKS: Mark[] = [
  { kind: 'path', d: 'M0 10H100', stroke: 'var(--test-grid)', className: 'svg-grid' },
  {
    kind: 'rect',
    x: 10,
    y: 20,
    width: 30.5,
    height: 8,
    fill: '#ff0000',
    fillOpacity: 0.5,
    stroke: '#ff0000',
    dash: [3, 2],
    className: 'bar',
  },
  { kind: 'rect', x: 0, y: 0, width: 5, height: 5, fill: '#00ff00', hatch: true },
  { kind: 'circle', cx: 3, cy: 4, r: 4.5, fill: '#0000ff', data: { key: 'stage1/0' } },
  { kind: 'line', x1: 1, y1: 2, x2: 3, y2: 4, stroke: '#000000' },
  { kind: 'text', x: 50, y: 30, dy: 0.32, text: '0.831', fontSize: 10, anchor: 'end' },
];

describe('marksToSvg', () => {
  it('writes one element per mark, in order, with its geometry, paint, class and data', () => {
    const g = marksToSvg(document, MARKS, (c) => (c === 'var(--test-grid)' ? '#eeeeee' : c));
    const els = Array.from(g.children).filter((e) => e.tagName !== 'defs');
    expect(els.map((e) => e.tagName)).toEqual(['path', 'rect', 'rect', 'circle', 'line', 'text']);
    const [grid, bar, hatched, dot, line, text] = els as [
      Element,
      Element,
      Element,
      Element,
      Element,
      Element,
    ];
    expect(grid.getAttribute('d')).toBe('M0 10H100');
    expect(grid.getAttribute('stroke')).toBe('#eeeeee');
    expect(grid.getAttribute('fill')).toBe('none');
    expect(grid.getAttribute('class')).toBe('svg-grid');
    expect(['x', 'y', 'width', 'height'].map((a) => bar.getAttribute(a))).toEqual([
      '10',
      '20',
      '30.5',
      '8',
    ]);
    expect(bar.getAttribute('fill-opacity')).toBe('0.5');
    expect(bar.getAttribute('stroke-dasharray')).toBe('3 2');
    // A hatched fill refers to a pattern in the group's own defs, drawn in the mark's colour.
    const id = /^url\(#(.+)\)$/.exec(hatched.getAttribute('fill')!)![1]!;
    const pattern = g.querySelector(`defs > pattern[id="${id}"]`)!;
    expect(pattern.getAttribute('patternTransform')).toBe('rotate(45)');
    expect(Array.from(pattern.querySelectorAll('rect')).map((r) => r.getAttribute('fill'))).toEqual(
      ['#00ff00', '#00ff00'],
    );
    expect(dot.getAttribute('data-key')).toBe('stage1/0');
    expect(dot.getAttribute('r')).toBe('4.5');
    expect([1, 2].flatMap((n) => [line.getAttribute(`x${n}`), line.getAttribute(`y${n}`)])).toEqual(
      ['1', '2', '3', '4'],
    );
    expect(text.textContent).toBe('0.831');
    expect(text.getAttribute('text-anchor')).toBe('end');
    expect(text.getAttribute('dy')).toBe('0.32em');
    expect(text.getAttribute('font-size')).toBe('10');
  });
});

/** A 2D context that records what is drawn: calls and the state each fill and text used. */
function recordingContext() {
  const calls: string[] = [];
  let fontSets = 0;
  const state = { fillStyle: '' as unknown, globalAlpha: 1, font: '', textAlign: 'start' };
  const ctx = {
    // The hatch tile: a small canvas of its own, drawn in the mark's colour.
    canvas: {
      ownerDocument: {
        createElement: () => ({
          getContext: () => ({
            fillRect: (x: number, y: number, w: number, h: number) =>
              calls.push(`tile ${x} ${y} ${w} ${h}`),
          }),
        }),
      },
    },
    set fillStyle(v: unknown) {
      state.fillStyle = v;
    },
    get fillStyle() {
      return state.fillStyle;
    },
    set globalAlpha(v: number) {
      state.globalAlpha = v;
    },
    get globalAlpha() {
      return state.globalAlpha;
    },
    set font(v: string) {
      fontSets++;
      state.font = v;
    },
    set textAlign(v: string) {
      state.textAlign = v;
    },
    strokeStyle: '',
    lineWidth: 1,
    textBaseline: 'alphabetic',
    setLineDash: (d: number[]) => calls.push(`dash ${d.join(',')}`),
    beginPath: () => undefined,
    rect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x} ${y} ${w} ${h}`),
    arc: (x: number, y: number, r: number) => calls.push(`arc ${x} ${y} ${r}`),
    moveTo: (x: number, y: number) => calls.push(`moveTo ${x} ${y}`),
    lineTo: (x: number, y: number) => calls.push(`lineTo ${x} ${y}`),
    fill: () =>
      calls.push(
        `fill ${typeof state.fillStyle === 'string' ? state.fillStyle : 'pattern'} @${state.globalAlpha}`,
      ),
    stroke: () => calls.push(`stroke @${state.globalAlpha}`),
    fillText: (t: string, x: number, y: number) =>
      calls.push(`text ${t} ${x} ${y} ${state.textAlign} ${state.font} ${String(state.fillStyle)}`),
    createPattern: () => ({ setTransform: () => undefined }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, fontSets: () => fontSets };
}

describe('drawMarks', () => {
  it('draws each mark with its colour and opacity, text at its baseline shift', () => {
    const rec = recordingContext();
    const shapes = MARKS.filter((m) => m.kind !== 'path'); // Path2D is not in the test DOM
    drawMarks(rec.ctx, shapes, (c) => (c === 'currentColor' ? '#111111' : c), 'Inter');
    expect(rec.calls).toEqual([
      'dash ',
      'rect 10 20 30.5 8',
      'fill #ff0000 @0.5',
      'dash 3,2',
      'stroke @1',
      'rect 0 0 5 5',
      'tile 0 0 5 5',
      'tile 0 0 1.2 5',
      'fill pattern @1',
      'arc 3 4 4.5',
      'fill #0000ff @1',
      'moveTo 1 2',
      'lineTo 3 4',
      'dash ',
      'stroke @1',
      // 30 + 0.32 em of 10 px: centred on y as SVG's dy="0.32em".
      'text 0.831 50 33.2 right 10px Inter #111111',
    ]);
  });

  it('sets the font once for labels of one size', () => {
    const rec = recordingContext();
    const labels: Mark[] = [1, 2, 3].map((i) => ({
      kind: 'text',
      x: i,
      y: i,
      text: String(i),
      fontSize: 10.5,
    }));
    drawMarks(rec.ctx, labels, (c) => c, 'Inter');
    expect(rec.calls.filter((c) => c.startsWith('text')).length).toBe(3);
    expect(rec.fontSets()).toBe(1);
  });
});

function LayeredChart({ marks }: { marks: Mark[] }) {
  const layer = useCanvasMarks(marks, 200, 100);
  return (
    <div className="svg-chart">
      {layer.canvas}
      <svg width={200} height={100}>
        {layer.anchor}
        <text className="axis-label" x={5} y={95}>
          axis
        </text>
      </svg>
    </div>
  );
}

describe('canvas layers in the SVG export', () => {
  beforeEach(() => document.documentElement.style.setProperty('--test-grid', '#abcdef'));
  afterEach(() => {
    cleanup();
    document.documentElement.style.removeProperty('--test-grid');
  });

  it('registers the drawn marks and exports them where the anchor is, under the SVG frame', () => {
    const { container, rerender } = render(<LayeredChart marks={MARKS.slice(0, 2)} />);
    const anchor = container.querySelector('[data-canvas-marks]')!;
    expect(marksOf(anchor)).toEqual(MARKS.slice(0, 2));
    const canvas = container.querySelector('canvas.canvas-marks') as HTMLCanvasElement;
    expect([canvas.style.width, canvas.style.height]).toEqual(['200px', '100px']);
    rerender(<LayeredChart marks={MARKS.slice(1, 2)} />);
    expect(marksOf(anchor)).toEqual(MARKS.slice(1, 2));
    rerender(<LayeredChart marks={MARKS.slice(0, 2)} />);

    const { svg } = serialiseChart(container, { title: 'Layered' });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const chart = doc.querySelector('svg > svg')!;
    // The marks come first (under the axis text), with CSS variables resolved.
    const order = Array.from(chart.querySelectorAll('path, rect, text')).map((e) => e.tagName);
    expect(order).toEqual(['path', 'rect', 'text']);
    expect(chart.querySelector('path')!.getAttribute('stroke')).toBe('#abcdef');
    expect(chart.querySelector('rect')!.getAttribute('width')).toBe('30.5');
    expect(chart.querySelector('[data-canvas-marks]')).toBeNull();
    expect(svg).not.toContain('var(');
  });

  it('exports an empty group for a layer that has drawn nothing', () => {
    const anchor = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    expect(marksOf(anchor)).toEqual([]);
    registerMarks(anchor, MARKS);
    expect(marksOf(anchor)).toBe(MARKS);
  });
});
