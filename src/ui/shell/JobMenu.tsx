// Scenarios, New, Import, Export and Copy link, in the header.
import { useEffect, useRef, useState } from 'react';
import { useSaveStatus } from '../editor/safeStorage.ts';
import { useEditor } from '../editor/store.ts';
import { forgetScenarioAddress } from './openJob.ts';
import { EXPORT_CHOICES, exportCode, type ExportChoice } from './exportCode.ts';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { importJobFile, NOTICE_EVENT } from './importFile.ts';
import { fileNameFor, toShareUrl } from './share.ts';

export function JobMenu() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = (text: string) => {
    setNotice(text);
    // Long enough to read: a message naming problems runs to a few hundred characters.
    setTimeout(() => setNotice((n) => (n === text ? null : n)), Math.max(4000, text.length * 60));
  };

  const [target, setTarget] = useState<ExportChoice>('json');
  const [warnings, setWarnings] = useState<string[]>([]);
  const onExport = async () => {
    const job = useEditor.getState().job;
    const file = await exportCode(job, target, fileNameFor(job).replace(/\.json$/, ''));
    if (!file.ok) return say(file.message);
    const url = URL.createObjectURL(new Blob([file.text], { type: target === 'json' ? 'application/json' : 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setWarnings(file.warnings);
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    if (fileInput.current) fileInput.current.value = '';
    say(await importJobFile(file));
  };
  // Files dropped on the canvas report here.
  useEffect(() => {
    const onNotice = (e: Event) => say((e as CustomEvent<string>).detail);
    window.addEventListener(NOTICE_EVENT, onNotice);
    return () => window.removeEventListener(NOTICE_EVENT, onNotice);
  }, []);

  const onCopyLink = async () => {
    const url = toShareUrl(useEditor.getState().job, location.href);
    try {
      await navigator.clipboard.writeText(url);
      say('Link copied: it holds the whole job.');
    } catch {
      history.replaceState(null, '', url);
      say('Copying is blocked here; the link is now in the address bar.');
    }
  };

  return (
    <span className="header-tools">
      {notice && <span className="notice" role="status">{notice}</span>}
      <SaveStatus />
      <ScenarioPicker />
      <button type="button" onClick={() => (useEditor.getState().newJob(), forgetScenarioAddress())}>New job</button>
      <button type="button" onClick={() => fileInput.current?.click()}>Import</button>
      <input ref={fileInput} type="file" accept="application/json,.json" hidden aria-label="Import job file" onChange={(e) => void onImport(e.target.files?.[0])} />
      <select aria-label="Export as" value={target} onChange={(e) => setTarget(e.target.value as ExportChoice)}>
        {EXPORT_CHOICES.map((c) => (
          <option key={c.target} value={c.target}>{c.label}</option>
        ))}
      </select>
      <button type="button" onClick={() => void onExport()}>Export</button>
      {warnings.length > 0 && (
        <details className="export-warnings" open>
          <summary>{`${warnings.length} thing${warnings.length === 1 ? '' : 's'} the target cannot express`}</summary>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setWarnings([])}>Close</button>
        </details>
      )}
      <button type="button" onClick={() => void onCopyLink()}>Copy link</button>
    </span>
  );
}

/** Says, for as long as it holds, that the job in the editor is not saved in this browser. */
function SaveStatus() {
  const failure = useSaveStatus((s) => s.failure);
  if (!failure) return null;
  return <span className="notice save-failure" role="alert">{failure.message}</span>;
}
