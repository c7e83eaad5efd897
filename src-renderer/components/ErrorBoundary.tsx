/**
 * Catches an error thrown while rendering anything below it, so a bug shows a plain message with
 * "Reload" instead of a white window. Reloading is safe: the conversations, messages and queued
 * replies live in main, and the reloaded page takes them back from main's snapshot.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface Props {
  children: ReactNode;
  /** Default: reload the page. */
  onReload?(): void;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Goes to main's log through the console (the stack, no user data).
    console.error('render error', error instanceof Error ? error.message : String(error), info.componentStack ?? '');
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const reload = this.props.onReload ?? ((): void => window.location.reload());
    return (
      <div className="crash-screen" role="alert">
        <h1>{i18n.t('app.crashTitle')}</h1>
        <p>{i18n.t('app.crashBody')}</p>
        <p className="muted mono">{this.state.error.message}</p>
        <button type="button" className="btn primary" onClick={reload}>{i18n.t('app.reload')}</button>
      </div>
    );
  }
}
