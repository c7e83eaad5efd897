/** `net`: online state the test switches (pages go offline with it); `fetch` is Node's; `request` is client-request.ts. */
import { setBrowserOffline } from './browser';
import { StandinClientRequest } from './client-request';
import { changed, recorded } from './record';

export const net = {
  isOnline(): boolean {
    return recorded.net.online;
  },
  get online(): boolean {
    return recorded.net.online;
  },
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => fetch(input, init),
  /** Electron's ClientRequest as electron-updater drives it (client-request.ts says what is modelled). */
  request: (options: Electron.ClientRequestConstructorOptions | string): Electron.ClientRequest =>
    new StandinClientRequest(options) as unknown as Electron.ClientRequest,
} satisfies Pick<Electron.Net, 'isOnline' | 'online' | 'fetch' | 'request'>;

/** Test hook: the network went away or came back (the pages see it too). */
export async function setOnline(online: boolean): Promise<void> {
  recorded.net.online = online;
  changed();
  await setBrowserOffline(!online);
}
