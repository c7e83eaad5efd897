/**
 * Sending images from the composer: the attach button's file picker, drag and drop, and paste. The
 * type (by the browser's guess) and the size are checked here BEFORE the file is read — main checks
 * the bytes again (by content) before anything is sent. The composer's text, if any, goes along as the
 * caption (and is cleared); a private note sends a private file.
 */
import { useCallback, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FILE_BYTES } from '../../../src-preload/api';
import { describeError } from '../../lib/errors';
import { SENDABLE_TYPES } from '../../lib/file-words';
import { useLp, useStoreApi } from '../../state/hooks';

export interface FileSendOptions {
  conversationId: string;
  disabled: boolean;
  isPrivate: boolean;
  /** Takes the composer's text as the caption (and clears it). */
  takeCaption(): string;
  onError(text: string | null): void;
}

/** Why a picked file is not sent (a catalogue key), or null when it may be read and handed to main. */
export function fileRefusal(file: { type: string; size: number }): 'files.refusedType' | 'files.refusedEmpty' | 'files.refusedSize' | null {
  if (!(SENDABLE_TYPES as readonly string[]).includes(file.type)) return 'files.refusedType';
  if (file.size === 0) return 'files.refusedEmpty';
  if (file.size > MAX_FILE_BYTES) return 'files.refusedSize';
  return null;
}

export function useFileSend(o: FileSendOptions) {
  const lp = useLp();
  const { t } = useTranslation();
  const store = useStoreApi();
  const { conversationId, disabled, isPrivate, takeCaption, onError } = o;

  const sendFiles = useCallback((files: readonly File[]): void => {
    if (disabled || files.length === 0) return;
    onError(null);
    for (const file of files) {
      const refusal = fileRefusal(file);
      if (refusal) { onError(t(refusal)); continue; }
      const caption = takeCaption().trim();
      void file.arrayBuffer().then((buf) => lp.fileSend({
        conversationId, bytes: new Uint8Array(buf), ...(caption ? { caption } : {}), ...(isPrivate ? { private: true } : {}),
      })).then((m) => {
        store.dispatch({ type: 'event', name: 'message/upsert', data: m, at: Date.now() });
        if (m.delivery === 'failed' && m.error) onError(m.error);
      }).catch((err: unknown) => onError(t('composer.notSent', { error: describeError(err) })));
    }
  }, [lp, t, store, conversationId, disabled, isPrivate, takeCaption, onError]);

  const onDragOver = useCallback((e: DragEvent<HTMLElement>): void => {
    if (disabled || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, [disabled]);

  const onDrop = useCallback((e: DragEvent<HTMLElement>): void => {
    if (disabled || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    sendFiles(Array.from(e.dataTransfer.files));
  }, [disabled, sendFiles]);

  const onPaste = useCallback((e: ClipboardEvent<HTMLElement>): void => {
    const files = Array.from(e.clipboardData.files);
    if (disabled || files.length === 0) return;
    e.preventDefault();
    sendFiles(files);
  }, [disabled, sendFiles]);

  return { sendFiles, onDragOver, onDrop, onPaste };
}
