import { describe, expect, it } from 'vitest';
import { useStudio } from '../../../renderer/src/store';
import { chooseTransformer } from '../../../renderer/src/transformer/TransformerOptions';
import { withRate } from '../../../renderer/src/transformer/tfConfig';
import { viewsFor } from '../../../renderer/src/views/registry';

describe('picking a transformer', () => {
  it('switches the tuner to it, keeps its rates across variants, and back to the CNN untouched', () => {
    const cnn = useStudio.getState().config;
    expect(chooseTransformer('t2t_vit_19')).toBe(true);
    const tf = useStudio.getState().transformer!;
    expect(tf.model).toBe('t2t_vit_19');
    expect(tf.tokenRate).toHaveLength(19);
    useStudio
      .getState()
      .editTransformer((c) => withRate({ ...c, mode: 'token' }, 'token', null, 0.6));
    expect(chooseTransformer('t2t_vit_24')).toBe(true);
    const moved = useStudio.getState().transformer!;
    expect(moved.mode).toBe('token');
    expect(moved.tokenRate).toEqual(Array.from({ length: 24 }, () => 0.6));
    expect(chooseTransformer('resnet50')).toBe(false);
    expect(useStudio.getState().transformer).toBeNull();
    expect(useStudio.getState().config).toBe(cnn);
  });

  it('offers the views that have a transformer counterpart, masks renamed', () => {
    const views = viewsFor(true);
    expect(views.map((v) => v.id)).toEqual(['curves', 'breakdown', 'hardware', 'masks', 'space']);
    expect(views.find((v) => v.id === 'masks')!.label).toBe('Token masks');
    expect(viewsFor(false).map((v) => v.id)).toContain('theory');
  });

  it('selecting a block is clamped when a shallower variant is picked', () => {
    chooseTransformer('t2t_vit_24');
    useStudio.getState().selectTfBlock(20);
    chooseTransformer('t2t_vit_7');
    expect(useStudio.getState().tfBlock).toBe(6);
    chooseTransformer('resnet50');
  });
});
