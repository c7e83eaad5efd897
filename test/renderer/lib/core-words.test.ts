/**
 * The core's English network words shown in the UI's language (src-renderer/lib/core-words.ts): every
 * phrase of the catalogue's `coreWords` is one the core really says (so a rewording in the core fails
 * here instead of silently showing English), and real outputs of the core's classifiers come out in
 * Spanish with their details (codes, proxy address) kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyNetworkError, explainNetworkError, ProxyError } from '../../../src-main/lp/index';
import { resources } from '../../../src-preload/i18n/index';
import { i18n } from '../../../src-renderer/i18n';
import { inUiLanguage } from '../../../src-renderer/lib/core-words';

const connectionDir = join(__dirname, '../../../src-main/lp/connection');
const coreText = readdirSync(connectionDir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(connectionDir, f), 'utf8')).join('\n');

describe('inUiLanguage', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it.each(Object.entries(resources.en.translation.coreWords))('the core says %s', (_key, phrase) => {
    expect(coreText).toContain(phrase);
  });

  it('says the core classifiers\' sentences in Spanish, codes and addresses kept', async () => {
    await i18n.changeLanguage('es');
    expect(inUiLanguage(classifyNetworkError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }).words)).toBe(
      'el certificado del servidor no es de confianza (DEPTH_ZERO_SELF_SIGNED_CERT): está autofirmado o lo emitió una autoridad en la que este equipo no confía',
    );
    expect(inUiLanguage(classifyNetworkError({ code: 'EPROTO', scheme: 'https' }).words)).toBe(
      'el servidor no habla TLS (EPROTO): responde HTTP sin cifrar (una dirección http:// o un puerto equivocado)',
    );
    expect(inUiLanguage(explainNetworkError(new ProxyError('the proxy http://proxy.corp:3128 cannot be reached (ECONNREFUSED); check the proxy setting, or ask IT', 'proxy-unreachable', 'http://proxy.corp:3128')).message)).toBe(
      'el proxy http://proxy.corp:3128 no responde (ECONNREFUSED); revisa el ajuste del proxy o consulta a TI',
    );
    expect(inUiLanguage(explainNetworkError(Object.assign(new Error('x'), { code: 'ERR_PROXY_AUTH_REQUESTED' })).message)).toBe(
      'el proxy pide un usuario y una contraseña que no se dieron',
    );
    // Not a known phrase: as it came.
    expect(inUiLanguage('Domains#CSDS 0: ENOTFOUND')).toBe('Domains#CSDS 0: ENOTFOUND');
  });

  it('leaves English as it is', () => {
    const words = classifyNetworkError({ code: 'CERT_HAS_EXPIRED' }).words;
    expect(inUiLanguage(words)).toBe(words);
  });
});
