/** Thrown for requests the predictor cannot evaluate; the message names the valid values. */
export class PredictorInputError extends Error {
  override name = 'PredictorInputError';
}

/** Thrown for unknown presets and invalid hardware parameters; the message names what is valid. */
export class HardwareError extends Error {
  override name = 'HardwareError';
}
