// `bounded` sources in the exports (spec: "A source may carry `"bounded": false`"): a bounded source
// that ends in Streamlab reads up to the latest offset and ends (Flink SQL 'scan.bounded.mode',
// Java setBounded); an unbounded one, or an endless generator, reads on; Spark has no bounded mode.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import type { Job } from '../model/index.ts';
import { exportJob } from './index.ts';

function job(): Job {
  const records = [{ ts: 1000, at: 1000, key: 'a' }];
  const parsed = parseJob({
    format: 'streamlab.job/v1',
    nodes: [
      { id: 'ends', kind: 'source', params: { records } },
      { id: 'reads_on', kind: 'source', params: { records, bounded: false } },
      { id: 'endless', kind: 'source', params: { connector: 'rate', generator: { ratePerSec: 1, keys: ['a'] } } },
      { id: 'stops', kind: 'source', params: { connector: 'rate', bounded: false, generator: { ratePerSec: 1, keys: ['a'], endMs: 5000 } } },
      { id: 'all', kind: 'union', params: {} },
      { id: 'out', kind: 'sink', params: {} },
    ],
    edges: ['ends', 'reads_on', 'endless', 'stops'].map((from) => ({ from, to: 'all' })).concat([{ from: 'all', to: 'out' }]),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.job;
}

/** The text from `start` up to the next blank line (one statement or block of the export). */
const block = (code: string, start: string): string => {
  const i = code.indexOf(start);
  expect(i, start).toBeGreaterThanOrEqual(0);
  const end = code.indexOf('\n\n', i);
  return code.slice(i, end < 0 ? undefined : end);
};

describe('bounded sources', () => {
  it('Flink SQL: scan.bounded.mode latest-offset on the Kafka table of a source that ends, only', () => {
    const sql = exportJob(job(), 'flink-sql').code;
    expect(block(sql, 'CREATE TABLE `ends`')).toContain("'scan.bounded.mode' = 'latest-offset'");
    for (const id of ['reads_on', 'endless', 'stops']) expect(block(sql, `CREATE TABLE \`${id}\``)).not.toContain('scan.bounded.mode');
  });

  it('Flink Java: setBounded(OffsetsInitializer.latest()) on the KafkaSource of a source that ends, only', () => {
    const result = exportJob(job(), 'flink-java');
    expect(block(result.code, 'KafkaSource<Row> endsSource')).toContain('.setBounded(OffsetsInitializer.latest())');
    expect(block(result.code, 'KafkaSource<Row> readsOnSource')).not.toContain('setBounded');
    expect(result.code.match(/setBounded/g)).toHaveLength(1);
    // A generator with an end is a DataGeneratorSource with a count: it ends even when unbounded.
    expect(result.warnings).toContainEqual({ node: 'stops', message: expect.stringContaining('unbounded (bounded: false), but a DataGeneratorSource') });
    expect(result.warnings.filter((w) => w.node === 'endless')).toEqual([]);
  });

  it('PySpark: says that Spark has no bounded Kafka source, for the source that ends', () => {
    const code = exportJob(job(), 'pyspark').code;
    expect(block(code, '# source "ends"')).toContain("Spark's Kafka source has no bounded mode");
    expect(block(code, '# source "reads_on"')).not.toContain('bounded');
    expect(code.match(/no bounded mode/g)).toHaveLength(1);
  });
});
