// How main's code is bundled (esbuild): shared by `npm run build` (scripts/build.mjs, dist/main) and by the
// throughput bench, which measures the core bundled the same way (bench/lib/core-bundle.ts), as it ships.
import { dirname, join } from 'node:path';

/**
 * zod's classic API (`import { z } from 'zod'`) re-exports every locale's error messages as
 * `z.locales` and `z.core.locales` (~40 languages, ~370 KB of main's bundle); esbuild cannot drop them because `z` is one
 * namespace object. The app never calls `z.config(z.locales.…)`: its schema errors are in zod's
 * default English (imported by zod's own schemas.js, untouched) and are worded for people by the app.
 * So both hold English only here. test/packaging/build.test.ts checks the bundle.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined
    ));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Options every bundle of the app shares (main, preload).
 * @param {string} root the project root
 * @param {boolean} dev `--dev`: inline sourcemaps, development NODE_ENV
 * @returns {import('esbuild').BuildOptions}
 */
export function commonOptions(root, dev) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: dev ? 'inline' : false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  };
}

/**
 * Main's ESM bundle options, without its entry points and output.
 * @param {string} root the project root
 * @param {boolean} dev `--dev`
 * @returns {import('esbuild').BuildOptions}
 */
export function mainOptions(root, dev) {
  return {
    ...commonOptions(root, dev),
    format: 'esm',
    plugins: [zodEnglishOnly],
    // Optional native helpers looked up inside try/catch, not installed: ws's, and https-proxy-agent's
    // Negotiate (Kerberos) proxy authentication.
    external: ['electron', 'bufferutil', 'utf-8-validate', 'kerberos'],
    // Bundled CommonJS dependencies (ws) call require() for Node built-ins: give the ESM bundle one.
    banner: {
      // …and the CommonJS module globals some of them read (write-file-atomic hashes __filename into temp names).
      js: "import { createRequire as __lpCreateRequire } from 'node:module'; import { fileURLToPath as __lpFileURLToPath } from 'node:url'; import { dirname as __lpDirname } from 'node:path'; const require = __lpCreateRequire(import.meta.url); const __filename = __lpFileURLToPath(import.meta.url); const __dirname = __lpDirname(__filename);",
    },
  };
}
