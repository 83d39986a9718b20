// The engine's public surface. Hosts import from here only.
export * from './job/schema.ts';
export * from './job/graph.ts';
export * from './result.ts';
export * from './facts.ts';
export { createSimulation, runJob } from './simulation.ts';
export type { Simulation, SimulationOptions } from './simulation.ts';
export { parseJob, checkGraph, formatProblem } from './job/validate.ts';
export type { Problem } from './job/validate.ts';
