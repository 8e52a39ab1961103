/** The direct writers of the header's and status bar's figures: text, full-precision value and tone. */
import { describe, expect, it } from 'vitest';
import {
  figureWriter,
  NO_FIGURE,
  textNodeOf,
  type Figure,
} from '../../../renderer/src/components/figureWriter';

describe('figureWriter', () => {
  it('writes the text into the same text node, and data-exact and the tone where they change', () => {
    const el = document.createElement('span');
    el.className = 'metric-value';
    el.textContent = '—';
    const node = el.firstChild;
    const write = figureWriter<Figure>(el, (f) => f);
    write({ text: '1.176 ms', exact: 1.1762, tone: 'good' });
    expect(el.textContent).toBe('1.176 ms');
    expect(el.firstChild).toBe(node); // the text node is kept, not replaced
    expect(el.getAttribute('data-exact')).toBe('1.1762');
    expect(el.className).toBe('metric-value good');
    write({ text: '0.98×', tone: 'bad' });
    expect(el.textContent).toBe('0.98×');
    expect(el.hasAttribute('data-exact')).toBe(false);
    expect(el.className).toBe('metric-value bad');
    write(NO_FIGURE);
    expect(el.textContent).toBe('—');
    expect(el.className).toBe('metric-value');
  });

  it('touches the DOM only for what differs', () => {
    const el = document.createElement('span');
    const write = figureWriter<Figure>(el, (f) => f);
    write({ text: '0.488', exact: 0.4881 });
    const seen: string[] = [];
    const observer = new MutationObserver((ms) => ms.forEach((m) => seen.push(m.type)));
    observer.observe(el, { attributes: true, characterData: true, subtree: true, childList: true });
    write({ text: '0.488', exact: 0.4881 });
    expect(observer.takeRecords()).toEqual([]);
    write({ text: '0.500', exact: 0.5 });
    expect(
      observer
        .takeRecords()
        .map((m) => m.type)
        .sort(),
    ).toEqual(['attributes', 'characterData']);
    expect(seen).toEqual([]);
  });

  it('textNodeOf makes an element with other children hold one text node', () => {
    const el = document.createElement('span');
    el.append(document.createElement('b'), 'x');
    const node = textNodeOf(el);
    expect(el.childNodes.length).toBe(1);
    expect(el.firstChild).toBe(node);
    expect(textNodeOf(el)).toBe(node);
  });
});
