import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { ChartLegend } from '../../../renderer/src/charts/ChartLegend';
import {
  escapeXml,
  resolveCssVariables,
  serialiseChart,
  wrapText,
} from '../../../renderer/src/charts/exportSvg';

/** Parses exported SVG text the way an image viewer would (XML), failing on malformed output. */
function parseSvg(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}

describe('resolveCssVariables', () => {
  beforeEach(() => {
    document.documentElement.style.setProperty('--test-ink', '#123456');
    document.documentElement.style.setProperty('--test-alias', 'var(--test-ink)');
  });
  afterEach(() => {
    document.documentElement.style.removeProperty('--test-ink');
    document.documentElement.style.removeProperty('--test-alias');
  });

  it('replaces a variable by its value', () => {
    expect(resolveCssVariables('var(--test-ink)', document.body)).toBe('#123456');
  });

  it('uses the fallback of an unset variable', () => {
    expect(resolveCssVariables('var(--test-unset, #fff)', document.body)).toBe('#fff');
  });

  it('leaves plain values alone', () => {
    expect(resolveCssVariables('rgb(1, 2, 3)', document.body)).toBe('rgb(1, 2, 3)');
  });

  it('resolves a fallback that is itself a variable', () => {
    expect(resolveCssVariables('var(--test-unset, var(--test-ink))', document.body)).toBe(
      '#123456',
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup characters', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});

describe('serialiseChart', () => {
  beforeEach(() => document.documentElement.style.setProperty('--test-ink', '#123456'));
  afterEach(() => {
    cleanup();
    document.documentElement.style.removeProperty('--test-ink');
  });

  function chartCard() {
    return render(
      <div data-testid="card">
        <svg width="200" height="100" viewBox="0 0 200 100">
          <rect x="10" y="10" width="50" height="80" fill="var(--test-ink)" />
          <text x="5" y="95">
            Axis &amp; label
          </text>
        </svg>
        <ChartLegend items={[{ label: 'conv2 <3×3>', color: 'var(--test-ink)' }]} />
      </div>,
    );
  }

  it('writes a standalone SVG with the title, the chart and the legend, colours resolved', () => {
    const { getByTestId } = chartCard();
    const out = serialiseChart(getByTestId('card'), {
      title: 'Breakdown',
      subtitle: 'ms per image',
    });
    expect(out.svg).not.toContain('var(');
    const doc = parseSvg(out.svg);
    const root = doc.documentElement;
    expect(root.getAttribute('width')).toBe(String(out.widthPx));
    expect(root.getAttribute('height')).toBe(String(out.heightPx));
    const texts = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(['Breakdown', 'ms per image', 'Axis & label', 'conv2 <3×3>']),
    );
    // The chart rect and the legend swatch both carry the resolved colour.
    const inked = Array.from(doc.querySelectorAll('rect')).filter(
      (r) => r.getAttribute('fill') === '#123456',
    );
    expect(inked.length).toBe(2);
    // The chart keeps its size; the document is at least as large as it.
    expect(out.widthPx).toBeGreaterThanOrEqual(200);
    expect(out.heightPx).toBeGreaterThan(100);
  });

  it('exports legend swatches but not as charts of their own', () => {
    const { getByTestId } = chartCard();
    const doc = parseSvg(serialiseChart(getByTestId('card'), { title: 'T' }).svg);
    // One nested svg for the chart, one for the single legend swatch.
    expect(doc.documentElement.querySelectorAll(':scope > svg').length).toBe(2);
  });

  it('refuses a card without a chart', () => {
    const { container } = render(<div>No chart</div>);
    expect(() => serialiseChart(container, { title: 'Empty' })).toThrow(/no chart/i);
  });
});

describe('wrapText', () => {
  it('breaks long subtitles into lines that fit the estimated width', () => {
    // 0.56 em per character at 10 px: 5.6 px each, so 60 px hold 10 characters.
    expect(wrapText('aaaa bbbb cccc dddd', 60, 10)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(wrapText('short', 600, 10)).toEqual(['short']);
    expect(wrapText('averyveryverylongword x', 20, 10)).toEqual(['averyveryverylongword', 'x']);
  });
});
