#!/usr/bin/env node
// `npx rootwork`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
process.argv[1] = new URL('../cli/main.ts', import.meta.url).pathname;
await import('../cli/main.ts');
