import { useStudio } from '../store';
import { hardwareLabel } from '../labels';
import { variantLabel } from './tfConfig';

/** "T2T-ViT-19 · V100 · batch 128 · in_shapes": what every transformer chart is of. */
export function useTfChartContext(): string {
  const tf = useStudio((s) => s.transformer);
  const config = useStudio((s) => s.config);
  const batch = useStudio((s) => s.tfPrediction?.batchSize);
  if (!tf) return '';
  return [
    variantLabel(tf.model),
    hardwareLabel(config),
    batch ? `batch ${batch}` : null,
    tf.batchConvention === 'in_shapes' ? 'batch in shapes' : 'batch in predictor',
  ]
    .filter(Boolean)
    .join(' · ');
}
