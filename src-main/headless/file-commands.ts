/**
 * Headless file commands (issue 12.7):
 *   {"cmd":"download-file","conversationId":"…","sequence":3,"path":"/abs/photo.jpg"}
 *     the image a file message names (see its `file` in the `message` event), fetched and checked by the
 *     core (JPEG/PNG/GIF by content, ≤ 25 MB, ≤ 50 megapixels), written to a NEW file at `path`
 *     (an existing file is never overwritten) → {path, kind, mime, width, height, size}
 *   {"cmd":"send-file","conversationId":"…","path":"/abs/photo.png","caption":"…"}
 *     reads the file (its size checked before reading), sends it; the result comes once the upload is
 *     done (the message, `sending`: publishing follows as a `message` event) or failed (ok:false, why).
 * Paths must be absolute: a relative one would depend on where the agent was started.
 */
import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { FILE_LIMITS, FileError, LpError, type AgentSession, type ChatMessage } from '../lp/index';

function usage(message: string, location: string): LpError {
  return new LpError({ code: 400, message, location });
}

export async function downloadFileTo(session: AgentSession, conversationId: string, sequence: number, path: string): Promise<unknown> {
  const location = 'Headless#DownloadFile';
  if (!isAbsolute(path)) throw usage('path must be absolute', location);
  let file;
  try {
    file = await session.downloadFile(conversationId, sequence);
  } catch (err) {
    if (err instanceof FileError) throw new LpError({ code: 422, message: err.message, location, body: { problem: err.problem } });
    throw err;
  }
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usage(code === 'EEXIST' ? `${path} exists already: not overwritten` : `cannot create ${path} (${code ?? 'error'})`, location);
  }
  try {
    await handle.writeFile(file.bytes);
  } finally {
    await handle.close();
  }
  return { path, kind: file.kind, mime: file.mime, width: file.width, height: file.height, size: file.size };
}

/** Resolves with the message once it is no longer uploading (uploaded, or failed). */
function uploaded(session: AgentSession, first: ChatMessage): Promise<ChatMessage> {
  if (!first.file?.uploading) return Promise.resolve(first);
  return new Promise((resolve) => {
    const off = session.on('message', (m) => {
      if (m.localId !== first.localId || m.file?.uploading) return;
      off();
      resolve(m);
    });
  });
}

export async function sendFileFrom(session: AgentSession, conversationId: string, path: string, caption: string | undefined): Promise<ChatMessage> {
  const location = 'Headless#SendFile';
  if (!isAbsolute(path)) throw usage('path must be absolute', location);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw usage(`${path} is not a file`, location);
    size = st.size;
  } catch (err) {
    if (err instanceof LpError) throw err;
    throw usage(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, location);
  }
  if (size > FILE_LIMITS.maxBytes) throw usage(`${path} is too large (over 25 MB): not sent`, location);
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    // read at most the cap + 1 byte, in case the file grew since stat
    const buf = Buffer.alloc(Math.min(size, FILE_LIMITS.maxBytes) + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > FILE_LIMITS.maxBytes) throw usage(`${path} is too large (over 25 MB): not sent`, location);
    bytes = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const first = session.sendFile(conversationId, { bytes, ...(caption !== undefined ? { caption } : {}) });
  const m = first.delivery === 'failed' ? first : await uploaded(session, first);
  if (m.delivery === 'failed') throw usage(m.error ?? 'The file was not sent', location);
  return m;
}
