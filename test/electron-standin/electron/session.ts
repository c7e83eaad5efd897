/**
 * `session`: the default session that keeps the permission handlers the app sets (child.ts asks
 * them), the spellchecker's languages and custom words (recorded), and the network model of
 * proxy.ts (`setProxy`, `resolveProxy`, `fetch`; a proxy's 407 asks the app's 'login' event, wired by index.ts).
 * `session.fromPartition(name)` returns one session per partition name (docs/api/session.md:
 * "Returns Session - A session instance from partition string. When there is an existing Session with
 * the same partition, it will be returned; otherwise a new Session instance will be created"; a name
 * without `persist:` is in memory, `isPersistent()` false; '' is the default session). A window on a
 * partition (`webPreferences.partition`) runs in its own Chromium browser context (browser.ts: its own
 * cookies and storage, never written to disk here, `persist:` included) and its requests pass through
 * the session's `webRequest.onBeforeRequest` (web-request.ts). The default session's webRequest
 * listeners are kept but not called (the app sets none that matter there).
 */
import { EventEmitter } from 'node:events';
import { StandinNetwork, type LoginAsker } from './proxy';
import { StandinWebRequest } from './web-request';
import { changed, recorded } from './record';

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class StandinSession extends EventEmitter implements Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearCache' | 'clearStorageData' | 'setSpellCheckerEnabled'
  | 'setSpellCheckerLanguages' | 'getSpellCheckerLanguages' | 'availableSpellCheckerLanguages' | 'addWordToSpellCheckerDictionary' | 'setProxy' | 'resolveProxy' | 'fetch'
  | 'isPersistent' | 'setCertificateVerifyProc'> {
  /** A part of Chromium's list of Hunspell dictionaries (what `availableSpellCheckerLanguages` reports on Linux/Windows). */
  readonly availableSpellCheckerLanguages = ['de-DE', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es', 'es-419', 'es-ES', 'es-MX', 'fr-FR', 'it-IT', 'nl', 'pt-BR', 'pt-PT'];
  /** Who answers a proxy's 407 (index.ts: the app's 'login' event). */
  static askLogin: LoginAsker = () => false;
  private readonly network = new StandinNetwork(process.env, (info, cb) => StandinSession.askLogin(info, cb));
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  readonly webRequest: StandinWebRequest;

  /** '' = the default session; else a partition name (`persist:` prefix = persistent). */
  constructor(readonly partition = '') {
    super();
    this.webRequest = new StandinWebRequest(partition);
  }

  /** docs/api/session.md isPersistent(): the default session and `persist:` partitions are persistent. */
  isPersistent(): boolean {
    return this.partition === '' || this.partition.startsWith('persist:');
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  async clearCache(): Promise<void> {}
  async clearStorageData(): Promise<void> {}
  setSpellCheckerEnabled(): void {}
  /** Electron throws for a code outside availableSpellCheckerLanguages ("Invalid language code provided"). */
  setSpellCheckerLanguages(languages: string[]): void {
    for (const lang of languages) {
      if (!this.availableSpellCheckerLanguages.includes(lang)) throw new Error(`Invalid language code provided: "${lang}" is not a valid language code`);
    }
    recorded.spellchecker.languages = [...languages];
    changed();
  }
  getSpellCheckerLanguages(): string[] {
    return [...recorded.spellchecker.languages];
  }
  /** The docs: "will return false if the session is not persistent" (nothing is added then). */
  addWordToSpellCheckerDictionary(word: string): boolean {
    if (!this.isPersistent()) return false;
    recorded.spellchecker.added.push(word);
    changed();
    return true;
  }
  setProxy(config: Electron.ProxyConfig): Promise<void> {
    return this.network.setProxy(config);
  }
  resolveProxy(url: string): Promise<string> {
    return this.network.resolveProxy(url);
  }
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    return this.network.fetch(input, init);
  }
  setCertificateVerifyProc(proc: ((request: Electron.Request, callback: (verificationResult: number) => void) => void) | null): void {
    this.network.setCertificateVerifyProc(proc);
  }
}
export const defaultSession = new StandinSession();
const partitions = new Map<string, StandinSession>();

/** The session of a partition name ('' → the default session), one per name. */
export function sessionFor(partition: string | undefined): StandinSession {
  if (partition === undefined || partition === '') return defaultSession;
  let s = partitions.get(partition);
  if (!s) {
    s = new StandinSession(partition);
    partitions.set(partition, s);
  }
  return s;
}

export const session = {
  defaultSession,
  fromPartition: (partition: string): StandinSession => sessionFor(partition),
};
