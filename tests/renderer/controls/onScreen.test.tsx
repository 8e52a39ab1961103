/**
 * Controls that follow the global rate hold still while scrolled out of view and catch up when they come
 * near it again (one shared IntersectionObserver, faked here: jsdom has none).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import { RateSlider } from '../../../renderer/src/controls/RateSlider';
import { ExportSection } from '../../../renderer/src/controls/ExportSection';
import { useStudio } from '../../../renderer/src/store';
import { setTargetRate } from '../../../renderer/src/store/configEdits';
import { analyze } from '../../../renderer/src/worker/analysis';
import { renderWithHost } from '../views/support';
import { installFakeIntersectionObserver, scrolled, watched } from '../fakeIntersectionObserver';

beforeAll(installFakeIntersectionObserver);
afterEach(cleanup);

function Bound() {
  const [value, setValue] = useState(0.5);
  return (
    <>
      <RateSlider label="Rate" value={value} testId="r" onChange={setValue} />
      <button type="button" onClick={() => setValue(0.3125)}>
        set
      </button>
    </>
  );
}

describe('RateSlider off screen', () => {
  it('holds a new value while out of view and shows it when back', () => {
    render(<Bound />);
    const box = screen.getByTestId<HTMLInputElement>('r-number');
    const row = box.closest('.rate-slider')!;
    expect(watched.has(row)).toBe(true);
    scrolled(row, false);
    act(() => screen.getByText('set').click());
    expect(box.value).toBe('0.5'); // not written while out of view
    scrolled(row, true);
    expect(box.value).toBe('0.3125');
    expect(Number(screen.getByTestId<HTMLInputElement>('r').value)).toBeCloseTo(0.3125, 1);
  });

  /** Renders the slider, scrolls it out of view and sets a new value, which it holds (the number box). */
  function heldOutOfView(): HTMLInputElement {
    render(<Bound />);
    const box = screen.getByTestId<HTMLInputElement>('r-number');
    scrolled(box.closest('.rate-slider')!, false);
    act(() => screen.getByText('set').click());
    expect(box.value).toBe('0.5');
    return box;
  }

  it('catches up at the first scroll while still out of view, before that frame paints', () => {
    const box = heldOutOfView();
    // A scroll of the sidebar (scroll events do not bubble: the page listens in the capture phase).
    const sidebar = document.createElement('div');
    document.body.appendChild(sidebar);
    sidebar.dispatchEvent(new Event('scroll'));
    expect(box.value).toBe('0.3125');
    sidebar.remove();
  });

  it('catches up at a window resize while out of view (a taller window can uncover it without a scroll)', () => {
    const box = heldOutOfView();
    window.dispatchEvent(new Event('resize'));
    expect(box.value).toBe('0.3125');
  });

  it('an entry typed while on screen is sent, and the event stays with the input', () => {
    const outside: string[] = [];
    render(
      <div onInput={() => outside.push('input')}>
        <Bound />
      </div>,
    );
    const box = screen.getByTestId<HTMLInputElement>('r-number');
    const changed: string[] = [];
    const observer = new MutationObserver((ms) =>
      ms.forEach((m) => changed.push(m.attributeName!)),
    );
    observer.observe(box, { attributes: true });
    act(() => {
      box.value = '0.25';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(box.value).toBe('0.25');
    expect(Number(screen.getByTestId<HTMLInputElement>('r').value)).toBeCloseTo(0.25, 1);
    expect(outside).toEqual([]);
    observer.takeRecords().forEach((m) => changed.push(m.attributeName!));
    expect(changed).toEqual([]); // no type or name rewritten after the event
  });
});

describe('training flags off screen', () => {
  it('keep their text while out of view and show the live flags when back', () => {
    const config = defaultConfig('resnet101');
    const analysis = analyze(config);
    useStudio.setState({ config, analysis, analysisConfig: config });
    renderWithHost(<ExportSection />);
    const flags = screen.getByTestId('training-flags');
    const before = flags.textContent;
    expect(before).toBe(analysis.trainingFlags!.line);
    scrolled(flags, false);
    const next = setTargetRate(config, 0.3125);
    const nextAnalysis = analyze(next);
    expect(nextAnalysis.trainingFlags!.line).not.toBe(before); // the flags carry the rate
    act(() => useStudio.setState({ config: next, analysis: nextAnalysis, analysisConfig: next }));
    expect(flags.textContent).toBe(before);
    scrolled(flags, true);
    expect(flags.textContent).toBe(nextAnalysis.trainingFlags!.line);
  });
});
