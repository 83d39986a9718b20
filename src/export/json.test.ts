// Round trip: the JSON export read back with parseJob is the same job, and the same document.
import { describe, expect, it } from 'vitest';
import { parseJob } from '../model/index.ts';
import { exportJob, toJson } from './index.ts';
import { caseInputs, fixtureInputs, scenarioInputs } from './test-support/inputs.ts';

const inputs = [...scenarioInputs(), ...fixtureInputs(), ...caseInputs()];

describe('JSON export round trip', () => {
  for (const input of inputs) {
    it(input.name, () => {
      const parsed = parseJob(input.doc);
      if (!parsed.ok) return expect.fail(JSON.stringify(parsed.problems));
      // The document as given: written and read back, it is the same document and the same job.
      const text = toJson(input.doc);
      expect(JSON.parse(text)).toEqual(input.doc);
      const again = parseJob(JSON.parse(text));
      expect(again.ok && again.job).toEqual(parsed.job);
      // The parsed job (defaults filled in): written and read back, it is the same job.
      const exported = exportJob(parsed.job, 'json');
      expect(exported.warnings).toEqual([]);
      const reread = parseJob(JSON.parse(exported.code));
      expect(reread.ok && reread.job).toEqual(parsed.job);
      expect(exported.code.endsWith('}\n')).toBe(true);
    });
  }
});
