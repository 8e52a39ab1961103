/**
 * Version of the latency predictor, recorded in every report so a number can be traced to the model
 * that produced it. Bump it whenever any predicted latency changes (a formula, a [Qn] decision, a preset).
 */
export const PREDICTOR_VERSION = '1.0.0';
