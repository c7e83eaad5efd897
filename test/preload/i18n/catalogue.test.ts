/**
 * The catalogue (src-preload/i18n): every language has every key English has, with the plural forms
 * its own plural rules need and the same {{placeholders}}; no key is unused by the source; and the
 * language follows the setting, else the OS.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, LANGUAGES, resources } from '../../../src-preload/i18n/index';

const PLURAL = /_(zero|one|two|few|many|other)$/;
type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w]+)[^}]*\}\}/g)].map((m) => m[1] as string).sort();
const base = (key: string): string => key.replace(PLURAL, '');

const english = flatten(resources.en.translation);

describe.each(LANGUAGES.filter((l) => l !== 'en'))('catalogue %s', (lang) => {
  const strings = flatten(resources[lang].translation);
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  it('has every English key, and nothing English lacks', () => {
    const missing = [...english.keys()].filter((k) => !PLURAL.test(k) && !strings.has(k));
    const extra = [...strings.keys()].filter((k) => !PLURAL.test(k) && !english.has(k));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it(`has each plural in every form ${lang} needs (${categories.join(', ')}) and no other`, () => {
    const plurals = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map(base));
    for (const key of plurals) {
      const forms = [...strings.keys()].filter((k) => PLURAL.test(k) && base(k) === key).map((k) => k.slice(key.length + 1)).sort();
      expect(forms, key).toEqual([...categories].sort());
    }
    const stray = [...strings.keys()].filter((k) => PLURAL.test(k) && !plurals.has(base(k)));
    expect(stray).toEqual([]);
  });

  it('keeps the placeholders of each English text, and no text is empty', () => {
    for (const [key, text] of strings) {
      expect(text.trim(), key).not.toBe('');
      const englishKey = english.has(key) ? key : `${base(key)}_other`;
      expect(placeholders(text), key).toEqual(placeholders(english.get(englishKey) ?? ''));
    }
  });
});

describe('catalogue en', () => {
  it('has _one and _other for each plural', () => {
    const plurals = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map(base));
    for (const key of plurals) expect([english.has(`${key}_one`), english.has(`${key}_other`)], key).toEqual([true, true]);
  });

  it('has no key the source does not use', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    for (const dir of ['src-renderer', 'src-main/desktop']) walk(join(__dirname, '../../..', dir));
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // A key is used when it is quoted whole, or its section is indexed by a template (`sde.${key}`,
    // `files.problem.${code}`): the template's literal head names the section, however deep.
    const templated = [...new Set([...source.matchAll(/`([a-z][\w.]*?)\.\$\{/gi)].map((m) => `${m[1] as string}.`))];
    const unused = [...new Set([...english.keys()].map(base))]
      .filter((key) => !source.includes(`'${key}'`) && !templated.some((section) => key.startsWith(section)));
    expect(unused).toEqual([]);
  });
});

describe('plurals through i18next', () => {
  it("picks the form each language's rules choose", async () => {
    const i = i18next.createInstance();
    await i.init({ resources, lng: 'es', fallbackLng: 'en', interpolation: { escapeValue: false } });
    expect(i.t('tray.waitingSuffix', { count: 1 })).toBe(' — 1 solicitud en espera');
    expect(i.t('tray.waitingSuffix', { count: 3 })).toBe(' — 3 solicitudes en espera');
    expect(i.t('thread.notKept', { count: 1 })).toBe('No se muestra 1 mensaje anterior.');
    expect(i.t('thread.notKept', { count: 2 })).toBe('No se muestran 2 mensajes anteriores.');
    expect(i.t('thread.notKept', { count: 1_000_000 })).toBe('No se muestran 1.000.000 mensajes anteriores.');
    await i.changeLanguage('en');
    expect(i.t('message.cut', { count: 1 })).toBe('Message cut: its last 1 character was too long to keep.');
    expect(i.t('message.cut', { count: 123_456 })).toBe('Message cut: its last 123,456 characters were too long to keep.');
  });
});

describe('chooseLanguage', () => {
  it('follows the setting when it names a language', () => {
    expect(chooseLanguage('es', ['en-US'])).toBe('es');
    expect(chooseLanguage('en', ['es-ES'])).toBe('en');
  });
  it("else the first of the OS's languages the catalogue has, else English", () => {
    expect(chooseLanguage('system', ['es-419', 'en-US'])).toBe('es');
    expect(chooseLanguage('system', ['de-DE', 'es_MX', 'en'])).toBe('es');
    expect(chooseLanguage('system', ['fr-FR', 'de'])).toBe('en');
    expect(chooseLanguage('system', [])).toBe('en');
  });
});
