/**
 * The comparison table's rows scrolled out of view keep their numbers through rate changes and catch up
 * at the next scroll, or when they come into view (one shared IntersectionObserver, faked here: jsdom
 * has none).
 */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { useStudio } from '../../../../renderer/src/store';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import {
  installFakeIntersectionObserver,
  scrolled as seen,
  watched,
} from '../../fakeIntersectionObserver';

beforeAll(installFakeIntersectionObserver);
beforeEach(resetStudio);
afterEach(cleanup);

const base = defaultConfig('resnet101', 'v100');

/** The table's body rows, rendered at rate 0.5, the last one reported out of view. */
function lastRowOutOfView() {
  loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
  renderWithHost(<HardwareView />);
  const rows = Array.from(screen.getByTestId('hardware-table').querySelectorAll('tbody tr'));
  const first = rows[0]!;
  const last = rows.at(-1)!;
  expect(watched.has(last)).toBe(true);
  seen(last, false);
  const before = { first: first.textContent, last: last.textContent };
  act(() => {
    loadStudio({ ...base, targetRate: 0.3 }, { hardware: true });
  });
  return { first, last, before };
}

/** What the last row shows at rate 0.3, from a table that was on screen throughout. */
function lastRowAt03(): string | null {
  cleanup();
  resetStudio();
  loadStudio({ ...base, targetRate: 0.3 }, { hardware: true });
  renderWithHost(<HardwareView />);
  return screen.getByTestId('hardware-table').querySelector('tbody tr:last-child')!.textContent;
}

describe('HardwareTable rows out of view', () => {
  it('keeps an off-screen row’s numbers on a rate change and writes them at the next scroll', () => {
    const { first, last, before } = lastRowOutOfView();
    expect(first.textContent).not.toBe(before.first); // on screen: written
    expect(last.textContent).toBe(before.last); // out of view: held
    const held = useStudio.getState().hardwareRows!.at(-1)!;
    act(() => {
      fireEvent.scroll(document);
    });
    expect(last.textContent).toContain(held.ratio.toFixed(3));
    expect(last.textContent).not.toBe(before.last);
    expect(last.textContent).toBe(lastRowAt03());
  });

  it('writes a held row when it comes back into view without a scroll', () => {
    const { last, before } = lastRowOutOfView();
    seen(last, true);
    expect(last.textContent).not.toBe(before.last);
    expect(last.textContent).toBe(lastRowAt03());
  });
});
