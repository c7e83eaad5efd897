/**
 * The contract's runtime schemas: the building blocks its request entries (api.ts) assemble their
 * argument schemas from, and the settings schema. Only main loads this file (zod is ~450 kB
 * minified): the preload and the renderer take names and types from api.ts, which imports this file
 * for types only. Values and limits come from the core's vocabulary, shared with headless mode.
 */
import { z } from 'zod';
import { AVAILABILITIES, CHAT_STATES, INPUT_LIMITS } from '../src-main/lp/index';
import { LANGUAGE_SETTINGS } from './i18n/languages';

export const cannedResponseSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(10_000),
}).strict();
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

/** User settings (non-secret), persisted by main in electron-store. */
export const settingsSchema = z.object({
  notifications: z.boolean(),
  sound: z.boolean(),
  onlyWhenUnfocused: z.boolean(),
  closeToTray: z.boolean(),
  /** Closing the window with open conversations: ask (once), keep running in the tray, or sign out and quit. */
  closeWithOpenConversations: z.enum(['ask', 'tray', 'quit']),
  launchAtLogin: z.boolean(),
  /** Electron accelerator for "accept the oldest ring", or null for none. */
  acceptOldestShortcut: z.string().max(64).nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  /** The UI language, or 'system' to follow the OS (src-preload/i18n/languages.ts). */
  language: z.enum(LANGUAGE_SETTINGS),
  cannedResponses: z.array(cannedResponseSchema).max(500),
  /**
   * Response-time timer thresholds, in seconds of the consumer waiting, used when the server gives
   * no time to respond for the conversation (src-preload/response-time.ts). Amber ≤ red.
   */
  responseAmberSeconds: z.number().int().min(5).max(86_400),
  responseRedSeconds: z.number().int().min(5).max(86_400),
  /** Volume of the app's own sounds, 0–100 (`sound` is the mute). */
  soundVolume: z.number().int().min(0).max(100),
  /** Seconds a ring waits before the app escalates (repeated sound, flashing, tray attention). */
  escalateAfterSeconds: z.number().int().min(5).max(300),
  /** On escalation, also bring the window to the front. */
  bringToFrontOnRing: z.boolean(),
  /** A toast (and a softer sound) for consumer messages while the window is not focused. */
  messageAlerts: z.boolean(),
  /** Proxy: the system's (default; PAC/WPAD included), a manual URL + bypass list, or none. */
  proxyMode: z.enum(['system', 'manual', 'none']),
  /** Manual proxy URL (http://host:port, socks5://…); credentials are asked, never stored here. */
  proxyUrl: z.string().max(2048),
  /** Manual bypass list, Chromium's rules (`*.corp.example, 10.0.0.0/8, <local>`). */
  proxyBypass: z.string().max(4096),
  /** Single sign-on: the organisation's identity-provider sign-in URL ('' = no SSO; ssoUrlProblem). */
  ssoIdpUrl: z.string().max(2048).superRefine((value, ctx) => {
    const problem = value === '' ? undefined : ssoUrlProblem(value, 'idp');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Where the IdP posts its SAML response: a URL pattern (`*` wildcards, `{accountId}`); '' = the default (README "Single sign-on"). */
  ssoAcsUrl: z.string().max(2048).superRefine((value, ctx) => {
    const problem = value === '' ? undefined : ssoUrlProblem(value, 'acs');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
}).strict();
export type Settings = z.infer<typeof settingsSchema>;

const IDP_URL = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?(?:[/?][^#\s]*)?$/i;
const ACS_PATTERN = /^(https?):\/\/(\[[0-9a-f:.]+\]|(?:\*\.)?[a-z0-9.-]+|\*)(?::(\d{1,5}|\*))?(?:[/?][^#\s]*)?$/i;

/**
 * Why a single sign-on URL is refused, or undefined: the identity-provider URL (`idp`) is
 * https://host[:port][/path][?query], http:// only on loopback (the simulator); the assertion-consumer
 * pattern (`acs`) is the same with `*` wildcards (a leading `*.` or `*` host, a `*` port, `*` anywhere
 * in path and query) and `{accountId}`. No user name, no fragment, no whitespace.
 */
export function ssoUrlProblem(value: string, what: 'idp' | 'acs'): string | undefined {
  const label = what === 'idp' ? 'identity-provider URL' : 'assertion-consumer URL';
  const m = (what === 'idp' ? IDP_URL : ACS_PATTERN).exec(value);
  if (!m) return `${label}: expected https://host[:port][/path] (no user name, fragment or spaces)`;
  const [, scheme = '', host = '', port] = m;
  if (port !== undefined && port !== '*' && (Number(port) < 1 || Number(port) > 65_535)) return `${label}: port out of range`;
  if (scheme.toLowerCase() === 'http' && !isLoopbackHost(host)) return `${label}: http:// is allowed only for 127.0.0.1, localhost or [::1]; use https://`;
  return undefined;
}

/** Hosts that never leave this machine: `localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** `scheme://host[:port][/path]`: no user info, query, fragment or whitespace; an ASCII (punycode) host. */
const CSDS_URL = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?(?:\/[^?#@\s]*)?$/i;

/**
 * Why a domain-service (CSDS) base URL is refused, or undefined when it is acceptable: https for any
 * host, http only for loopback (the simulator) — a password must never travel in clear text — and
 * nothing but scheme, host, port and path. (The contract has neither DOM nor Node, so no `URL` here.)
 */
export function csdsUrlProblem(value: string): string | undefined {
  const m = CSDS_URL.exec(value);
  if (!m) return 'domain service: expected https://host[:port][/path] (no user name, query or fragment)';
  const [, scheme = '', host = '', port] = m;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return 'domain service: port out of range';
  if (scheme.toLowerCase() === 'http' && !isLoopbackHost(host)) return 'domain service: http:// is allowed only for 127.0.0.1, localhost or [::1]; use https://';
  return undefined;
}

/** A CSDS base URL the app may send a password to (see csdsUrlProblem). */
export const csdsUrlSchema = z.string().max(512).superRefine((value, ctx) => {
  const problem = csdsUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** What every request entry's `args` builder receives: zod itself and the shared value schemas. */
export const schemaKit = {
  z,
  /** No argument (or an empty object). */
  empty: z.object({}).strict().optional(),
  id: z.string().min(1).max(INPUT_LIMITS.idLength),
  conversationId: z.string().min(1).max(INPUT_LIMITS.conversationIdLength),
  skillId: z.string().min(1).max(INPUT_LIMITS.skillIdLength),
  text: z.string().min(1).max(INPUT_LIMITS.textLength),
  sequences: z.array(z.number().int().nonnegative()).min(1).max(INPUT_LIMITS.readReceiptCount),
  availability: z.enum(AVAILABILITIES),
  chatState: z.enum(CHAT_STATES),
  settings: settingsSchema,
  csdsUrl: csdsUrlSchema,
};
export type SchemaKit = typeof schemaKit;
