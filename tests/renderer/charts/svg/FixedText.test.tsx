import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { FixedText } from '../../../../renderer/src/charts/svg';

describe('FixedText', () => {
  afterEach(cleanup);

  it('sizes its box to the text in ch, monospaced when asked', () => {
    const { container, rerender } = render(<FixedText text="12.345 ms" />);
    const box = container.querySelector('span.fixed-text') as HTMLElement;
    expect(box.textContent).toBe('12.345 ms');
    expect(box.style.width).toBe('9ch');
    expect(box.classList.contains('mono')).toBe(false);
    // New text of the same length: the same element and width, only the text changes.
    rerender(<FixedText text="98.765 ms" />);
    const again = container.querySelector('span.fixed-text') as HTMLElement;
    expect(again).toBe(box);
    expect(again.style.width).toBe('9ch');
    expect(again.textContent).toBe('98.765 ms');
    rerender(<FixedText mono text="−4 %" />);
    expect(box.style.width).toBe('4ch');
    expect(box.classList.contains('mono')).toBe(true);
  });
});
