// The intake thread's entry (see intake-thread.ts). Plain JavaScript, because a worker
// starts without the TypeScript loader the service runs under: it registers tsx (with
// Rootwork's tsconfig) and then loads the TypeScript that does the work.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./intake-worker.ts');
