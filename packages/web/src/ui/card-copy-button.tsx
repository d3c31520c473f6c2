import { useState } from 'preact/hooks';
import './settings-forms.css';

/**
 * Copies a text (a link, a calendar address) and says so. Where the browser refuses the clipboard,
 * it says that too, so the person knows to copy the text by hand. Used by My card and Settings.
 */
export function CardCopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard permission or no secure context: said below the button
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={copy}>
        {props.label}
      </button>
      <span class="copy-status" role="status">
        {state === 'copied' && 'Copied.'}
        {state === 'failed' && 'Could not copy here: select the address and copy it by hand.'}
      </span>
    </>
  );
}
