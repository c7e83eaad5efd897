/**
 * Packaging without Electron's binary: electron-builder's own config validation, then one real
 * `electron-builder --linux dir` run with a stand-in electronDist (a fake `electron` executable
 * that carries Electron's fuse wire), then what actually landed in app.asar, the fuses, and the icons.
 * Needs dist/ (scripts/build.mjs): rebuilt here when missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { ensureBuilt } from '../electron-standin/ensure-built';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** @electron/fuses' FuseState (dist/constants: '0' and '1' on the wire), which its index does not export. */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
/** @electron/fuses FuseV1Options order. */
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'] as const;

/** Read an asar archive's file list (Chromium pickle header + JSON) without any dependency. */
function asarFiles(path: string): string[] {
  const buf = readFileSync(path);
  const jsonLength = buf.readUInt32LE(12);
  const header = JSON.parse(buf.subarray(16, 16 + jsonLength).toString('utf8')) as AsarDir;
  const files: string[] = [];
  const walk = (dir: AsarDir, prefix: string): void => {
    for (const [name, entry] of Object.entries(dir.files)) {
      const p = prefix ? `${prefix}/${name}` : name;
      if ('files' in entry) walk(entry, p);
      else files.push(p);
    }
  };
  walk(header, '');
  return files.sort();
}
interface AsarDir { files: Record<string, AsarDir | { size: number; offset?: string }> }

function asarRead(path: string, file: string): Buffer {
  const buf = readFileSync(path);
  const headerSize = buf.readUInt32LE(4);
  const jsonLength = buf.readUInt32LE(12);
  const header = JSON.parse(buf.subarray(16, 16 + jsonLength).toString('utf8')) as AsarDir;
  let node: AsarDir | { size: number; offset?: string } = header;
  for (const part of file.split('/')) {
    if (!('files' in node)) throw new Error(`${file}: not found`);
    const next: AsarDir | { size: number; offset?: string } | undefined = node.files[part];
    if (!next) throw new Error(`${file}: not found`);
    node = next;
  }
  if ('files' in node || node.offset === undefined) throw new Error(`${file}: not a packed file`);
  const start = 8 + headerSize + Number(node.offset);
  return buf.subarray(start, start + node.size);
}

function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('package.json supply chain (issue 17.9)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    packageManager?: string; engines?: Record<string, string>; allowScripts?: Record<string, boolean>;
  };

  it('declares the npm that honours allowScripts (11.16+), and blocks the install scripts it does not need', () => {
    const [major = 0, minor = 0] = (/^npm@(\d+)\.(\d+)\.\d+$/.exec(pkg.packageManager ?? '') ?? []).slice(1).map(Number);
    expect(major > 11 || (major === 11 && minor >= 16)).toBe(true);
    expect(pkg.engines?.npm).toBe('>=11.16.0');
    // electron: its binary download (no internet here); electron-winstaller: Squirrel, not used (NSIS).
    expect(pkg.allowScripts).toEqual({ electron: false, esbuild: true, 'electron-winstaller': false });
  });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema validation; a bad key is refused', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('com.lpagentdesktop.app');
    expect(config.productName).toBe('LP Agent Desktop');
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libnotify4', 'libsecret-1-0']));
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/notAnOption|configuration/i);
  });

  it('signs and notarises only from environment variables (no identity or secret in the file), macOS alerts, one desktop name', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    // Off when absent: nothing forces signing, and no identity, certificate or password is written down.
    expect(config.forceCodeSigning ?? false).toBe(false);
    expect(config.mac?.identity).toBeUndefined();
    expect(text).not.toMatch(/^\s*(identity|certificateFile|certificatePassword|cscLink|cscKeyPassword|appleId)\s*:/m);
    expect(config.mac?.notarize).toBe(true);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.extendInfo).toMatchObject({ NSUserNotificationAlertStyle: 'alert' });
    // The .desktop file, Electron's app_id (from package.json desktopName) and the portal agree.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { desktopName?: string };
    expect(pkg.desktopName).toBe(`${config.appId}.desktop`);
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(config.linux?.desktop?.entry?.StartupWMClass).toBeUndefined();
  });
});

