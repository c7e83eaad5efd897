/**
 * Files in the window (components/files/): a file message shows main's app:// image (never a remote
 * URL) or its problem in words; the viewer saves through main; the composer sends by attach, drop and
 * paste with the typed text as caption, refuses wrong types and sizes before reading, and retries a
 * failed upload.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../src-preload/api';
import { fileRefusal } from '../../../src-renderer/components/files/useFileSend';
import { isAppFileUrl } from '../../../src-renderer/lib/file-words';
import { baseSnapshot, conversation, message } from '../fake-lp';
import { renderApp } from '../render';

afterEach(() => cleanup());

const URL_OK = '/files/0b7c2a6e-1c1a-4bb0-9a0e-2f0d1d1d1d1d';
const fileMsg = (over: Partial<ChatMessage> = {}): ChatMessage => message({
  sequence: 3, contentType: 'hosted/file', text: '[PNG file] my receipt', file: { relativePath: '/v1/a.png', fileType: 'PNG', caption: 'my receipt' }, ...over,
});

async function openThread(messages: ChatMessage[]) {
  const snap = baseSnapshot({ seq: 1 });
  snap.session.conversations = [conversation()];
  snap.session.messages = { c1: messages };
  const r = await renderApp(snap);
  r.lp.handle('conversationHistory', () => messages);
  return r;
}

describe('file messages', () => {
  it('shows the image main serves as a thumbnail with its caption, opens the viewer and saves through main', async () => {
    const r = await openThread([fileMsg()]);
    r.lp.handle('fileOpen', () => ({ ok: true, url: URL_OK, width: 30, height: 20, mime: 'image/png', size: 1234 }));
    r.lp.handle('fileSaveAs', () => ({ saved: true }));
    await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
    const open = await screen.findByRole('button', { name: 'Open image: my receipt' });
    const img = within(open).getByRole('img', { name: 'my receipt' });
    expect(img.getAttribute('src')).toBe(URL_OK);
    expect(r.lp.callsTo('fileOpen')).toContainEqual({ conversationId: 'c1', sequence: 3 });
    await userEvent.click(open);
    const viewer = await screen.findByRole('dialog', { name: 'Image' });
    expect(within(viewer).getByText('30 × 20 · 1 KB')).toBeTruthy();
    await userEvent.click(within(viewer).getByRole('button', { name: 'Save as…' }));
    expect(await within(viewer).findByText('Saved.')).toBeTruthy();
    expect(r.lp.callsTo('fileSaveAs')).toEqual([{ conversationId: 'c1', sequence: 3 }]);
  });

  it('says why a file cannot be shown, and never puts a non-app URL in an <img>', async () => {
    const r = await openThread([fileMsg(), fileMsg({ sequence: 4, file: { relativePath: '/v1/b.png', fileType: 'PNG' } })]);
    r.lp.handle('fileOpen', (a) => ((a as { sequence: number }).sequence === 3
      ? { ok: false, problem: 'unsafe' }
      : { ok: true, url: 'https://evil.example/x.png', width: 1, height: 1, mime: 'image/png', size: 1 }));
    await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
    expect(await screen.findByText('File refused: it contains web page or script content.')).toBeTruthy();
    // (a row may mount more than once: main answers again from its cache)
    await vi.waitFor(() => expect(new Set(r.lp.callsTo('fileOpen').map((a) => (a as { sequence: number }).sequence))).toEqual(new Set([3, 4])));
    expect(document.querySelectorAll('img').length).toBe(0);
    expect(isAppFileUrl('/files/../index.html')).toBe(false);
    expect(isAppFileUrl('//evil.example/files/0b7c2a6e-1c1a-4bb0-9a0e-2f0d1d1d1d1d')).toBe(false);
  });

  it('an upload in progress shows progress; a failed one says why and retries', async () => {
    const uploading = fileMsg({ sequence: undefined, localId: 'L9', own: true, role: 'AGENT', delivery: 'sending', file: { relativePath: '', fileType: 'PNG', uploading: true, size: 2048 } });
    const r = await openThread([uploading]);
    await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
    expect(await screen.findByText('Uploading image (2 KB)…')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toBeTruthy();
    const failed: ChatMessage = { ...uploading, delivery: 'failed', error: 'Upload failed: network problem', file: { relativePath: '', fileType: 'PNG', size: 2048 } };
    act(() => { r.lp.emit('message/upsert', failed); });
    expect(await screen.findByText('Failed: Upload failed: network problem')).toBeTruthy();
    r.lp.handle('fileRetry', () => ({ ...uploading }));
    await userEvent.click(screen.getByRole('button', { name: 'Retry upload' }));
    expect(r.lp.callsTo('fileRetry')).toEqual([{ localId: 'L9' }]);
    expect(await screen.findByText('Uploading image (2 KB)…')).toBeTruthy();
  });
});

describe('sending files from the composer', () => {
  const png = (name = 'a.png', size = 10) => new File([new Uint8Array(size)], name, { type: 'image/png' });

  it('attach: the typed text goes along as the caption; the bytes reach main', async () => {
    const r = await openThread([]);
    r.lp.handle('fileSend', (a) => message({ sequence: undefined, localId: 'F1', own: true, role: 'AGENT', contentType: 'hosted/file', delivery: 'sending', text: '[PNG file]', conversationId: (a as { conversationId: string }).conversationId, file: { relativePath: '', fileType: 'PNG', uploading: true } }));
    await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'the form');
    await userEvent.upload(screen.getByLabelText('Image to send'), png());
    await vi.waitFor(() => expect(r.lp.callsTo('fileSend')).toHaveLength(1));
    const args = r.lp.callsTo('fileSend')[0] as { conversationId: string; bytes: Uint8Array; caption?: string };
    expect(args.conversationId).toBe('c1');
    expect(args.bytes).toBeInstanceOf(Uint8Array);
    expect(args.bytes.length).toBe(10);
    expect(args.caption).toBe('the form');
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('drop and paste send the files; wrong types and oversize files are refused before reading', async () => {
    const r = await openThread([]);
    r.lp.handle('fileSend', () => message({ sequence: undefined, localId: 'F2', own: true, role: 'AGENT', contentType: 'hosted/file', delivery: 'sending', file: { relativePath: '', fileType: 'PNG', uploading: true } }));
    await userEvent.click(screen.getByRole('option', { name: /Ada/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.drop(box, { dataTransfer: { files: [png('drop.png')], types: ['Files'] } });
    fireEvent.paste(box, { clipboardData: { files: [png('paste.png')] } });
    await vi.waitFor(() => expect(r.lp.callsTo('fileSend')).toHaveLength(2));
    fireEvent.drop(box, { dataTransfer: { files: [new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' })], types: ['Files'] } });
    expect(await screen.findByText('Not sent: only JPEG, PNG and GIF images can be sent.')).toBeTruthy();
    expect(r.lp.callsTo('fileSend')).toHaveLength(2);
    expect(fileRefusal({ type: 'image/png', size: 25 * 1024 * 1024 + 1 })).toBe('files.refusedSize');
    expect(fileRefusal({ type: 'text/html', size: 5 })).toBe('files.refusedType');
    expect(fileRefusal({ type: 'image/gif', size: 5 })).toBeNull();
  });
});
