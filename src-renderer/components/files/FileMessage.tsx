/**
 * A file message (contentType hosted/file): the image main fetched and checked, as a thumbnail
 * (the full image scaled down by CSS to at most 240 × 240) that opens the viewer; its caption as text;
 * or, when it cannot be shown, why in plain words. The agent's own file shows its upload: "Uploading…"
 * with a progress bar, and on failure the reason and a Retry button.
 */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ChatMessage, OpenedFile } from '../../../src-preload/api';
import { describeError } from '../../lib/errors';
import { fileProblemWords, formatBytes, isAppFileUrl } from '../../lib/file-words';
import { useLp, useStoreApi } from '../../state/hooks';
import { MessageText } from '../MessageText';
import { FileViewer } from './FileViewer';

type Loaded = { state: 'loading' } | { state: 'done'; file: OpenedFile } | { state: 'error'; text: string };

function useOpenedFile(message: ChatMessage): Loaded | null {
  const lp = useLp();
  const { conversationId, sequence } = message;
  const ready = sequence !== undefined && !!message.file?.relativePath && !message.file.uploading;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!ready || sequence === undefined) return undefined;
    let live = true;
    setLoaded({ state: 'loading' });
    lp.fileOpen({ conversationId, sequence }).then(
      (file) => { if (live) setLoaded({ state: 'done', file }); },
      (err: unknown) => { if (live) setLoaded({ state: 'error', text: describeError(err) }); },
    );
    return () => { live = false; };
  }, [lp, conversationId, sequence, ready]);
  return ready ? loaded : null;
}

/** `t` and `lang`: the message row's (its thread's). */
export function FileMessage({ message, t, lang }: { message: ChatMessage; t: TFunction; lang: string }) {
  const lp = useLp();
  const store = useStoreApi();
  const file = message.file;
  const loaded = useOpenedFile(message);
  const [viewer, setViewer] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  if (!file) return null;
  const caption = file.caption;
  const uploadFailed = message.own && message.delivery === 'failed' && message.localId !== undefined && (message.error ?? '').startsWith('Upload failed');

  const retry = (): void => {
    if (!message.localId) return;
    setRetryError(null);
    lp.fileRetry({ localId: message.localId }).then((m) => {
      if (m) store.dispatch({ type: 'event', name: 'message/upsert', data: m, at: Date.now() });
      else setRetryError(t('files.retryGone'));
    }).catch((err: unknown) => setRetryError(describeError(err)));
  };

  let body;
  if (file.uploading) {
    body = (
      <div className="file-upload" role="status">
        <span>{file.size !== undefined ? t('files.uploadingSize', { size: formatBytes(file.size) }) : t('files.uploading')}</span>
        <progress className="file-progress" aria-label={t('files.uploadProgress')} />
      </div>
    );
  } else if (loaded?.state === 'done' && loaded.file.ok && isAppFileUrl(loaded.file.url)) {
    const f = loaded.file;
    body = (
      <button type="button" className="file-thumb" onClick={() => setViewer(true)} aria-label={caption ? t('files.openCaption', { caption }) : t('files.open')}>
        <img src={f.url} alt={caption ?? t('files.image')} width={f.width} height={f.height} draggable={false} />
      </button>
    );
  } else if (loaded?.state === 'done' && !loaded.file.ok) {
    body = <p className="file-problem" role="note">{fileProblemWords(loaded.file.problem, t)}</p>;
  } else if (loaded?.state === 'error') {
    body = <p className="file-problem" role="note">{t('files.couldNotShow', { error: loaded.text })}</p>;
  } else if (loaded?.state === 'loading') {
    body = <p className="file-loading muted small" role="status">{t('files.loading')}</p>;
  } else {
    body = <p className="file-placeholder muted small">{t('files.imageType', { type: file.fileType })}</p>;
  }

  return (
    <div className="file-message" data-testid="file-message">
      {body}
      {caption && <MessageText text={caption} t={t} lang={lang} />}
      {uploadFailed && (
        <div className="file-retry">
          <button type="button" className="btn small" onClick={retry}>{t('files.retry')}</button>
          {retryError && <span className="file-problem" role="alert">{retryError}</span>}
        </div>
      )}
      {viewer && loaded?.state === 'done' && loaded.file.ok && message.sequence !== undefined && (
        <FileViewer file={loaded.file} caption={caption} conversationId={message.conversationId} sequence={message.sequence} onClose={() => setViewer(false)} />
      )}
    </div>
  );
}
