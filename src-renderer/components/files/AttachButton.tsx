/** The composer's "Attach image" button: a hidden file input (JPEG, PNG, GIF) behind a real button. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SENDABLE_TYPES } from '../../lib/file-words';

export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn small composer-attach" disabled={disabled} onClick={() => input.current?.click()}
        title={t('files.attachTitle')}>
        {t('files.attach')}
      </button>
      <input ref={input} type="file" hidden accept={SENDABLE_TYPES.join(',')} aria-label={t('files.toSend')} tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }} />
    </>
  );
}
