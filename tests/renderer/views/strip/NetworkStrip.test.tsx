import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { useStudio } from '../../../../renderer/src/store';
import { LABELS_QUIET_MS, NetworkStrip } from '../../../../renderer/src/views/strip/NetworkStrip';
import { loadStudio, renderWithHost, resetStudio } from '../support';

const blocks = () => screen.getAllByRole('button');

describe('NetworkStrip', () => {
  beforeEach(resetStudio);
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows every ResNet-101 block in order with an accessible name, before any prediction', () => {
    useStudio.setState({ config: defaultConfig('resnet101', 'v100') });
    renderWithHost(<NetworkStrip />);
    expect(blocks().length).toBe(3 + 4 + 23 + 3);
    expect(blocks()[0]!.getAttribute('aria-label')).toBe('Block stage1/0, spatial, rate 0.50');
    expect(screen.getByRole('button', { name: 'Block stage3/2, spatial, rate 0.50' })).toBeTruthy();
    expect(blocks().at(-1)!.getAttribute('aria-label')).toBe('Block stage4/2, spatial, rate 0.50');
  });

  it('a rate change renames every block in place (the same buttons, the new rate), once the rates rest', () => {
    vi.useFakeTimers();
    const base = defaultConfig('resnet101', 'v100');
    loadStudio(base);
    renderWithHost(<NetworkStrip />);
    const before = blocks();
    act(() => {
      loadStudio({ ...base, targetRate: 0.4321 });
    });
    const after = blocks();
    expect(after).toEqual(before);
    // The names follow once the rate has stayed put for LABELS_QUIET_MS, not in the frame of the change.
    expect(after[0]!.getAttribute('aria-label')).toBe('Block stage1/0, spatial, rate 0.50');
    act(() => {
      vi.advanceTimersByTime(LABELS_QUIET_MS);
    });
    expect(after[0]!.getAttribute('aria-label')).toBe('Block stage1/0, spatial, rate 0.43');
    expect(after.at(-1)!.getAttribute('aria-label')).toBe('Block stage4/2, spatial, rate 0.43');
    expect(screen.getByRole('button', { name: 'Block stage3/7, spatial, rate 0.43' })).toBeTruthy();
    // The hover text reads the block as it is now.
    fireEvent.mouseEnter(after[0]!);
    expect(after[0]!.title).toMatch(/^stage1\/0: spatial S=\d+, rate 0\.43/);
  });

  it('a drag writes the names once, after its last rate, and each layer fill in every change', () => {
    vi.useFakeTimers();
    const base = defaultConfig('resnet50', 'v100');
    const layered = { ...base, stages: base.stages.map((s) => ({ ...s, mode: 'layer' as const })) };
    loadStudio(layered);
    renderWithHost(<NetworkStrip />);
    const first = blocks()[0]!;
    const names: string[] = [];
    const spy = vi.spyOn(Element.prototype, 'setAttribute');
    for (const rate of [0.31, 0.32, 0.33, 0.34]) {
      act(() => {
        loadStudio({ ...layered, targetRate: rate });
        vi.advanceTimersByTime(16);
      });
      expect(first.style.getPropertyValue('--block-fill-opacity')).toBe(String(0.15 + 0.85 * rate));
    }
    act(() => {
      vi.advanceTimersByTime(LABELS_QUIET_MS);
    });
    for (const call of spy.mock.calls) if (call[0] === 'aria-label') names.push(String(call[1]));
    spy.mockRestore();
    expect(names.length).toBe(blocks().length);
    expect(first.getAttribute('aria-label')).toBe('Block stage1/0, layer, rate 0.34');
  });

  it('names static, layer and channel blocks by their setting', () => {
    const base = defaultConfig('resnet50', 'v100');
    const modes = ['static', 'layer', 'channel', 'spatial+channel'] as const;
    useStudio.setState({
      config: {
        ...base,
        stages: base.stages.map((s, i) => ({ ...s, mode: modes[i]!, rate: 0.25 })),
      },
    });
    const { container } = renderWithHost(<NetworkStrip />);
    expect(screen.getByRole('button', { name: 'Block stage1/0, static' })).toBeTruthy();
    const layer = screen.getByRole('button', { name: 'Block stage2/0, layer, rate 0.25' });
    expect(layer.style.getPropertyValue('--block-fill-opacity')).toBe(String(0.15 + 0.85 * 0.25));
    expect(screen.getByRole('button', { name: 'Block stage3/0, channel, rate 0.25' })).toBeTruthy();
    expect(
      screen.getByRole('button', {
        name: 'Block stage4/0, spatial + channel, rate 0.25, channel rate 0.25',
      }),
    ).toBeTruthy();
    // Pictures and rates are drawn on one canvas hidden from assistive tech (see stripPlan.test.ts);
    // the buttons hold no picture elements.
    expect(container.querySelectorAll('.strip > canvas[aria-hidden="true"]').length).toBe(1);
    expect(container.querySelectorAll('.strip-block svg, .strip-block canvas').length).toBe(0);
  });

  it('selects on click and highlights the store’s selection', () => {
    loadStudio(defaultConfig('resnet50', 'v100'));
    renderWithHost(<NetworkStrip />);
    const target = screen.getByRole('button', { name: /^Block stage2\/3,/ });
    fireEvent.click(target);
    expect(useStudio.getState().selectedBlock).toBe('stage2/3');
    expect(target.getAttribute('aria-pressed')).toBe('true');
    expect(blocks().filter((b) => b.getAttribute('aria-pressed') === 'true').length).toBe(1);
    act(() => useStudio.getState().selectBlock('stage4/0'));
    expect(
      screen.getByRole('button', { name: /^Block stage4\/0,/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(target.getAttribute('aria-pressed')).toBe('false');
  });

  it('is one tab stop whose arrow keys move the selection', () => {
    useStudio.setState({ config: defaultConfig('resnet50', 'v100') });
    renderWithHost(<NetworkStrip />);
    expect(blocks().filter((b) => b.tabIndex === 0).length).toBe(1);
    const first = blocks()[0]!;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(useStudio.getState().selectedBlock).toBe('stage1/1');
    expect(document.activeElement?.getAttribute('data-block-key')).toBe('stage1/1');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(useStudio.getState().selectedBlock).toBe('stage4/2');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(useStudio.getState().selectedBlock).toBe('stage4/2');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(useStudio.getState().selectedBlock).toBe('stage1/0');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(useStudio.getState().selectedBlock).toBeNull();
  });

  it('adds predicted times to the block tooltips once an analysis exists', () => {
    const analysis = loadStudio(defaultConfig('resnet50', 'v100'));
    renderWithHost(<NetworkStrip />);
    const b = analysis.prediction.blocks[5]!;
    const button = screen.getByRole('button', {
      name: new RegExp(`^Block ${b.key.replace('/', '\\/')},`),
    });
    expect(button.title).toBe('');
    fireEvent.mouseEnter(button);
    expect(button.title).toContain('per image (static');
  });
});
