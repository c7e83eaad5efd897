/** `net`: online state the test switches (pages go offline with it); `fetch` is Node's. */
import { setBrowserOffline } from './browser';
import { changed, recorded } from './record';

export const net = {
  isOnline(): boolean {
    return recorded.net.online;
  },
  get online(): boolean {
    return recorded.net.online;
  },
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => fetch(input, init),
} satisfies Pick<Electron.Net, 'isOnline' | 'online' | 'fetch'>;

/** Test hook: the network went away or came back (the pages see it too). */
export async function setOnline(online: boolean): Promise<void> {
  recorded.net.online = online;
  changed();
  await setBrowserOffline(!online);
}
