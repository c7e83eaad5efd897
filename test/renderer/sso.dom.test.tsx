// Single sign-on in the window (issue 11.6): the sign-in form's button (only when SSO is available),
// its errors in main's words, and the "sign in again" banner with its button.
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../src-preload/api';
import { baseSnapshot, signedOutSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

function signedOut(sso?: NonNullable<AppSnapshot['app']['sso']>): AppSnapshot {
  const s = signedOutSnapshot();
  if (sso) s.app = { ...s.app, sso };
  return s;
}

describe('Sign in with single sign-on', () => {
  it('is offered only when SSO is available', async () => {
    await renderApp(signedOut());
    expect(screen.queryByRole('button', { name: 'Sign in with single sign-on' })).toBeNull();
    cleanup();
    await renderApp(signedOut({ available: false, locked: false }));
    expect(screen.queryByRole('button', { name: 'Sign in with single sign-on' })).toBeNull();
  });

  it('sends the account id (and CSDS URL) typed; needs an account id first', async () => {
    const r = await renderApp(signedOut({ available: true, locked: true }));
    expect(screen.getByText(/in its own window \(set by your organisation\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your account id first: single sign-on needs it.');
    expect(r.lp.callsTo('sessionLoginSso')).toEqual([]);
    await userEvent.type(screen.getByLabelText('Account id'), '12345678');
    await userEvent.click(screen.getByText('Advanced'));
    await userEvent.type(screen.getByLabelText('CSDS URL (domain service)'), 'csds.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect(r.lp.callsTo('sessionLoginSso')).toEqual([{ accountId: '12345678', csdsUrl: 'https://csds.example.com' }]);
  });

  it('shows main\'s own words for a closed window or a refusal', async () => {
    const r = await renderApp(signedOut({ available: true, locked: false }));
    r.lp.handle('sessionLoginSso', () => { throw new Error("Error invoking remote method 'lp:req:session/login-sso': Error: 0|SSO#Closed|the window was closed"); });
    await userEvent.type(screen.getByLabelText('Account id'), '123');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect((await screen.findByText(/window was closed/)).textContent).toBe('The single sign-on window was closed before the sign-in finished. Nothing was changed.');
    r.lp.handle('sessionLoginSso', () => { throw new Error('401|SSO#Refused|expired'); });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect((await screen.findByText(/was refused/)).textContent).toBe("Your organisation's sign-in was refused: expired");
    r.lp.handle('sessionLoginSso', () => { throw new Error('502|SSO#Response|the identity provider posted no SAMLResponse'); });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect((await screen.findByText(/did not finish/)).textContent).toBe("Your organisation's sign-in did not finish: the identity provider posted no SAMLResponse.");
    r.lp.handle('sessionLoginSso', () => { throw new Error('0|Domains#CSDS|getaddrinfo ENOTFOUND adminlogin.liveperson.net'); });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with single sign-on' }));
    expect((await screen.findByText(/Cannot reach LivePerson/)).textContent).toBe('Cannot reach LivePerson. Check your network connection and try again.');
  });
});

describe('the sign-in-again banner', () => {
  it('appears when main says the SSO session ended, and its button signs in again for the same account', async () => {
    const s = baseSnapshot();
    s.app = { ...s.app, mode: 'live', account: { accountId: '123', username: 'ann' }, sso: { available: true, locked: false, signInAgain: true } };
    const r = await renderApp(s);
    const banner = screen.getByText(/single sign-on session has ended/).closest('[role="alert"]');
    expect(banner).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(r.lp.callsTo('sessionLoginSso')).toEqual([undefined]);
  });

  it('is absent otherwise', async () => {
    const s = baseSnapshot();
    s.app = { ...s.app, mode: 'live', account: { accountId: '123', username: 'ann' }, sso: { available: true, locked: false } };
    await renderApp(s);
    expect(screen.queryByText(/single sign-on session has ended/)).toBeNull();
  });
});
