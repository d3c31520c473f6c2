import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';

/** Errors of one form: per field (from the server's `field`), and one for the form as a whole. */
export interface FormErrors {
  field(name: string): string | undefined;
  form: string | undefined;
  /** Files an error: beside its field when the server named one the form shows, else for the form. */
  show(error: unknown, fieldsShown: readonly string[]): void;
  clear(): void;
}

export function useFormErrors(): FormErrors {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string | undefined>(undefined);
  return {
    field: (name) => byField[name],
    form,
    show(error, fieldsShown) {
      const field = error instanceof ApiError ? error.field : undefined;
      const message = describeError(error);
      const shown =
        field === undefined
          ? undefined
          : fieldsShown.find((name) => field === name || field.endsWith(`.${name}`));
      if (shown) {
        setByField({ [shown]: message });
        setForm(undefined);
      } else {
        setByField({});
        setForm(message);
      }
    },
    clear() {
      setByField({});
      setForm(undefined);
    },
  };
}
