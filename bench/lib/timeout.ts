/** `p`, or a rejection naming `what` once `ms` have passed without it. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_res, rej) => { timer = setTimeout(() => rej(new Error(`no ${what} within ${ms} ms`)), ms); });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
