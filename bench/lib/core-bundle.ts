/**
 * The core as it ships: `src-main/lp/index.ts` bundled by esbuild with main's own options
 * (scripts/main-bundle.mjs: one ESM file, production NODE_ENV, zod's English locale only), so a
 * client measures the code the app runs, not the TypeScript sources one module at a time through tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { mainOptions } from '../../scripts/main-bundle.mjs';
import { projectRoot } from './core';

export interface CoreBundle {
  /** The bundle's path (an ES module exporting what src-main/lp/index.ts exports). */
  file: string;
  remove(): void;
}

/** Bundles `<root>/src-main/lp/index.ts` (this project by default; another tree's for bench/ab/core-path.ts). */
export async function buildCoreBundle(root: string = projectRoot): Promise<CoreBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-core-'));
  const file = join(dir, 'core.mjs');
  try {
    await build({ ...mainOptions(root, false), entryPoints: [join(root, 'src-main/lp/index.ts')], outfile: file });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
