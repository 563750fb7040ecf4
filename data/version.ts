// Rootwork's version, from package.json, recorded in results and the API document.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const ROOTWORK_VERSION: string = (require('../package.json') as { version: string }).version;
