import { SOCIAL_PLATFORM_NAMES, SOCIAL_PLATFORMS, type SocialPlatform } from '@rapport/core';
import type { CardDraft } from './card-editor-state.ts';
import { Field } from './field.tsx';

/** One handle per platform, each with its own "show on the card" switch; WhatsApp goes by the phone. */
export function CardEditorHandles(props: {
  draft: CardDraft;
  onChange: (draft: CardDraft) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { draft } = props;
  const setHandle = (platform: SocialPlatform, value: string) =>
    props.onChange({ ...draft, handles: { ...draft.handles, [platform]: value } });
  const setShown = (platform: SocialPlatform, shown: boolean) =>
    props.onChange({ ...draft, showHandles: { ...draft.showHandles, [platform]: shown } });
  const count = SOCIAL_PLATFORM_NAMES.filter((platform) => draft.handles[platform] !== '').length;
  const hasError = SOCIAL_PLATFORM_NAMES.some((platform) => props.errorOf(`handle-${platform}`));

  return (
    <details class="card-editor__handles" open={count > 0 || hasError}>
      <summary>Social handles{count > 0 ? ` (${count})` : ''}</summary>
      <p class="hint">For people you would rather connect with on a platform than by number.</p>
      {SOCIAL_PLATFORM_NAMES.map((platform) => {
        const rule = SOCIAL_PLATFORMS[platform];
        const typed = draft.handles[platform];
        const error = props.errorOf(`handle-${platform}`);
        return (
          <div key={platform} class="card-editor__row">
            {platform === 'whatsapp' ? (
              <div class={error ? 'field field--error' : 'field'}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={typed !== ''}
                    aria-invalid={error ? true : undefined}
                    onChange={(event) => setHandle(platform, event.currentTarget.checked ? 'yes' : '')}
                  />
                  WhatsApp, on this card's phone number
                </label>
                {error && (
                  <p class="error" role="alert">
                    {error}
                  </p>
                )}
              </div>
            ) : (
              <Field
                label={`${rule.label} handle`}
                value={typed}
                placeholder={`e.g. ${rule.example}`}
                autocomplete="off"
                autocapitalize="off"
                spellcheck={false}
                error={error}
                onInput={(event) => setHandle(platform, event.currentTarget.value)}
              />
            )}
            {typed !== '' && (
              <label class="check card-editor__show">
                <input
                  type="checkbox"
                  checked={draft.showHandles[platform]}
                  onChange={(event) => setShown(platform, event.currentTarget.checked)}
                />
                Show {rule.label} on the card
              </label>
            )}
          </div>
        );
      })}
    </details>
  );
}
