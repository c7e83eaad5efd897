// The Electronegativity waiver file (security/electronegativity-waivers.json) keeps its shape: every
// waiver names a check id, a file path or glob and a real reason. scripts/security-scan.mjs applies it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../../security/electronegativity-waivers.json', import.meta.url));
const waivers: unknown = JSON.parse(readFileSync(file, 'utf8'));

function entries(): Record<string, unknown>[] {
  expect(Array.isArray(waivers)).toBe(true);
  return waivers as Record<string, unknown>[];
}

describe('security/electronegativity-waivers.json', () => {
  it('is an array of objects with exactly check, file and reason', () => {
    for (const w of entries()) {
      expect(typeof w === 'object' && w !== null && !Array.isArray(w)).toBe(true);
      expect(Object.keys(w).sort()).toEqual(['check', 'file', 'reason']);
    }
  });

  it('names checks by the id Electronegativity reports (e.g. OPEN_EXTERNAL_JS_CHECK)', () => {
    for (const w of entries()) expect(w.check).toMatch(/^[A-Z][A-Z0-9_]*_CHECK$/);
  });

  it('points at a repo-relative path or glob, or N/A for a global finding', () => {
    for (const w of entries()) {
      expect(typeof w.file).toBe('string');
      const f = w.file as string;
      expect(f.trim()).toBe(f);
      expect(f.length).toBeGreaterThan(0);
      expect(f.startsWith('/') || f.startsWith('./') || f.includes('\\')).toBe(false);
    }
  });

  it('gives every waiver a reason of at least 20 characters', () => {
    for (const w of entries()) {
      expect(typeof w.reason).toBe('string');
      expect((w.reason as string).trim().length, `reason of ${String(w.check)} ${String(w.file)}`).toBeGreaterThanOrEqual(20);
    }
  });

  it('has no duplicate check + file pair', () => {
    const keys = entries().map((w) => `${String(w.check)} ${String(w.file)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
