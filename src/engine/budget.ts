// What a run that stopped at its budget (job/limits.ts RUN_BUDGET) says: what ran out, how much was
// used, the budget, and what to change. The CLI prints it as `settings.untilMs: …` (exit 2).
import { formatCount, type BudgetLimit } from '../model/index.ts';

export function budgetMessage(limit: BudgetLimit, used: number, budget: number, atMs: number): string {
  const stopped = `the run stopped at ${formatCount(atMs)} ms of processing time`;
  switch (limit) {
    case 'events':
      return `${stopped} after ${formatCount(used)} events; at most ${formatCount(budget)} (shorten the run, or lengthen the trigger, watermark or checkpoint interval)`;
    case 'recordSteps':
      return `${stopped} after its operators had handled ${formatCount(used)} records; at most ${formatCount(budget)} (shorten the run, or lower a generator's ratePerSec)`;
    case 'stateRows':
      return `${stopped} holding ${formatCount(used)} rows of operator state; at most ${formatCount(budget)} (fewer keys, smaller windows or a shorter run)`;
    case 'resultRows':
      return `${stopped} with ${formatCount(used)} rows in its result (sink writes, late records, watermarks, batches); at most ${formatCount(budget)} (shorten the run)`;
  }
}
