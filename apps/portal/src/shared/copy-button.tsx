import { useState } from 'react';

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): the value stays selectable.
      setCopied('failed');
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {copied === 'copied'
          ? 'Copied'
          : copied === 'failed'
            ? 'Copy failed: select and copy by hand'
            : ''}
      </span>
    </>
  );
}
