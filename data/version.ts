// Rootwork's version, from package.json, recorded in results and the API document.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** package.json is one folder up from data/ in the source and two from dist/data/ in the build. */
function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!fs.existsSync(url)) continue;
    const manifest = JSON.parse(fs.readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'rootwork' && typeof manifest.version === 'string') return manifest.version;
  }
  throw new Error(`Cannot find Rootwork's package.json above ${fileURLToPath(import.meta.url)}.`);
}

export const ROOTWORK_VERSION: string = readVersion();
