/** A user-facing CLI failure: printed without a stack trace, exits with `exitCode` (2: bad input). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
