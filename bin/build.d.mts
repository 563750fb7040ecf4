// Types for build.mjs (plain JavaScript: it builds the TypeScript, so it cannot be TypeScript itself).

/** The product's folders: what dist/ is compiled from. */
export const PRODUCT: readonly string[];

/** Every file under the product folders (relative to root), generated output left out. */
export function productFiles(root?: string): string[];

/**
 * Whether dist/ is the product as its sources now stand: 'not built' when no build finished,
 * else the first product source (relative to root) changed since the build, or null.
 */
export function staleBuild(root?: string): 'not built' | string | null;
