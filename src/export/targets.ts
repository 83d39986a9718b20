// The export targets, written once: their names (the command line's --to), their labels (the app's
// Export menu) and their file extensions. A file of its own, without the exporters, so the app can
// list the targets on first paint and load the exporters only when one is used.
export const EXPORT_TARGETS = ['json', 'flink-sql', 'flink-java', 'pyspark'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const EXPORT_LABELS: Record<ExportTarget, string> = {
  json: 'JSON (job)',
  'flink-sql': 'Flink SQL',
  'flink-java': 'Flink Java',
  pyspark: 'PySpark',
};

/** File name extension per target, for hosts that save the code. */
export const EXPORT_EXTENSIONS: Record<ExportTarget, string> = {
  json: 'json',
  'flink-sql': 'sql',
  'flink-java': 'java',
  pyspark: 'py',
};
