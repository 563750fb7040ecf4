// The one error type the statistics layer throws for input it cannot estimate from.
// The pipeline catches it and reports the estimate as "not estimable" with this message,
// so every message names the problem and why the method cannot proceed.

export class StatsInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StatsInputError';
  }
}
