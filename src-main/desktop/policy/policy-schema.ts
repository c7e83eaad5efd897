/**
 * The IT policy file's schema (issue 11.8): one machine-wide JSON object; every key optional, an
 * unknown key is an error (a typo must not silently unlock a setting). A key present here is
 * "set by your organisation": applied and shown locked.
 */
/* eslint-disable no-restricted-syntax -- validation details for IT (the policy error quotes zod's own
   English messages beside them, and IT matches them against README's examples): not catalogue text. */
import { z } from 'zod';
import { csdsUrlProblem, ssoUrlProblem } from '../../../src-preload/schemas';

const httpsUrl = z.string().max(2048).refine((s) => {
  try { return new URL(s).protocol === 'https:'; } catch { return false; }
}, { message: 'must be an https:// URL' });

const ssoUrl = (what: 'idp' | 'acs') => z.string().max(2048).superRefine((s, ctx) => {
  const problem = ssoUrlProblem(s, what);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const csdsUrl = z.string().max(2048).superRefine((s, ctx) => {
  const problem = csdsUrlProblem(s);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** Proxy keys the networking layer reads (issue 11.1–3); the policy overrides the user's choice. */
const proxySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('system') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
  z.object({
    mode: z.literal('manual'),
    url: z.string().max(2048).refine((s) => {
      try { return ['http:', 'https:', 'socks:', 'socks4:', 'socks5:'].includes(new URL(s).protocol); } catch { return false; }
    }, { message: 'must be an http://, https:// or socks:// proxy URL' }),
    bypass: z.array(z.string().min(1).max(256)).max(200).optional(),
  }).strict(),
]);

export const policySchema = z.object({
  accountId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, "-" or "_"'),
  csdsUrl,
  sso: z.object({
    /** The organisation's identity-provider sign-in URL (https; http only on loopback). */
    idpUrl: ssoUrl('idp'),
    /** Where the IdP posts its SAML response: a URL pattern with `*` and `{accountId}` (README "Single sign-on"). */
    assertionConsumerUrl: ssoUrl('acs').optional(),
  }).strict(),
  proxy: proxySchema,
  /** PEM files (absolute paths) trusted in addition to the OS store. */
  trustedCertificateFiles: z.array(z.string().min(1).max(1024).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), { message: 'must be an absolute path' })).max(50),
  allowDemo: z.boolean(),
  allowRememberPassword: z.boolean(),
  updateFeedUrl: httpsUrl,
}).partial().strict();

export type Policy = z.infer<typeof policySchema>;
export type PolicyKey = keyof Policy;
