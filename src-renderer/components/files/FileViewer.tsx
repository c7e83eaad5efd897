/**
 * The image viewer: the checked image at up to its natural size (scaled down to fit the window),
 * its caption, and "Save as…" (main's save dialog; the bytes never pass through the window again).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../src-preload/api';
import { describeError } from '../../lib/errors';
import { fileProblemWords, formatBytes, isAppFileUrl } from '../../lib/file-words';
import { useLp } from '../../state/hooks';
import { Dialog } from '../Dialog';

export function FileViewer({ file, caption, conversationId, sequence, onClose }: {
  file: Extract<OpenedFile, { ok: true }>; caption: string | undefined; conversationId: string; sequence: number; onClose(): void;
}) {
  const lp = useLp();
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const save = (): void => {
    setStatus(null);
    lp.fileSaveAs({ conversationId, sequence }).then((r) => {
      if (r.saved) setStatus(t('files.saved'));
      else if (r.problem) setStatus(t('files.notSaved', { error: fileProblemWords(r.problem, t) }));
    }).catch((err: unknown) => setStatus(t('files.notSaved', { error: describeError(err) })));
  };
  return (
    <Dialog title={t('files.viewerTitle')} onClose={onClose} className="file-viewer">
      {isAppFileUrl(file.url) && <img className="file-viewer-image" src={file.url} alt={caption ?? t('files.image')} width={file.width} height={file.height} />}
      {caption && <p className="file-viewer-caption">{caption}</p>}
      <p className="muted small">{t('files.dimensions', { width: file.width, height: file.height, size: formatBytes(file.size) })}</p>
      <div className="dialog-actions">
        {status && <span role="status">{status}</span>}
        <button type="button" className="btn" onClick={save} data-autofocus>{t('files.saveAs')}</button>
        <button type="button" className="btn" onClick={onClose}>{t('files.close')}</button>
      </div>
    </Dialog>
  );
}
