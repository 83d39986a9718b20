// The simulator's public surface: run a job, step by step or to the end, and read a job's source
// records (the plot draws them). Only the worker, the command line and the benchmarks import it; the
// job model it runs lives in src/model.
export { createSimulation, runJob } from './simulation.ts';
export type { Simulation, SimulationOptions } from './simulation.ts';
export { readSourceRecords } from './sources/readSourceRecords.ts';
export { runPoint, runSweep } from './runSweep.ts';
