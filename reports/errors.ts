// Errors the reports raise about their input (a results.json that is missing or malformed)
// and their tools (Chromium for PDF). Reports read results.json only and import nothing of
// the data layer, so they carry their own error type with the same codes as the data
// layer's typed errors: the CLI prints the message, the HTTP edge maps the code.
export type ReportErrorCode = 'invalid_input' | 'not_found' | 'config';

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  /** Field-level problems of a malformed results.json. */
  readonly issues: { path: string; message: string }[];
  constructor(code: ReportErrorCode, message: string, options: { cause?: unknown; issues?: { path: string; message: string }[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
