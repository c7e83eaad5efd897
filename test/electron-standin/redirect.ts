/**
 * Make `electron` resolve to the stand-in for both module systems, with ONE shared instance:
 * - CommonJS: a Module._resolveFilename hook plus a pre-filled require.cache entry;
 * - ESM: a `module.register` resolve/load hook that serves a tiny module re-exporting the
 *   instance kept on globalThis (named exports + default, like Electron's own ESM facade).
 */
import Module, { register } from 'node:module';

const KEY = 'lp.electron-standin';
const CJS_ID = '/__lp-electron-standin__/electron.js';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _cache: Record<string, { id: string; filename: string; loaded: boolean; exports: unknown; children: unknown[]; paths: string[] }>;
}

/** Runs in Node's hooks thread: it may reference nothing outside itself. */
const hooksSource = (key: string): string => `
let names = [];
export async function initialize(data) { names = data.names; }
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: 'lp-standin:electron', shortCircuit: true };
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url !== 'lp-standin:electron') return next(url, context);
  const source = 'const e = globalThis[Symbol.for(' + JSON.stringify(${JSON.stringify(key)}) + ')];\\nexport default e;\\n'
    + names.map((n) => 'export const ' + n + ' = e.' + n + ';').join('\\n');
  return { format: 'module', source, shortCircuit: true };
}
`;

export function redirectElectron(electron: Record<string, unknown>): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for(KEY)] = electron;

  const internals = Module as unknown as ModuleInternals;
  const original = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    if (request === 'electron') return CJS_ID;
    return original.call(this, request, parent, isMain, options);
  };
  internals._cache[CJS_ID] = { id: CJS_ID, filename: CJS_ID, loaded: true, exports: electron, children: [], paths: [] };

  register(`data:text/javascript,${encodeURIComponent(hooksSource(KEY))}`, import.meta.url, {
    data: { names: Object.keys(electron) },
  });
}
