/** `laudnet export` for a T2T-ViT: the studio's JSON document; no training flags exist for it. */
import { exportTransformerConfig, TRANSFORMER_TRAINING_NOTE } from '../core/export/transformer';
import type { ParsedArgs } from './args';
import { CliError } from './errors';
import type { CliIo } from './io';
import { resolveHardwareFlags } from './resolve';
import { documentHardware, runTransformer, transformerRequestFromFlags } from './transformer';

/**
 * `--format json` prints the configuration document (after checking that the predictor can evaluate
 * it); `train-flags` is refused with the note; the latency-report formats point to `predict --json`.
 */
export function runTransformerExport(args: ParsedArgs, io: CliIo, format: string): number {
  if (format === 'train-flags')
    throw new CliError(`cannot write training flags: ${TRANSFORMER_TRAINING_NOTE}`);
  if (format !== 'json')
    throw new CliError(
      `--format ${format} is not available for a T2T-ViT (valid: json); its latency breakdown is 'laudnet predict --json'`,
    );
  const hw = resolveHardwareFlags(args, io);
  const req = transformerRequestFromFlags(args, documentHardware(args, hw));
  runTransformer(req.config, hw.params);
  const exp = exportTransformerConfig(req);
  io.err(`note: ${exp.note}\n`);
  io.out(exp.text);
  return 0;
}
