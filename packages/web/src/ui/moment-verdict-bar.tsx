import { useEffect, useState } from 'preact/hooks';

/**
 * A slim bar pinned to the top with the verdict while the verdict card is scrolled away, so the
 * thumb can tap cues further down and the eye still sees the advice change. Hidden from screen
 * readers: the card's live region already announces each change.
 */
export function MomentVerdictBar(props: { headline: string; tone: string; minutes: number }) {
  const offscreen = useHeadingOffscreen('verdict-heading');
  return (
    <div class={offscreen ? 'moment-bar moment-bar--shown' : 'moment-bar'} aria-hidden="true">
      <span class={`moment-bar__verdict ${props.tone}`}>{props.headline}</span>
      <span class="moment-bar__time">{Math.floor(props.minutes)} min</span>
    </div>
  );
}

function useHeadingOffscreen(id: string): boolean {
  const [offscreen, setOffscreen] = useState(false);
  useEffect(() => {
    const heading = document.getElementById(id);
    if (!heading || !('IntersectionObserver' in window)) return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[0];
      // Only above the viewport counts: below it (a short screen, scrolled up) the card is still to come.
      if (entry) setOffscreen(!entry.isIntersecting && entry.boundingClientRect.top < 0);
    });
    observer.observe(heading);
    return () => observer.disconnect();
  });
  return offscreen;
}
