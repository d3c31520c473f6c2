import type { ComponentChildren } from 'preact';

/** A screen's frame: its heading (one h1 per screen) and content. */
export function Page(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="page">
      <header class="page-header">
        <h1>{props.title}</h1>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
