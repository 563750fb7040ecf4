// Types for inlet-wire.mjs (plain JavaScript, shared with the writer thread).
import type { InletSubmission } from './sqlite-thread.js';

export function frameInletBatch(batch: readonly InletSubmission[]): string;
export function readInletBatch(framed: string): InletSubmission[];
