/**
 * Domain-service addresses as people type them, and what they mean: one table for headless mode
 * (the core's normaliseCsdsUrl) and the desktop sign-in form, which must accept the same forms.
 * `url` undefined: refused.
 */
export const CSDS_FORMS: ReadonlyArray<{ typed: string; url: string | undefined }> = [
  { typed: 'https://adminlogin.liveperson.net', url: 'https://adminlogin.liveperson.net' },
  { typed: 'https://adminlogin.liveperson.net/', url: 'https://adminlogin.liveperson.net' },
  { typed: 'HTTPS://Example.com:8443', url: 'https://Example.com:8443' },
  { typed: 'http://127.0.0.1:8080', url: 'http://127.0.0.1:8080' },
  { typed: '  http://localhost:8080/  ', url: 'http://localhost:8080' },
  { typed: '127.0.0.1:8080', url: 'https://127.0.0.1:8080' },
  { typed: 'adminlogin.liveperson.net', url: 'https://adminlogin.liveperson.net' },
  { typed: 'sim.example:9443', url: 'https://sim.example:9443' },
  { typed: 'https://[::1]:8443', url: 'https://[::1]:8443' },
  { typed: 'ftp://example.com', url: undefined },
  { typed: 'https://example.com/api', url: undefined },
  { typed: 'https://user:pw@example.com', url: undefined },
  { typed: 'https://example.com?x=1', url: undefined },
  { typed: 'example.com:99999', url: undefined },
  { typed: 'example .com', url: undefined },
  { typed: 'javascript:alert(1)', url: undefined },
  { typed: 'https://', url: undefined },
];
