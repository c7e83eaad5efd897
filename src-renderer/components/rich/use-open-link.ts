/**
 * Opening a link from consumer content: always through main's allow-check (`shell/open-external`,
 * src-main/desktop/external-links.ts), never by the window. One "link not opened" banner at a time,
 * cleared as soon as a later link opens. `t`: the caller's (a message row gets it from its thread).
 */
import { useCallback } from 'react';
import type { TFunction } from 'i18next';
import { describeError } from '../../lib/errors';
import { useStoreApi } from '../../state/hooks';

export function useOpenLink(t: TFunction): (url: string) => void {
  const store = useStoreApi();
  return useCallback((url: string) => {
    const refused = (reason: string): void => store.dispatch({ type: 'banner/show', kind: 'error', topic: 'link', text: t('message.linkRefused', { reason }) });
    store.lp.shellOpenExternal({ url }).then(
      (r) => {
        if (r.opened) store.dispatch({ type: 'banner/clear', topic: 'link' });
        else refused(r.reason ?? 'not allowed');
      },
      (err: unknown) => refused(describeError(err)),
    );
  }, [store, t]);
}
