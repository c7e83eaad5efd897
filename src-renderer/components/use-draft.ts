/**
 * The composer's draft, kept by main (`draft/get`, `draft/set`): read back when a conversation is
 * opened (after a switch, a reload of the window or a restart of the app), saved DRAFT_SAVE_MS after
 * typing stops and at once when leaving the conversation. A text the agent already typed is never
 * replaced by the stored one; sending empties it, which drops the draft in main.
 */
import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import type { LpApi } from '../../src-preload/api';

export const DRAFT_SAVE_MS = 300;

export function useDraft(lp: LpApi, conversationId: string, text: string, setText: Dispatch<SetStateAction<string>>, enabled: boolean): void {
  /** What main holds for this conversation, as far as the window knows. */
  const saved = useRef('');
  const loaded = useRef(false);
  const latest = useRef(text);
  latest.current = text;

  useEffect(() => {
    let current = true;
    loaded.current = false;
    saved.current = '';
    if (enabled) {
      lp.draftGet({ conversationId }).then(({ text: stored }) => {
        if (!current) return;
        saved.current = stored;
        loaded.current = true;
        if (stored !== '') setText((cur) => (cur === '' ? stored : cur));
      }).catch(() => {
        if (current) loaded.current = true;
      });
    }
    return () => {
      current = false;
      // Leaving the conversation: what was typed since the last save goes now.
      if (loaded.current && latest.current !== saved.current) void lp.draftSet({ conversationId, text: latest.current }).catch(() => undefined);
    };
  }, [lp, conversationId, setText, enabled]);

  useEffect(() => {
    if (!enabled || !loaded.current || text === saved.current) return undefined;
    const timer = setTimeout(() => {
      saved.current = text;
      void lp.draftSet({ conversationId, text }).catch(() => undefined);
    }, DRAFT_SAVE_MS);
    return () => clearTimeout(timer);
  }, [lp, conversationId, text, enabled]);
}
