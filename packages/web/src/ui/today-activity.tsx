import { describeError } from '../api.ts';
import type { Loaded } from '../data/people-load.ts';
import { formatFromNow } from '../data/timeline-dates.ts';
import type { ActivityItem } from '../data/today-activity.ts';
import { Link } from '../router.tsx';

/** Recent exchange links and introductions: how each was answered, never who said no. */
export function TodayActivity(props: { loaded: Loaded<ActivityItem[]>; onRetry: () => void; live: boolean }) {
  const { loaded } = props;
  return (
    <section aria-labelledby="today-activity" class="today-activity">
      <h2 id="today-activity">Recent activity</h2>
      <p class="hint">
        {props.live
          ? 'Updates live when someone answers a link.'
          : 'Live updates are paused; this list refreshes when they are back.'}
      </p>
      {loaded.state === 'loading' && <p class="muted">Loading links and introductions…</p>}
      {loaded.state === 'failed' && (
        <div class="form-error" role="alert">
          <p>{describeError(loaded.error)}</p>
          <button type="button" class="secondary" onClick={props.onRetry}>
            Try again
          </button>
        </div>
      )}
      {loaded.state === 'ready' && loaded.value.length === 0 && (
        <p class="muted">
          No exchange links or introductions yet. <Link href="/card">My card</Link> makes a link someone can
          answer at their own pace.
        </p>
      )}
      {loaded.state === 'ready' && loaded.value.length > 0 && (
        <ul class="list today-activity__list">
          {loaded.value.map((item) => (
            <li key={item.id} class="today-activity__item">
              <span>{item.href ? <Link href={item.href}>{item.what}</Link> : item.what}</span>
              <span class="today-activity__meta">
                <span class={`today-activity__state today-activity__state--${item.tone}`}>{item.state}</span>
                <span class="muted"> · </span>
                <time class="muted" dateTime={item.at}>
                  {formatFromNow(item.at)}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
