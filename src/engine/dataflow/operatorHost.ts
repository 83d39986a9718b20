// The host a stateful operator (window, dedup, join) runs in: one per task, forwarding to the
// attempt. A class, so that every attempt's hosts share their methods (see attempt.ts on why).
import type { Row } from '../../model/index.ts';
import type { RuntimeContext } from '../kernel/context.ts';
import { Priority, type ScheduledEvent } from '../kernel/queue.ts';
import { createDedupOperator } from './dedup.ts';
import type { DfOperator, OperatorHost } from './operatorContract.ts';
import { createJoinOperator } from './join.ts';
import type { Wiring } from './lanes.ts';
import type { Element, Task } from './tasks.ts';
import { createWindowOperator } from './windowOperator/operator.ts';

/** What operators ask of their attempt. */
export type OperatorAttempt = {
  readonly ctx: RuntimeContext;
  readonly processingReplayed: boolean;
  route(task: Task, port: 'out' | 'late', row: Row, replayed: boolean): void;
  reportLate(task: Task, row: Row, to: string): void;
  sched(t: number, priority: number, run: () => void): ScheduledEvent;
  deliver(task: Task, channel: number, el: Element): void;
};

class TaskHost implements OperatorHost {
  readonly nodeId: string;
  constructor(
    private readonly attempt: OperatorAttempt,
    private readonly task: Task,
  ) {
    this.nodeId = task.plan.id;
  }
  nowMs() {
    return this.attempt.ctx.nowMs();
  }
  watermarkMs() {
    return this.task.inputWm;
  }
  output(row: Row, port: 'out' | 'late' = 'out', replayed = false) {
    this.attempt.route(this.task, port, row, replayed || this.attempt.processingReplayed);
  }
  replaying() {
    return this.attempt.processingReplayed;
  }
  late(row: Row, to: string) {
    this.attempt.reportLate(this.task, row, to);
  }
  fired(info: Parameters<OperatorHost['fired']>[0]) {
    const { ctx } = this.attempt;
    ctx.emit({ type: 'window.fired', atMs: ctx.nowMs(), node: this.nodeId, ...info });
  }
  note(message: string) {
    const { ctx } = this.attempt;
    ctx.emit({ type: 'note.added', atMs: ctx.nowMs(), node: this.nodeId, message });
  }
  /** Processing-time timers run between records, as mail in the task's mailbox. */
  processingTimer(atMs: number, run: () => void): ScheduledEvent {
    return this.attempt.sched(atMs, Priority.timer, () => this.attempt.deliver(this.task, 0, { k: 'mail', run }));
  }
}

export function createOperator(attempt: OperatorAttempt, task: Task, wiring: Wiring): DfOperator | null {
  const p = task.plan;
  const host = new TaskHost(attempt, task);
  switch (p.node.kind) {
    case 'window':
      return createWindowOperator(p, host);
    case 'dedup':
      return createDedupOperator(p, host);
    case 'join': {
      const ports = wiring.channelPorts.get(p.id)!;
      return createJoinOperator(p, host, (ch) => ports[ch] ?? 'left');
    }
    default:
      return null; // a sink keeps no operator state of its own here
  }
}
