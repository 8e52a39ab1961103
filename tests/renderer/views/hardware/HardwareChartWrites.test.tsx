/**
 * On a rate change the charts write their bars' lengths and labels' places without reading them back
 * from the DOM (reading an SVG geometry attribute serialises it): they compare with what they wrote.
 */
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { loadStudio, renderWithHost, resetStudio } from '../support';

beforeEach(resetStudio);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const base = defaultConfig('resnet101', 'v100');

describe('Hardware charts on a rate change', () => {
  it('write every bar and label without reading an attribute of them', () => {
    loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    const { container } = renderWithHost(<HardwareView />);
    const bars = () =>
      Array.from(container.querySelectorAll('.hw-bars rect.hw-bar, .hw-bars text')).map((e) =>
        e.getAttribute(e.tagName === 'rect' ? 'width' : 'x'),
      );
    const before = bars();
    const read = vi.spyOn(Element.prototype, 'getAttribute');
    act(() => {
      loadStudio({ ...base, targetRate: 0.55 }, { hardware: true });
    });
    const readInCharts = read.mock.contexts.filter(
      (el) => el instanceof Element && el.closest('.hw-bars') !== null,
    );
    read.mockRestore();
    expect(readInCharts).toEqual([]);
    const after = bars();
    expect(after.length).toBe(before.length);
    after.forEach((v, i) => expect(v).not.toBe(before[i]));
  });
});
