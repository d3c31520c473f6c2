import {
  APPROACHES,
  type Approach,
  ASK_REASONS,
  type AskReason,
  composeAsk,
  isOneOf,
  SOCIAL_PLATFORMS,
  type SocialPlatform,
} from '@rapport/core';
import { useState } from 'preact/hooks';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { useSession } from '../session.ts';
import { AskLineCard } from '../ui/ask-line-card.tsx';
import { Field } from '../ui/field.tsx';
import { ChoiceGroup } from '../ui/moment-choices.tsx';
import { Page } from '../ui/page.tsx';
import { PlatformSelect } from '../ui/platform-select.tsx';
import './ask-screen.css';

const REASON_CHOICES: readonly { value: AskReason; label: string }[] = [
  { value: 'continue', label: 'Keep talking later' },
  { value: 'activity', label: 'A plan to do together' },
];

const APPROACH_CHOICES: readonly { value: Approach; label: string }[] = [
  { value: 'direct', label: 'Ask for their number' },
  { value: 'offer', label: 'Offer mine' },
  { value: 'social', label: 'Connect on social' },
  { value: 'friend', label: 'Through a friend' },
];

/** Shown where the plan goes until it is named, so the line reads as a template, not as nonsense. */
const PLAN_PLACEHOLDER = '[your plan]';

/**
 * The ask composer, right on the phone: pick the reason and the approach, read the line at a glance,
 * with the delivery tips and the gracious words if they decline. `?encounter=` links back to logging
 * how it went; `?name=`, `?reason=` and `?approach=` start from what the moment knew.
 */
export default function AskScreen({ query }: ScreenProps) {
  const session = useSession();
  const myName = session.state === 'signed-in' ? session.account.settings.name?.split(' ')[0] : undefined;
  const encounterId = query.get('encounter');
  const [theirName, setTheirName] = useState(query.get('name') ?? '');
  const [reason, setReason] = useState<AskReason>(pick(ASK_REASONS, query.get('reason'), 'continue'));
  const [approach, setApproach] = useState<Approach>(pick(APPROACHES, query.get('approach'), 'direct'));
  const [activity, setActivity] = useState('');
  const [platform, setPlatform] = useState<SocialPlatform>('instagram');
  const [friend, setFriend] = useState('');
  const [seed, setSeed] = useState(0);

  const ask = composeAsk({
    reason,
    approach,
    seed,
    ...(theirName.trim() ? { theirName: theirName.trim() } : {}),
    ...(myName ? { myName } : {}),
    activity: activity.trim() || PLAN_PLACEHOLDER,
    platform: SOCIAL_PLATFORMS[platform].label,
    ...(friend.trim() ? { friend: friend.trim() } : {}),
  });
  const outcomeQuery = new URLSearchParams({ approach, reason }).toString();

  return (
    <Page title="Ask">
      <AskLineCard ask={ask} approach={approach} onAnother={() => setSeed((count) => count + 1)} />
      <ChoiceGroup legend="Why you’re asking" options={REASON_CHOICES} value={reason} onChange={setReason} />
      {reason === 'activity' && (
        <Field
          label="The plan"
          value={activity}
          maxLength={120}
          hint="Something specific, e.g. “that new cafe next week”."
          onInput={(event) => setActivity(event.currentTarget.value)}
        />
      )}
      <ChoiceGroup legend="How" options={APPROACH_CHOICES} value={approach} onChange={setApproach} />
      {approach === 'social' && (
        <PlatformSelect label="Where to connect" value={platform} onChange={setPlatform} />
      )}
      {approach === 'friend' && (
        <Field
          label="Your mutual friend’s name"
          value={friend}
          maxLength={60}
          onInput={(event) => setFriend(event.currentTarget.value)}
        />
      )}
      <Field
        label={approach === 'friend' ? 'Their name' : 'Their name (optional)'}
        value={theirName}
        maxLength={60}
        autocomplete="off"
        onInput={(event) => setTheirName(event.currentTarget.value)}
      />
      <section aria-labelledby="ask-tips-heading">
        <h2 id="ask-tips-heading">As you ask</h2>
        <ul class="ask-tips">
          {ask.tips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      </section>
      <div class="actions">
        {encounterId ? (
          <Link href={`/outcome/${encodeURIComponent(encounterId)}?${outcomeQuery}`} class="button">
            Log how it went
          </Link>
        ) : null}
        <Link href="/moment" class="button secondary">
          Back to the moment
        </Link>
      </div>
    </Page>
  );
}

function pick<T extends string>(values: readonly T[], wanted: string | null, fallback: T): T {
  return isOneOf(values, wanted) ? wanted : fallback;
}