describe('packaged app (electron-builder --linux dir, stand-in electronDist)', () => {
  let work = '';
  let appDir = '';
  let asar = '';
  let files: string[] = [];

  beforeAll(() => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'lp-package-'));
    // Any executable named `electron` will do; this one also carries Electron's fuse wire
    // (sentinel, version 1, 8 fuses in Electron's default states) so the fuse step runs for real.
    const fakeDist = join(work, 'electron-dist');
    const wire = Buffer.from([1, FUSES.length, ...Buffer.from('10110001', 'ascii')]);
    mkdirSync(fakeDist, { recursive: true });
    writeFileSync(join(fakeDist, 'electron'), Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in electron: no binary here"\nexit 1\n# '), Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n'),
    ]), { mode: 0o755 });
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const out = join(work, 'release');
    const r = spawnSync(process.execPath, [
      join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--publish', 'never',
      `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`, `-c.electronVersion=${electronVersion}`,
    ], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    appDir = join(out, 'linux-unpacked');
    asar = join(appDir, 'resources', 'app.asar');
    files = asarFiles(asar);
  }, 90_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the bundles, the renderer, package.json and the runtime icons', () => {
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'dist/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html',
      'dist/main/assets/icon.png',
      ...['online', 'away', 'offline', 'ringing'].flatMap((s) => [`dist/main/assets/tray/${s}.png`, `dist/main/assets/tray/${s}@2x.png`]),
    ]));
    expect(files.some((f) => /^dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    const pkg = JSON.parse(asarRead(asar, 'package.json').toString('utf8')) as { main: string };
    expect(files).toContain(pkg.main);
    // Every asset the page references is packed.
    const html = asarRead(asar, 'dist/renderer/index.html').toString('utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(files).toContain(`dist/renderer/${ref}`);
  });

  it('holds nothing else: no sources, tests, maps, node_modules, env files or docs', () => {
    const unexpected = files.filter((f) => /^(src-|test\/|scripts\/|build\/|bench\/)|\.map$|\.tsx?$|(^|\/)node_modules\/|(^|\/)\.env|(^|\/)README|(^|\/)\.git/i.test(f));
    expect(unexpected).toEqual([]);
    expect(files.every((f) => f === 'package.json' || f.startsWith('dist/'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.js') || f.endsWith('.cjs')).some((f) => asarRead(asar, f).includes('sourceMappingURL'))).toBe(false);
  });

  it('needs no node_modules at run time: main and its chunks import only electron, Node built-ins and each other; the preload requires only electron', () => {
    // main.js and the chunks it imports lazily (scripts/build.mjs: the simulator, electron-updater).
    const mainFiles = files.filter((f) => /^dist\/main\/.+\.js$/.test(f));
    expect(mainFiles).toContain('dist/main/main.js');
    const main = mainFiles.map((f) => asarRead(asar, f).toString('utf8')).join('\n');
    // Every chunk a file of dist/main imports (`./chunks/x.js` from main.js, `./x.js` between chunks) is packed.
    for (const f of mainFiles) {
      for (const [, ref] of asarRead(asar, f).toString('utf8').matchAll(/(?:\bfrom\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
        expect(files).toContain(posix.join(posix.dirname(f), ref ?? ''));
      }
    }
    // A require( that starts a string literal is code text, not a call (ajv keeps such strings for
    // its standalone code generation, e.g. 'require("ajv/dist/runtime/equal").default').
    const imported = new Set([...main.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|(?<![`'"])\brequire\(\s*["']([^"']+)["']\s*\)/g)]
      .map((m) => m[1] ?? m[2] ?? m[3] ?? ''));
    // Optional native helpers looked up inside try/catch: ws's (bufferutil, utf-8-validate) and
    // https-proxy-agent's Negotiate (Kerberos) proxy authentication (kerberos; not shipped: a socket
    // through a Negotiate-only proxy fails with https-proxy-agent's own "install kerberos" error).
    const allowed = (s: string): boolean => s === 'electron' || s.startsWith('node:') || ['bufferutil', 'utf-8-validate', 'kerberos'].includes(s)
      || /^(fs|path|url|os|events|crypto|http|https|net|tls|zlib|stream|util|buffer|child_process|assert|module|process|timers|dns|querystring|string_decoder|worker_threads|perf_hooks)(\/.*)?$/.test(s);
    // `from "${…}"` inside a template literal is log text (electron-updater: 'downloading it from "${url}"'), not an import.
    expect([...imported].filter((s) => !allowed(s) && !s.startsWith('${') && !s.startsWith('./') && !s.startsWith('../'))).toEqual([]);
    const preload = asarRead(asar, 'dist/preload/preload.cjs').toString('utf8');
    expect([...new Set([...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });

  it('flips the Electron fuses in the packaged executable (read back with @electron/fuses)', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'lp-agent-desktop'));
    expect(wire).toMatchObject({
      version: '1',
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      // The renderer comes from app://lp/ (issue 17.5): file:// keeps no extra privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
    });
    expect(relative(appDir, asar)).toBe(join('resources', 'app.asar'));
  });

});

describe('icons (scripts/make-icons.mjs, committed under build/)', () => {
  const build = join(root, 'build');

  it('app icon PNGs have the sizes their names say', () => {
    expect(pngSize(readFileSync(join(build, 'icon.png')))).toEqual({ width: 512, height: 512 });
    const names = readdirSync(join(build, 'icons'));
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '128x128.png', '256x256.png', '512x512.png']));
    for (const name of names) {
      const n = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect(pngSize(readFileSync(join(build, 'icons', name)))).toEqual({ width: n, height: n });
    }
  });

  it('icon.ico holds 16…256 px PNG images', () => {
    const ico = readFileSync(join(build, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      const offset = ico.readUInt32LE(e + 12);
      const size = pngSize(ico.subarray(offset, offset + ico.readUInt32LE(e + 8)));
      expect(size.width).toBe(ico[e] === 0 ? 256 : ico[e]);
      sizes.push(size.width);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('icon.icns holds PNG images up to 1024 px', () => {
    const icns = readFileSync(join(build, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      found[icns.subarray(at, at + 4).toString('ascii')] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).width;
    }
    expect(found).toMatchObject({ icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });

  it('tray icons: 16 px and @2x 32 px for each state', () => {
    for (const state of ['online', 'away', 'offline', 'ringing']) {
      expect(pngSize(readFileSync(join(build, 'tray', `${state}.png`)))).toEqual({ width: 16, height: 16 });
      expect(pngSize(readFileSync(join(build, 'tray', `${state}@2x.png`)))).toEqual({ width: 32, height: 32 });
    }
  });
});
