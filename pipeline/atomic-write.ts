// Atomic writes, for every file a reader (a report, the service, an analyst, a person
// waiting for their invite links) may open while it is being replaced: the content goes to
// a temporary file beside the target and is renamed over it, so the target is always
// either the old file or the whole new one. On any failure the temporary file is removed
// and the target is left as it was. Lives in pipeline/ so the pipeline, the reports, the
// exchange and the CLI may all import it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class AtomicWriteError extends Error {
  constructor(readonly file: string, cause: unknown) {
    super(`Cannot write ${file}: ${(cause as Error).message}. Check that its folder exists and is writable.`, { cause });
    this.name = 'AtomicWriteError';
  }
}

export interface AtomicWriteOptions {
  /** Permissions of the new file, e.g. 0o600 for secrets (applied before any byte is written). */
  mode?: number;
}

/** A fresh name beside `file`; hidden, so folder listings and globs skip it. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `content` to `file` so that no reader ever sees part of it. */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  atomically(file, options, (fd) => fs.writeFileSync(fd, content));
}

/** Bytes gathered before a write: few system calls, and never the whole file in memory. */
const CHUNK_CHARS = 1 << 20;

/**
 * The same for content made of many pieces (UTF-8), written as they come: a file of tens of
 * megabytes never exists as one string.
 */
export function writeFileAtomicChunks(file: string, chunks: Iterable<string>, options: AtomicWriteOptions = {}): void {
  atomically(file, options, (fd) => {
    let pending: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= CHUNK_CHARS) {
        fs.writeFileSync(fd, pending.join('')); // at the file's position, looping until all is written
        pending = [];
        size = 0;
      }
    }
    if (size > 0) fs.writeFileSync(fd, pending.join(''));
  });
}

function atomically(file: string, options: AtomicWriteOptions, write: (fd: number) => void): void {
  const tmp = tempNameFor(file);
  let fd: number | undefined;
  try {
    // 'wx': the temporary name must be new, so an existing file or symlink there is never written through.
    fd = fs.openSync(tmp, 'wx', options.mode ?? 0o666);
    write(fd);
    // On disk before the rename: after a crash the target is the old file or the new one, never an empty one.
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (cause) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new AtomicWriteError(file, cause);
  }
}

/**
 * Replaces a whole folder at once: `fill` writes into a fresh staging folder, which then
 * takes the target's place. Files from an earlier run (an organization that has since fallen
 * under k) never survive next to the new ones.
 */
export function replaceDirAtomic(dir: string, fill: (staging: string) => void): void {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}-new-`));
  try {
    fill(staging);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const old = `${staging}-old`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(staging, dir);
  fs.rmSync(old, { recursive: true, force: true });
}
