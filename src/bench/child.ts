// One workload in a fresh process (started by run.ts with --expose-gc): the engine first, with its
// memory sampled over the idle baseline, then the tight loop in the same process. Prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { checkRun, findWorkload, runEngine, runTightLoop, withRecords } from './workloads.ts';

export type ChildReport = {
  name: string;
  mode: string;
  records: number;
  engineSeconds: number;
  tightSeconds: number;
  /** Peak over the baseline, in MB (10^6 bytes). */
  peakRssMb: number;
  peakHeapMb: number;
  /** How the RSS peak was found: the kernel's high-water mark, or sampling. */
  rssSource: 'VmHWM' | 'sampled';
  checksum: ReturnType<typeof checkRun>;
};

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1e6;

function settle() {
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}

/** Resets the kernel's RSS high-water mark (Linux: clear_refs 5); false where that is not possible. */
function resetHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return hwmBytes() !== null;
  } catch {
    return false;
  }
}

function hwmBytes(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function main() {
  const [name, recordsArg] = process.argv.slice(2);
  let w = findWorkload(name);
  if (recordsArg) w = withRecords(w, Number(recordsArg));

  settle();
  const base = process.memoryUsage();
  const kernelPeak = resetHwm();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const engine = runEngine(w, { sample, sampleEveryMs: 250 });
  sample();
  const hwm = kernelPeak ? hwmBytes() : null;
  if (hwm !== null && hwm > peakRss) peakRss = hwm;

  settle();
  const tight = runTightLoop(w);
  const checksum = checkRun(w, engine, tight);
  const report: ChildReport = {
    name: w.name,
    mode: w.mode,
    records: w.records,
    engineSeconds: engine.seconds,
    tightSeconds: tight.seconds,
    peakRssMb: (peakRss - base.rss) / MB,
    peakHeapMb: (peakHeap - base.heapUsed) / MB,
    rssSource: hwm !== null ? 'VmHWM' : 'sampled',
    checksum,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
