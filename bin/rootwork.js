#!/usr/bin/env node
// `npx rootwork`: runs the TypeScript CLI through tsx's loader, with Rootwork's own
// tsconfig (its JSX settings) whatever folder the command is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
process.argv[1] = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
await import('../cli/main.ts');
