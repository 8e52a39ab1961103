/** The direct writers shared by the views that follow a rate change without a React render. */
import { describe, expect, it, vi } from 'vitest';
import {
  cachedAttrWriter,
  createLive,
  writeAttr,
  writeText,
} from '../../../renderer/src/components/liveWrites';

describe('createLive', () => {
  it('keeps the latest value and publishes each one to the subscribers, until they unsubscribe', () => {
    const live = createLive<number>();
    expect(live.get()).toBeNull();
    const seen: number[] = [];
    const stop = live.subscribe((v) => seen.push(v));
    live.set(1);
    live.set(2);
    stop();
    live.set(3);
    expect(seen).toEqual([1, 2]);
    expect(live.get()).toBe(3);
  });
});

describe('writeAttr and writeText', () => {
  it('write only what differs, into the same text node', () => {
    const el = document.createElement('td');
    el.textContent = '1.000 ms';
    const node = el.firstChild;
    const set = vi.spyOn(el, 'setAttribute');
    writeAttr(el, 'class', 'warn');
    writeAttr(el, 'class', 'warn');
    expect(set).toHaveBeenCalledTimes(1);
    writeText(el, '0.850 ms');
    expect(el.textContent).toBe('0.850 ms');
    expect(el.firstChild).toBe(node);
    writeText(null, 'ignored');
  });
});

describe('cachedAttrWriter', () => {
  it('reads an attribute once, then compares with what it wrote', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    svg.setAttribute('width', '10');
    const get = vi.spyOn(svg, 'getAttribute');
    const set = vi.spyOn(svg, 'setAttribute');
    const write = cachedAttrWriter();
    write(svg, 'width', '10'); // equal to what is there: nothing written
    write(svg, 'width', '12');
    write(svg, 'width', '12');
    write(svg, 'width', '14');
    expect(get).toHaveBeenCalledTimes(1);
    expect(set.mock.calls).toEqual([
      ['width', '12'],
      ['width', '14'],
    ]);
    expect(svg.getAttribute('width')).toBe('14');
  });
});
