// What `npm run build` (scripts/build.mjs) puts in main's bundle: start-up loads dist/main/main.js
// and the chunks it imports statically; the simulator (demo mode only) and electron-updater (only with
// an update feed) are chunks of their own, imported with import() and read only then. zod's locales
// are English only. Each renderer dialog loaded on first open is a chunk of its own too.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../electron-standin/ensure-built';
import { projectRoot } from '../e2e/targets';

const mainDir = join(projectRoot, 'dist', 'main');
const read = (file: string): string => readFileSync(join(mainDir, file), 'utf8');
/** Relative files a module imports: static (`from "./x.js"`) and dynamic (`import("./x.js")`). */
function imports(source: string): { static: string[]; dynamic: string[] } {
  return {
    static: [...source.matchAll(/\bfrom\s*"(\.\/[^"]+)"/g)].map((m) => m[1] ?? ''),
    dynamic: [...source.matchAll(/\bimport\(\s*"(\.\/[^"]+)"\s*\)/g)].map((m) => m[1] ?? ''),
  };
}

describe('the main bundle (scripts/build.mjs)', () => {
  let main = '';
  beforeAll(() => {
    ensureBuilt({ fresh: true });
    main = read('main.js');
  }, 120_000);

  it('imports the simulator and electron-updater only with import(): their chunks are not read at start-up', () => {
    const chunks = readdirSync(join(mainDir, 'chunks'));
    const simulator = chunks.filter((f) => read(`chunks/${f}`).includes('startSimulator = async'));
    const updater = chunks.filter((f) => read(`chunks/${f}`).includes('AppUpdater = __commonJS'));
    expect(simulator).toHaveLength(1);
    expect(updater).toHaveLength(1);
    const { static: eager, dynamic: lazy } = imports(main);
    expect(lazy).toEqual(expect.arrayContaining([`./chunks/${simulator[0]}`, `./chunks/${updater[0]}`]));
    // Nothing start-up loads (main.js and the chunks it imports statically, transitively) holds either.
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const ref of imports(read(file)).static) visit(join(file, '..', ref));
    };
    visit('main.js');
    expect([...loaded].filter((f) => f.endsWith(simulator[0] ?? '?') || f.endsWith(updater[0] ?? '?'))).toEqual([]);
    expect(eager.length).toBeGreaterThan(0);
    expect(main).not.toContain('startSimulator = async');
    expect(main).not.toContain('AppUpdater = __commonJS');
  });

  it("keeps zod's English messages and no other locale", () => {
    const all = ['main.js', ...readdirSync(join(mainDir, 'chunks')).map((f) => `chunks/${f}`)].map(read).join('\n');
    expect(all).toContain('Invalid input: expected');
    // ASCII phrases (esbuild escapes other characters): Dutch (zod/v4/locales/nl.js), Indonesian (id.js).
    expect(all).not.toContain('Ongeldige invoer');
    expect(all).not.toContain('Input tidak valid');
  });

  it('splits the renderer: Settings and Transfer are chunks of their own, not in the entry the page loads', () => {
    const assets = join(projectRoot, 'dist', 'renderer', 'assets');
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const html = readFileSync(join(projectRoot, 'dist', 'renderer', 'index.html'), 'utf8');
    const entry = files.filter((f) => html.includes(`assets/${f}`));
    expect(entry).toHaveLength(1);
    expect(files.some((f) => f.startsWith('SettingsDialog-'))).toBe(true);
    expect(files.some((f) => f.startsWith('TransferDialog-'))).toBe(true);
    const entrySource = readFileSync(join(assets, entry[0] ?? ''), 'utf8');
    expect(entrySource).toMatch(/import\([`"]\.\/SettingsDialog-[\w-]+\.js[`"]\)/);
    expect(entrySource).toMatch(/import\([`"]\.\/TransferDialog-[\w-]+\.js[`"]\)/);
  });
});
