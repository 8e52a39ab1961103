/**
 * Export of a transformer (T2T-ViT) configuration as the studio's JSON document. There are no reference
 * training flags for the transformer: LAUD-T2T-ViT is trained with AdaViT's code, which is outside the
 * LAUDNet reference repository, so only the configuration (and the latency report of the app) is exported.
 */
import { transformerDocument, type TransformerRequest } from '../config/transformer';

/** Shown wherever a transformer export is offered, in place of the training flags. */
export const TRANSFORMER_TRAINING_NOTE =
  'No reference training flags exist for the transformer: LAUD-T2T-ViT is trained with AdaViT’s code ' +
  '(MengLcool/AdaViT), which is outside the LAUDNet reference repository. The export holds the ' +
  'configuration only.';

/** An export: the file text and the note to show next to it. */
export interface TransformerExport {
  /** Suggested file name. */
  fileName: string;
  /** Pretty JSON of the configuration document, with a trailing newline. */
  text: string;
  note: string;
}

/**
 * The studio JSON of a transformer configuration (`laudnet-studio-transformer-config`, version 1), which
 * `parseTransformerDocument` reads back to the same request.
 */
export function exportTransformerConfig(
  req: TransformerRequest,
  name = '',
  notes = '',
): TransformerExport {
  const doc = transformerDocument(req, name, notes);
  const base = (name.trim() || `${req.config.model}-${req.config.mode}`)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return {
    fileName: `${base || 'transformer'}.json`,
    text: `${JSON.stringify(doc, null, 2)}\n`,
    note: TRANSFORMER_TRAINING_NOTE,
  };
}
