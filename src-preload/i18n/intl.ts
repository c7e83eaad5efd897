/**
 * Shared `Intl` formatters, one per language and options, for main (ring text in notifications and
 * the tray) and the renderer (times, counts). Building one costs far more than using it (ICU resolves
 * the locale and its data each time): a formatter built per call in every message row, ring countdown,
 * conversation row and ring notification made appends and rings slower than the hand-written formats
 * they replaced (issues #9, #15). Formatters are immutable, so sharing them is safe. Plain JavaScript,
 * no imports: the preload's bundle and main both take it as is.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
/**
 * The same formatters by options object, for callers that pass one frozen constant (ring countdowns,
 * message times): no JSON key built per call, which cost more than the format itself on the ring
 * path. Only frozen objects: one that could still change, or a fresh literal per call, takes the key.
 */
const byOptions = new WeakMap<object, Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, lang: string, options: object, make: () => T): T {
  const constant = Object.isFrozen(options);
  let perLang = constant ? byOptions.get(options) : undefined;
  const hit = perLang?.get(kind + lang);
  if (hit) return hit as T;
  const key = `${kind}|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  if (constant) {
    if (!perLang) byOptions.set(options, (perLang = new Map()));
    perLang.set(kind + lang, f);
  }
  return f as T;
}

export function numberFormat(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', lang, options, () => new Intl.NumberFormat(lang, options));
}

export function dateTimeFormat(lang: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('d', lang, options, () => new Intl.DateTimeFormat(lang, options));
}

export function relativeTimeFormat(lang: string, options: Intl.RelativeTimeFormatOptions = {}): Intl.RelativeTimeFormat {
  return cached('r', lang, options, () => new Intl.RelativeTimeFormat(lang, options));
}
