// Exporters: a job as its JSON document, as Flink SQL, as a Flink DataStream program (Java) and as
// a PySpark Structured Streaming script. Pure string builders: no I/O. Each takes a validated job
// (parseJob's output) and returns the code and the warnings about what the target cannot express;
// every warning is also a `WARNING:` comment in the code.
import type { Job } from '../model/index.ts';
import { toFlinkJava } from './flinkJava.ts';
import { toFlinkSql } from './flinkSql.ts';
import { toPySpark } from './pyspark.ts';
import type { ExportResult } from './shared.ts';
import type { ExportTarget } from './targets.ts';

export type { ExportResult, ExportWarning } from './shared.ts';
export { toFlinkSql, toFlinkJava, toPySpark };

export { EXPORT_TARGETS, EXPORT_EXTENSIONS, EXPORT_LABELS } from './targets.ts';
export type { ExportTarget } from './targets.ts';

/**
 * The job document as JSON text (2-space indent, trailing newline). Given the document as read, it
 * writes it as read; given parseJob's output, the job with its defaults filled in. Either way
 * parseJob reads it back to the same job.
 */
export function toJson(job: Job | unknown): string {
  return `${JSON.stringify(job, null, 2)}\n`;
}

export function exportJob(job: Job, target: ExportTarget): ExportResult {
  switch (target) {
    case 'json':
      return { code: toJson(job), warnings: [] };
    case 'flink-sql':
      return toFlinkSql(job);
    case 'flink-java':
      return toFlinkJava(job);
    case 'pyspark':
      return toPySpark(job);
  }
}
