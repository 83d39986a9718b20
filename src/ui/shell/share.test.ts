import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { jobSchema } from '../../model/index.ts';
import type { Job } from '../../model/index.ts';
import { fileNameFor, fromJsonText, fromShareHash, toShareUrl } from './share.ts';

const job = jobSchema.parse(JSON.parse(readFileSync(new URL('../../../public/scenarios/late-data.json', import.meta.url), 'utf8'))) as Job;

describe('share links and files', () => {
  it('round-trips a job through a link', () => {
    const url = toShareUrl(job, 'http://127.0.0.1:5173/?scenario=x#old');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:5173\/#job=/);
    const back = fromShareHash(new URL(url).hash);
    expect(back).toEqual({ ok: true, job });
  });

  it('refuses damaged links and non-jobs with a message', () => {
    expect(fromShareHash('#nothing')).toBeNull();
    expect(fromShareHash('#job=%%%')).toMatchObject({ ok: false });
    expect(fromJsonText('{"format":"other"}', 'The file')).toMatchObject({ ok: false, message: expect.stringContaining('The file is not a streamlab.job/v1') });
    expect(fromJsonText('alert(1)', 'The file')).toMatchObject({ ok: false, message: expect.stringContaining('not JSON') });
  });

  it('names exported files after the job', () => {
    expect(fileNameFor({ ...job, name: 'Late data: side output' })).toBe('late-data-side-output.streamlab.json');
    expect(fileNameFor({ ...job, name: undefined })).toBe('job.streamlab.json');
  });
});

describe('hostile links', () => {
  it('refuses a link that would expand past the limit, saying why, without expanding it', async () => {
    const { lzBomb } = await import('./lzBomb.ts');
    const out = fromShareHash(`#job=${lzBomb(300_000)}`); // 4.5×10^10 characters once expanded
    expect(out).toEqual({ ok: false, message: expect.stringContaining('expands to more than 10,000,000 characters') });
  });

  it('refuses a link longer than the limit by its length', () => {
    expect(fromShareHash(`#job=${'A'.repeat(2_000_001)}`)).toEqual({ ok: false, message: expect.stringContaining('2,000,001 characters long') });
  });
});
