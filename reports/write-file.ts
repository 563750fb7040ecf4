// Atomic writes: a report is written to a temporary file beside its target and renamed, so
// a failed run never leaves a half-written report where a reader (or the service) finds it.
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (cause) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`Could not write ${file}: ${(cause as Error).message}`, { cause });
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
