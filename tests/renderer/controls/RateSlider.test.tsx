/** The rate control: both inputs follow the value, entries reach onChange clamped, no attribute churn. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RateSlider } from '../../../renderer/src/controls/RateSlider';

afterEach(cleanup);

/** A slider bound to state, as the sections bind it to the store; `received` logs onChange values. */
function Bound({ initial, received }: { initial: number; received: number[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <RateSlider
        label="Rate"
        value={value}
        testId="r"
        onChange={(v) => {
          received.push(v);
          setValue(v);
        }}
      />
      <button type="button" onClick={() => setValue(0.8125)}>
        set
      </button>
    </>
  );
}

const range = () => screen.getByTestId<HTMLInputElement>('r');
const box = () => screen.getByTestId<HTMLInputElement>('r-number');

describe('RateSlider', () => {
  it('shows a new value in both inputs without rewriting their attributes', () => {
    const received: number[] = [];
    render(<Bound initial={0.5} received={received} />);
    expect(range().value).toBe('0.5');
    expect(box().value).toBe('0.5');
    const changed: string[] = [];
    const observer = new MutationObserver((ms) =>
      ms.forEach((m) => changed.push(m.attributeName!)),
    );
    observer.observe(range(), { attributes: true });
    observer.observe(box(), { attributes: true });
    act(() => screen.getByText('set').click());
    expect(Number(range().value)).toBeCloseTo(0.8125, 1); // Chromium steps it to 0.81
    expect(box().value).toBe('0.8125');
    observer.takeRecords().forEach((m) => changed.push(m.attributeName!));
    expect(changed).toEqual([]);
    expect(received).toEqual([]);
  });

  it('sends typed and dragged values, clamped to 0…1, and shows what was kept', async () => {
    const received: number[] = [];
    render(<Bound initial={0.5} received={received} />);
    fireEvent.change(box(), { target: { value: '0.3721' } });
    expect(received).toEqual([0.3721]);
    expect(Number(range().value)).toBeCloseTo(0.3721, 1);
    fireEvent.change(box(), { target: { value: '1.5' } });
    await act(async () => {}); // the snap-back runs after the commit
    expect(received).toEqual([0.3721, 1]);
    expect(box().value).toBe('1');
    fireEvent.change(range(), { target: { value: '0.25' } });
    expect(received).toEqual([0.3721, 1, 0.25]);
    expect(box().value).toBe('0.25');
  });

  it('a cleared box sends nothing and shows the kept value again', async () => {
    const received: number[] = [];
    render(<Bound initial={0.42} received={received} />);
    fireEvent.change(box(), { target: { value: '' } });
    await act(async () => {});
    expect(received).toEqual([]);
    expect(box().value).toBe('0.42');
  });
});
