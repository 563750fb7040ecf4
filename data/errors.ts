// Typed errors shared by every layer. Each message says what is wrong and what to do;
// the CLI prints `message` as its one line, the HTTP edge maps `status`.

export type ErrorCode =
  | 'config'
  | 'database_unreachable'
  | 'database_unwritable'
  | 'schema_newer'
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'forbidden';

export class RootworkError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RootworkError';
    this.code = code;
  }
}

export class ConfigError extends RootworkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
    this.name = 'ConfigError';
  }
}

export class DatabaseError extends RootworkError {
  constructor(code: 'database_unreachable' | 'database_unwritable' | 'schema_newer', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DatabaseError';
  }
}

export class NotFoundError extends RootworkError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends RootworkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.name = 'ConflictError';
  }
}

export class InvalidInputError extends RootworkError {
  /** Field-level problems, for forms and JSON error bodies. */
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super('invalid_input', message);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}
