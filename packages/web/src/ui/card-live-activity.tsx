import type { LiveEvent, LiveStatus } from '../data/live-events.ts';
import { Link } from '../router.tsx';

/** One thing that happened while this screen was open, with when it arrived. */
export interface ActivityItem {
  key: string;
  event: LiveEvent;
  at: Date;
}

const STATUS_WORDS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  open: 'Answers to your links appear here as they happen.',
  reconnecting: 'Live updates paused: reconnecting…',
  closed: 'Live updates are off. Your links below show how they were answered.',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** What arrived live while I was on My card: who shared back (with a way to them), and declines. */
export function CardLiveActivity(props: { items: ActivityItem[]; status: LiveStatus }) {
  return (
    <section aria-labelledby="live-heading" class="live-activity">
      <h2 id="live-heading">Live activity</h2>
      <p class="muted live-activity__status">{STATUS_WORDS[props.status]}</p>
      <ul class="list" aria-live="polite">
        {props.items.map((item) => (
          <li key={item.key} class="card live-activity__item">
            <ActivityLine event={item.event} />
            <span class="muted live-activity__time">{timeFormat.format(item.at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActivityLine(props: { event: LiveEvent }) {
  const { event } = props;
  if (event.type === 'shared-back') {
    return (
      <p>
        <Link href={`/people/${encodeURIComponent(event.personId)}`}>{event.message}</Link>
      </p>
    );
  }
  return (
    <p>
      Your link was declined. <span class="muted">Nothing about them was kept.</span>
    </p>
  );
}
