/** The words main shows for updates (the menu's refusal box), from the catalogue in main's language. */
import type { UpdateRestartResult } from '../../../src-preload/api';
import { t } from '../i18n';

export function restartRefusalText(result: Exclude<UpdateRestartResult, { restarting: true }>): string {
  switch (result.reason) {
    case 'no-update': return t('updates.refusedNoUpdate');
    case 'ring-waiting': return t('updates.refusedRing');
    case 'conversations-open': return t('updates.refusedConversations', { count: result.count });
  }
}
