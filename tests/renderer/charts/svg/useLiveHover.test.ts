/** The hover state of the charts whose numbers are written without React. */
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLiveHover } from '../../../../renderer/src/charts/svg';

describe('useLiveHover', () => {
  it('keeps the hover and a flag readable without a render; refresh renders again', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useLiveHover<{ index: number }>();
    });
    expect(result.current.hover).toBeNull();
    expect(result.current.hovering.current).toBe(false);
    act(() => result.current.setHover({ index: 2 }));
    expect(result.current.hover).toEqual({ index: 2 });
    expect(result.current.hovering.current).toBe(true);
    const before = renders;
    act(() => result.current.refresh());
    expect(renders).toBe(before + 1);
    act(() => result.current.setHover(null));
    expect(result.current.hover).toBeNull();
    expect(result.current.hovering.current).toBe(false);
  });
});
