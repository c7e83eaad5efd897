/** The composer's "Attach image" button: a hidden file input (JPEG, PNG, GIF) behind a real button. */
import { useRef } from 'react';
import { SENDABLE_TYPES } from '../../lib/file-words';

export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn small composer-attach" disabled={disabled} onClick={() => input.current?.click()}
        title="Attach an image (JPEG, PNG or GIF, up to 25 MB); the text you typed becomes its caption">
        Attach image
      </button>
      <input ref={input} type="file" hidden accept={SENDABLE_TYPES.join(',')} aria-label="Image to send" tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }} />
    </>
  );
}
