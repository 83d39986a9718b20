// Export in the app: the job document as JSON, or as code for a real cluster (Flink SQL, Flink
// DataStream Java, PySpark). The exporters load on first use so the first view stays small. What a
// target cannot express comes back as warnings, shown to the user (and written as comments in the code).
import type { Job } from '../../model/index.ts';
import { parseJob, formatProblem } from '../../model/index.ts';
import { EXPORT_EXTENSIONS, EXPORT_LABELS, EXPORT_TARGETS, type ExportTarget } from '../../export/targets.ts';

export const EXPORT_CHOICES = EXPORT_TARGETS.map((target) => ({ target, label: EXPORT_LABELS[target] }));
export type ExportChoice = ExportTarget;

export type ExportedFile = { ok: true; text: string; fileName: string; warnings: string[] } | { ok: false; message: string };

export async function exportCode(job: Job, target: ExportChoice, baseName: string): Promise<ExportedFile> {
  if (target === 'json') return { ok: true, text: `${JSON.stringify(job, null, 2)}\n`, fileName: `${baseName}.json`, warnings: [] };
  const parsed = parseJob(job);
  if (!parsed.ok) {
    return { ok: false, message: `Fix the job before exporting it: ${parsed.problems.slice(0, 3).map(formatProblem).join('; ')}` };
  }
  const { exportJob } = await import('../../export/index.ts');
  const result = exportJob(parsed.job, target);
  const warnings = result.warnings.map((w) => (w.node ? `${w.node}: ${w.message}` : w.message));
  return { ok: true, text: result.code, fileName: `${baseName}.${EXPORT_EXTENSIONS[target]}`, warnings };
}
