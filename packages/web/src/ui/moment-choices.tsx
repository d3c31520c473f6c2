import { useId } from 'preact/hooks';
import './moment-choices.css';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/**
 * A radio group drawn as big buttons: one tap (or arrow keys) picks one. Real radio inputs, so screen
 * readers and keyboards get the group, its legend and the choice for free.
 */
export function ChoiceGroup<T extends string>(props: {
  legend: string;
  options: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  hint?: string;
  columns?: 2 | 3;
}) {
  const name = useId();
  return (
    <fieldset
      class={`choices choices--${props.columns ?? 2}`}
      aria-describedby={props.hint ? `${name}-hint` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`${name}-hint`}>
          {props.hint}
        </p>
      )}
      <div class="choices__options">
        {props.options.map((option) => (
          <label key={option.value} class="choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === props.value}
              onChange={() => props.onChange(option.value)}
            />
            <span class="choice__label">{option.label}</span>
            {option.hint && <span class="choice__hint">{option.hint}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
