/**
 * The image viewer: the checked image at up to its natural size (scaled down to fit the window),
 * its caption, and "Save as…" (main's save dialog; the bytes never pass through the window again).
 */
import { useState } from 'react';
import type { OpenedFile } from '../../../src-preload/api';
import { describeError } from '../../lib/errors';
import { fileProblemWords, formatBytes, isAppFileUrl } from '../../lib/file-words';
import { useLp } from '../../state/hooks';
import { Dialog } from '../Dialog';

export function FileViewer({ file, caption, conversationId, sequence, onClose }: {
  file: Extract<OpenedFile, { ok: true }>; caption: string | undefined; conversationId: string; sequence: number; onClose(): void;
}) {
  const lp = useLp();
  const [status, setStatus] = useState<string | null>(null);
  const save = (): void => {
    setStatus(null);
    lp.fileSaveAs({ conversationId, sequence }).then((r) => {
      if (r.saved) setStatus('Saved.');
      else if (r.problem) setStatus(`Not saved: ${fileProblemWords(r.problem)}`);
    }).catch((err: unknown) => setStatus(`Not saved: ${describeError(err)}`));
  };
  return (
    <Dialog title="Image" onClose={onClose} className="file-viewer">
      {isAppFileUrl(file.url) && <img className="file-viewer-image" src={file.url} alt={caption ?? 'Image'} width={file.width} height={file.height} />}
      {caption && <p className="file-viewer-caption">{caption}</p>}
      <p className="muted small">{file.width} × {file.height} · {formatBytes(file.size)}</p>
      <div className="dialog-actions">
        {status && <span role="status">{status}</span>}
        <button type="button" className="btn" onClick={save} data-autofocus>Save as…</button>
        <button type="button" className="btn" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
