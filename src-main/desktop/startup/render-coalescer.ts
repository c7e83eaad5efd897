/**
 * One render per tick: the first request of a tick schedules a render (through `defer`, e.g.
 * setImmediate), later requests of the same tick join it. A render that throws is logged, not
 * rethrown (it runs outside any caller).
 */
export function coalesceRenders(render: () => void, deps: { defer(fn: () => void): void; log(message: string): void; what: string }): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    deps.defer(() => {
      queued = false;
      try {
        render();
      } catch (err) {
        deps.log(`${deps.what} render failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
}
