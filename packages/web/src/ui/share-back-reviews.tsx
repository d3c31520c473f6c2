import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import {
  addShareBack,
  dismissShareBack,
  mergeShareBack,
  type ShareBackReview,
} from '../data/share-back-api.ts';
import { Link } from '../router.tsx';
import { FormError } from './field.tsx';

/**
 * Share-backs that matched someone in my people, waiting for me: each says whom it matched and by
 * what, shows what they typed, and offers merge, add as a new person, or dismiss. Nothing of it
 * touched anyone in the book until I choose.
 */
export function ShareBackReviews(props: {
  reviews: ShareBackReview[];
  onSettled: (id: string, what: string, href?: string) => void;
}) {
  if (props.reviews.length === 0) return null;
  return (
    <section aria-labelledby="today-reviews">
      <h2 id="today-reviews">Shared back: yours to review</h2>
      <ul class="list">
        {props.reviews.map((review) => (
          <ReviewCard key={review.id} review={review} onSettled={props.onSettled} />
        ))}
      </ul>
    </section>
  );
}

function ReviewCard(props: {
  review: ShareBackReview;
  onSettled: (id: string, what: string, href?: string) => void;
}) {
  const { review } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const headingId = `review-${review.id}`;
  const same = review.sameAs;

  const act = async (run: () => Promise<{ id: string } | undefined>, what: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const person = await run();
      props.onSettled(review.id, what, person ? `/people/${encodeURIComponent(person.id)}` : undefined);
    } catch (caught: unknown) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <li class="card">
      <h3 id={headingId}>
        {review.name} shared back
        {same && (
          <>
            {' '}
            — same {same.match === 'phone' ? 'number' : 'handle'} as{' '}
            <Link href={`/people/${encodeURIComponent(same.personId)}`}>{same.name}</Link>
          </>
        )}
      </h3>
      <p class="muted">
        Nothing of {same ? same.name : 'anyone'}’s changed. Merge only if it is really them.
      </p>
      <ul class="list">
        {review.phoneDisplay && <li>Number: {review.phoneDisplay}</li>}
        {review.handles.map((handle) => (
          <li key={`${handle.platform}:${handle.handle}`}>
            {handle.platform}: {handle.handle}
          </li>
        ))}
        {review.note && <li>Note: “{review.note}”</li>}
      </ul>
      <div class="actions">
        {same && (
          <button
            type="button"
            disabled={busy}
            aria-describedby={headingId}
            onClick={() => act(() => mergeShareBack(review.id), `Merged into ${same.name}.`)}
          >
            Merge into {same.name}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          disabled={busy}
          aria-describedby={headingId}
          onClick={() => act(() => addShareBack(review.id), `${review.name} added to your people.`)}
        >
          Add as someone new
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          aria-describedby={headingId}
          onClick={() =>
            act(async () => {
              await dismissShareBack(review.id);
              return undefined;
            }, 'Dismissed: nothing of it is kept.')
          }
        >
          Dismiss
        </button>
      </div>
      {error && <FormError message={error} />}
    </li>
  );
}
