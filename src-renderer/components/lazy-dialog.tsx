/**
 * Dialogs start-up does not need (Settings with Diagnostics, canned responses, network and sounds;
 * Transfer) are loaded on first use, each from its own chunk (Vite splits at `import()`), so the
 * window's first bundle stays small. While the chunk loads, a status ("Loading…") stands where the
 * dialog will be; if it cannot be loaded (a file missing or unreadable), the dialog frame says so
 * with "Try again" (which loads it anew) and closes as usual. An error thrown by the dialog itself
 * once loaded is a bug, not a load failure: it goes on to the window's ErrorBoundary.
 */
import { Component, createElement, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Dialog } from './Dialog';

/** The chunk of a lazily loaded part could not be loaded. */
export class PartLoadError extends Error {
  override readonly name = 'PartLoadError';
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

interface BoundaryProps {
  children: ReactNode;
  failed(error: PartLoadError): ReactNode;
}

/** Catches a PartLoadError below it; anything else is rethrown to the next boundary up. */
class PartBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof PartLoadError) return this.props.failed(error);
    throw error;
  }
}

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <div className="dialog lazy-loading" role="status" aria-live="polite">
        <p className="dialog-body">{t('app.loading')}</p>
      </div>
    </div>
  );
}

function LoadFailed({ title, error, onRetry, onClose }: { title: string; error: PartLoadError; onRetry(): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose}>
      <p className="error" role="alert">{t('app.partLoadFailed', { error: error.message })}</p>
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={onRetry}>{t('app.tryAgain')}</button>
      </div>
    </Dialog>
  );
}

/**
 * A dialog component loaded on first render. `load` is the `import()` of its module; `title` names
 * the frame shown if loading fails. A failed load is not cached: "Try again" imports again.
 */
export function lazyDialog<P extends { onClose(): void }>(load: () => Promise<ComponentType<P>>, title: (t: TFunction) => string): ComponentType<P> {
  const attempt = (): Promise<{ default: ComponentType<P> }> => load().then(
    (component) => ({ default: component }),
    (err: unknown) => {
      throw new PartLoadError(err);
    },
  );
  let Loaded = lazy(attempt);
  function LazyDialog(props: P) {
    const { t } = useTranslation();
    const [tries, setTries] = useState(0);
    const retry = (): void => {
      Loaded = lazy(attempt);
      setTries((n) => n + 1);
    };
    return (
      <PartBoundary key={tries} failed={(error) => <LoadFailed title={title(t)} error={error} onRetry={retry} onClose={props.onClose} />}>
        <Suspense fallback={<Loading />}>{createElement(Loaded, props)}</Suspense>
      </PartBoundary>
    );
  }
  return LazyDialog;
}
