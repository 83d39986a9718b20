// The job model's one entry point: the streamlab.job/v1 schema and its validation (with its
// `path: message` wording), job-model questions and constants, the expression language, the facts
// the engine reports, the streamlab.result/v1 types and the fold that builds a result from facts.
// Everything outside src/model imports from here; the model imports nothing of the other modules.
export * from './schema.ts';
export * from './graph.ts';
export * from './result.ts';
export * from './facts.ts';
export * from './constants.ts';
export * from './queries.ts';
export * from './aggregates.ts';
export { parseJob, checkGraph, MAX_PROBLEMS, NODE_KINDS } from './validate.ts';
export type { ParseOptions, ParseResult } from './validate.ts';
export { formatProblem, formatPath, describeValue, ROOT_PATH } from './problems.ts';
export type { Problem, PathKey } from './problems.ts';
export { parseExpr, compileExpr, toSql, evaluate, referencedFields, quoteIdentifier } from './expr/index.ts';
export type { Expr, ExprError, LiteralValue } from './expr/index.ts';
export { createResultFold } from './fold/resultFold.ts';
export type { ResultFold } from './fold/resultFold.ts';
export { edgeKey, parseEdgeKey } from './fold/edges.ts';
export { lateEffect, sideOutputKey } from './fold/late.ts';
export type { LateEffect } from './fold/late.ts';
export { visibilityOf, txnKey } from './fold/visibility.ts';
export type { TxnOutcome, Visibility } from './fold/visibility.ts';
export { isPrototypeName, setField, getField, fieldReader, nameMap } from './rows.ts';
export { WORK_LIMITS, RUN_BUDGET, formatCount, formatDuration } from './limits.ts';
export type { RunBudget, BudgetLimit } from './limits.ts';
export { faultCounters } from './expr/compile.ts';
export * from './sweep/params.ts';
export * from './sweep/metricsFold.ts';
export * from './sweep/plan.ts';
