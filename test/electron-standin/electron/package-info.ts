/** The app's package.json and the installed Electron's version, read from the working directory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function packageJson(): { name?: string; productName?: string; version?: string } {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name?: string; productName?: string; version?: string };
  } catch {
    return {};
  }
}
export function electronVersion(): string {
  try {
    const p = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'electron', 'package.json'), 'utf8')) as { version?: string };
    return p.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
