// What `npm run build` (scripts/build.mjs) puts in main's bundle: start-up loads dist/main/main.js
// and the chunks it imports statically; the simulator (demo mode only), electron-updater (only with
// an update feed) and the SAML reader (when a single sign-on comes back) are chunks of their own,
// imported with import() and read only then. zod's locales
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
  beforeAll(() => ensureBuilt({ fresh: true }), 120_000);

  it('imports the simulator, electron-updater and the SAML reader only with import(): start-up does not read them', () => {
    const chunks = readdirSync(join(mainDir, 'chunks'));
    const holding = (marker: string): string[] => chunks.filter((f) => read(`chunks/${f}`).includes(marker));
    const lazyParts = {
      simulator: holding('startSimulator = async'),
      updater: holding('AppUpdater = __commonJS'),
      saml: holding('"node_modules/saxes/saxes.js"(exports)'),
    };
    // What start-up loads: main.js and the chunks it imports statically, transitively.
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const ref of imports(read(file)).static) visit(join(file, '..', ref));
    };
    visit('main.js');
    expect(loaded.size).toBeGreaterThan(1);
    const dynamic = [...loaded].flatMap((f) => imports(read(f)).dynamic.map((ref) => join(f, '..', ref)));
    for (const [part, files] of Object.entries(lazyParts)) {
      expect(files, part).toHaveLength(1);
      const file = `chunks/${files[0] ?? ''}`;
      expect(loaded.has(file), `${part} is loaded at start-up`).toBe(false);
      expect(dynamic, part).toContain(file);
    }
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
