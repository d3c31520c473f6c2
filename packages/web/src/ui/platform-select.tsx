import { SOCIAL_PLATFORM_NAMES, SOCIAL_PLATFORMS, type SocialPlatform } from '@rapport/core';
import { useId } from 'preact/hooks';

/** A labelled choice of social platform, named as people know them (Instagram, Signal, …). */
export function PlatformSelect(props: {
  label: string;
  value: SocialPlatform;
  onChange: (platform: SocialPlatform) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value as SocialPlatform)}
      >
        {SOCIAL_PLATFORM_NAMES.map((name) => (
          <option key={name} value={name}>
            {SOCIAL_PLATFORMS[name].label}
          </option>
        ))}
      </select>
    </div>
  );
}
