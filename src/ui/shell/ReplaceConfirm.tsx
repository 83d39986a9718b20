// Asks before a scenario or a shared link replaces a job with unsaved changes.
import { useEffect, useRef } from 'react';
import { useEditor } from '../editor/store.ts';
import { cancelOpen, confirmOpen, useOpenRequest } from './openJob.ts';

export function ReplaceConfirm() {
  const request = useOpenRequest((s) => s.request);
  if (!request) return null;
  return <Question what={request.what} />;
}

function Question({ what }: { what: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const name = useEditor((s) => s.job.name || 'Untitled');
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} role="alertdialog" className="confirm-dialog" aria-labelledby="replace-title" aria-describedby="replace-text"
      onCancel={(e) => (e.preventDefault(), cancelOpen())}>
      <h2 id="replace-title">Replace your job?</h2>
      <p id="replace-text">
        Opening {what} replaces “{name}”, which you have changed since it was opened. Export it first if you want to keep it.
      </p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={cancelOpen}>Keep my job</button>
        <button type="button" className="primary" onClick={confirmOpen}>Replace it</button>
      </div>
    </dialog>
  );
}
