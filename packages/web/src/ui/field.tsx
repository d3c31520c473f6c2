import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

/**
 * A labelled input with its error beside it: the error is announced (aria-describedby, aria-invalid)
 * and names what to fix, in the server's words or the form's own.
 */
export function Field(
  props: {
    label: string;
    error?: string | undefined;
    hint?: ComponentChildren;
    multiline?: boolean;
  } & JSX.InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, error, hint, multiline, id, ...input } = props;
  const generated = useId();
  const inputId = id ?? generated;
  const described = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id: inputId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  };
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={inputId}>{label}</label>
      {multiline ? (
        <textarea {...common} {...(input as unknown as JSX.TextareaHTMLAttributes<HTMLTextAreaElement>)} />
      ) : (
        <input {...common} {...input} />
      )}
      {hint && (
        <p class="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${inputId}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to no single field (offline, rate-limited, the server's own trouble). */
export function FormError(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="form-error" role="alert">
      {props.message}
    </p>
  );
}
