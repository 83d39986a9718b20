// An error boundary per panel: one broken view shows a message and a retry button instead of
// blanking the page.
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

type Props = { name: string; children: ReactNode };
type State = { error: Error | null };

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`[${this.props.name}] panel failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel-failed" role="alert">
        <strong>The {this.props.name} panel failed.</strong>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>Retry</button>
      </div>
    );
  }
}
