/**
 * Things the user must be told once, not as a reply to anything they did (a settings file that was
 * damaged and moved aside, a disk too full to keep the outbox): logged at once, shown in the window as
 * a banner ('app/notice'). Notices raised before the page loaded wait for it; each one is delivered
 * once per run (a reload does not repeat it); the same id raised again while pending is one notice.
 * The text may be given as a function: it is then worded when delivered, in the language main has
 * chosen by then (a settings file found damaged at start is reported before the language is known).
 */
export interface Notice {
  id: string;
  text: string;
  level: 'info' | 'warning';
}

export type NoticeRequest = Omit<Notice, 'text'> & { text: string | (() => string) };

export interface Notices {
  tell(notice: NoticeRequest): void;
  /** The page (re)loaded and can show banners now: deliver what waited. */
  pageReady(): void;
  /** The window went away: hold notices until the next page. */
  pageGone(): void;
}

export function createNotices(deps: { deliver(notice: Notice): void; log(message: string): void }): Notices {
  const pending: NoticeRequest[] = [];
  let ready = false;
  const words = (n: NoticeRequest): string => (typeof n.text === 'function' ? n.text() : n.text);
  const flush = (): void => {
    while (ready && pending.length > 0) {
      const n = pending.shift() as NoticeRequest;
      deps.deliver({ ...n, text: words(n) });
    }
  };
  return {
    tell(notice) {
      deps.log(`notice (${notice.level}): ${words(notice)}`);
      if (pending.some((n) => n.id === notice.id)) return;
      pending.push(notice);
      flush();
    },
    pageReady() {
      ready = true;
      flush();
    },
    pageGone() {
      ready = false;
    },
  };
}
