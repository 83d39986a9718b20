// Records along each logical edge, summed per 100 ms of processing time into `record.emitted`
// facts: what the app animates as particles, without a fact per record.
import type { RuntimeContext } from '../kernel/context.ts';

const FLOW_BUCKET_MS = 100;

export class FlowCounters {
  /** Per edge (a Target's `edge`): records since the last flush. */
  readonly counts: number[];
  private nextFlushMs: number;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly edges: readonly { from: string; to: string; fromPort: 'out' | 'late' }[],
  ) {
    this.counts = edges.map(() => 0);
    this.nextFlushMs = bucketAfter(ctx.nowMs());
  }

  /** Before an event at `t`: the buckets that ended are flushed, stamped with their end. */
  beforeEvent(t: number) {
    if (t < this.nextFlushMs) return;
    this.flush(this.nextFlushMs);
    this.nextFlushMs = bucketAfter(t);
  }

  flush(atMs: number) {
    for (let i = 0; i < this.edges.length; i++) {
      if (this.counts[i] === 0) continue;
      this.ctx.emit({ type: 'record.emitted', atMs, ...this.edges[i], count: this.counts[i] });
      this.counts[i] = 0;
    }
  }
}

const bucketAfter = (t: number) => Math.floor(t / FLOW_BUCKET_MS) * FLOW_BUCKET_MS + FLOW_BUCKET_MS;
