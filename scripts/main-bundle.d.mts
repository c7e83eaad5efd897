import type { BuildOptions } from 'esbuild';

/** Options every bundle of the app shares (main, preload). */
export function commonOptions(root: string, dev: boolean): BuildOptions;
/** Main's ESM bundle options, without its entry points and output. */
export function mainOptions(root: string, dev: boolean): BuildOptions;
