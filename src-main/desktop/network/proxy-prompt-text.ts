/** The words of the proxy credentials prompt (proxy-prompt-page.ts), in one place for translation. */
import type { ProxyPromptText } from './proxy-prompt-page';

export const PROXY_PROMPT_TEXT: ProxyPromptText = {
  title: 'Proxy sign-in',
  heading: (proxy) => `The proxy ${proxy} asks for a user name and password.`,
  wrong: 'The proxy refused that user name and password. Check them and try again.',
  username: 'User name',
  password: 'Password',
  remember: 'Remember on this computer (encrypted)',
  rememberUnavailable: 'This computer offers no secure storage: the password is kept until the app quits.',
  ok: 'Sign in to the proxy',
  cancel: 'Cancel',
};
