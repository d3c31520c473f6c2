import { formatDateTime } from '../data/timeline-dates.ts';
import { OUTCOME_WORDS, type TimelineItem } from '../data/timeline-items.ts';

/** A person's timeline: when we met (where, what about, how the ask went) and every message logged. */
export function TimelineList(props: { items: readonly TimelineItem[]; name: string; timeZone: string }) {
  const { items, name, timeZone } = props;
  if (items.length === 0)
    return <p class="muted">Nothing on the timeline yet. Messages you log with {name} appear here.</p>;
  return (
    <ol class="list timeline">
      {items.map((item) => (
        <li key={item.id} class={`timeline__item timeline__item--${itemTone(item)}`}>
          <p class="timeline__head">
            <strong>{heading(item, name)}</strong>
            <time class="muted" dateTime={item.at}>
              {formatDateTime(item.at, timeZone)}
            </time>
          </p>
          <TimelineBody item={item} />
        </li>
      ))}
    </ol>
  );
}

function itemTone(item: TimelineItem): string {
  if (item.kind === 'encounter') return 'met';
  return item.message.direction;
}

function heading(item: TimelineItem, name: string): string {
  if (item.kind === 'encounter') return item.encounter.place ? `Met at ${item.encounter.place}` : 'Met';
  return item.message.direction === 'sent' ? `You wrote to ${name}` : `${name} wrote`;
}

function TimelineBody(props: { item: TimelineItem }) {
  const { item } = props;
  if (item.kind === 'message') {
    return item.message.text ? (
      <p class="timeline__text">{item.message.text}</p>
    ) : (
      <p class="muted">(logged without its words)</p>
    );
  }
  const { topics, outcome } = item.encounter;
  return (
    <>
      {topics.length > 0 && <p>You talked about {topics.join(', ')}.</p>}
      {outcome && <p>You asked: {OUTCOME_WORDS[outcome]}.</p>}
    </>
  );
}
