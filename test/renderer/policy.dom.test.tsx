import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../src-preload/api';
import { signedOutSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

function withPolicy(policy: NonNullable<AppSnapshot['app']['policy']>): AppSnapshot {
  const s = signedOutSnapshot();
  s.app = { ...s.app, policy };
  return s;
}

describe('IT policy on the sign-in screen (issue 11.8)', () => {
  it('locked account id and domain service are shown read-only "Set by your organisation" and sent as set', async () => {
    const r = await renderApp(withPolicy({
      path: '/etc/lp-agent-desktop/policy.json', locked: ['accountId', 'allowDemo', 'allowRememberPassword', 'csdsUrl'],
      accountId: '12345678', csdsUrl: 'https://adminlogin.liveperson.net', allowDemo: false, allowRememberPassword: false,
    }));
    const account = screen.getByLabelText('Account id') as HTMLInputElement;
    expect(account.value).toBe('12345678');
    expect(account.readOnly).toBe(true);
    expect(account.getAttribute('aria-describedby')).toBe(screen.getAllByText('Set by your organisation')[0]?.id);
    const csds = screen.getByLabelText('CSDS URL (domain service)') as HTMLInputElement;
    expect(csds.readOnly).toBe(true);
    expect(csds.value).toBe('https://adminlogin.liveperson.net');
    // remember and demo switched off: not offered
    expect(screen.queryByLabelText('Remember me on this computer')).toBeNull();
    expect(screen.getByText(/does not allow remembering the password/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try the demo' })).toBeNull();

    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'pw-1');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(r.lp.callsTo('sessionLogin')).toEqual([{ accountId: '12345678', username: 'ann', password: 'pw-1', remember: false, csdsUrl: 'https://adminlogin.liveperson.net' }]);
  });

  it('a rejected policy file is said in a banner with its path and first error; nothing is locked', async () => {
    const error = 'IT policy file /etc/lp-agent-desktop/policy.json was ignored: allowDemo: Invalid input: expected boolean, received string';
    await renderApp(withPolicy({ path: '/etc/lp-agent-desktop/policy.json', locked: [], error }));
    const banner = screen.getByText(error);
    expect(banner.getAttribute('role')).toBe('alert');
    expect((screen.getByLabelText('Account id') as HTMLInputElement).readOnly).toBe(false);
    expect(screen.getByRole('button', { name: 'Try the demo' })).toBeTruthy();
    expect(screen.getByLabelText('Remember me on this computer')).toBeTruthy();
  });
});
