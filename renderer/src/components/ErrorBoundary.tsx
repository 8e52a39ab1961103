import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Short name of the area, shown in the message ("Latency curves"). */
  area: string;
  children: ReactNode;
  /** Full-window fallback (top level) instead of an inline card. */
  fullPage?: boolean;
  /** Reports the error (the desktop host appends it to the log file). */
  onError?: (message: string) => void;
}

interface State {
  error: Error | null;
}

/**
 * Shows what went wrong instead of a blank window, and lets the user try again without reloading
 * (the configuration lives in the store, so nothing is lost by re-mounting the area).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`[${this.props.area}] render error:`, error, info.componentStack);
    this.props.onError?.(`${this.props.area}: ${error.message}`);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const body = (
      <div role="alert" className={this.props.fullPage ? 'crash card' : 'card'}>
        <h2 className="card-title">{this.props.area} could not be shown</h2>
        <p>
          Your configuration is kept. The error below explains what failed; try again, or undo the
          last change.
        </p>
        <pre>{error.message}</pre>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
    return body;
  }
}
