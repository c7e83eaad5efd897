/** The words of the proxy credentials prompt (proxy-prompt-page.ts), from the catalogue in main's language. */
import { t } from '../i18n';
import type { ProxyPromptText } from './proxy-prompt-page';

export function proxyPromptText(): ProxyPromptText {
  return {
    title: t('network.promptTitle'),
    heading: (proxy) => t('network.promptHeading', { proxy }),
    wrong: t('network.promptWrong'),
    username: t('network.promptUsername'),
    password: t('network.promptPassword'),
    remember: t('network.promptRemember'),
    rememberUnavailable: t('network.promptNoRemember'),
    ok: t('network.promptOk'),
    cancel: t('network.promptCancel'),
  };
}
