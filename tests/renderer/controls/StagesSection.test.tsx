/** The stage cards mark settings the reference code cannot train, and keep them selectable. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import { StagesSection } from '../../../renderer/src/controls/StagesSection';
import { useStudio } from '../../../renderer/src/store';

afterEach(cleanup);

describe('StagesSection trainability marking', () => {
  it('marks RegNet layer stages and a G that does not divide m, and nothing else', () => {
    const config = defaultConfig('regnety004');
    config.stages[0]!.mode = 'layer';
    config.stages[2]!.mode = 'channel';
    config.stages[2]!.channelGroupSize = 3; // m = 208
    useStudio.setState({ config });
    render(<StagesSection />);
    expect(screen.getByTestId('stage-1-trainability').textContent).toMatch(
      /Not trainable with the reference code:.*RegNetY-400MF has no layer mode/,
    );
    expect(screen.getByTestId('stage-3-trainability').textContent).toContain(
      'G = 3 does not divide the bottleneck width m = 208',
    );
    expect(screen.queryByTestId('stage-2-trainability')).toBeNull();
    expect(screen.queryByTestId('stage-4-trainability')).toBeNull();
    // The loaded G stays the selected value, labelled, instead of silently showing another option.
    const g = screen.getByTestId<HTMLSelectElement>('stage-3-group');
    expect(g.value).toBe('3');
    expect(g.selectedOptions[0]?.textContent).toBe('3 (not trainable)');
  });

  it('a ResNet layer stage is trainable', () => {
    const config = defaultConfig('resnet101');
    config.stages.forEach((s) => (s.mode = 'layer'));
    useStudio.setState({ config });
    render(<StagesSection />);
    expect(screen.queryByText(/Not trainable/)).toBeNull();
  });
});
