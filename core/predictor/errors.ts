/** Thrown for requests the predictor cannot evaluate; the message names the valid values. */
export class PredictorInputError extends Error {
  override name = 'PredictorInputError';
}
