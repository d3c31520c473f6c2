/** The --help text of each command; the CLI contract in docs/decisions/0003-cli-contract.md. */
export const HELP_TEXTS = {
  rapport: `rapport: from "I just met someone interesting" to "we keep in touch"

Usage: rapport <command> [flags]        (rapport <command> --help for each)

Commands:
  moment     read the moment: should you ask for their number now?
  ask        what to say when you ask, and if they say yes or no
  coach      check a text message before you send it
  plan       when to send the first text, and the check-ins after it
  practice   practise reading the moment with scenarios from the guide

  serve      start the Rapport server (web app, API, public pages) on http://localhost:3000
  migrate    bring the database's schema up to date
  backup     copy the SQLite database, consistently, while it serves
  import     add a .vcf address book to an account
  export     everything of an account as JSON, or its people as a .vcf
  card       my cards, and a card's offline QR code for their phone to scan

moment, ask, coach, plan, practice, card and import take --json to print exactly one JSON object.
Bad usage exits with code 2 and one line on stderr.

Start with: npx rapport moment --help`,
  moment: `rapport moment: should you ask for their number now?

Usage: rapport moment --minutes <n> --phase <opening|flowing|winding-down> [--cues a,b,c] [--json]

  --minutes <n>   minutes since the conversation started (0 or more)
  --phase <p>     opening, flowing or winding-down
  --cues <list>   what you noticed, comma-separated:
                  positive: eye-contact, smiling, laughing, questions-back, leaning-in,
                            shared-interest, lingering
                  negative: short-answers, looking-away, checking-phone, closed-posture,
                            in-a-hurry, mentions-partner, uncomfortable
  --json          print { verdict, reasons, next }

Verdicts: wait, ask-now, ask-before-it-ends, offer-instead, let-it-be.
Example: rapport moment --minutes 12 --phase flowing --cues laughing,questions-back`,
  ask: `rapport ask: what to say when you ask

Usage: rapport ask [--name <theirs>] [--my-name <mine>] [--reason continue|activity]
                   [--activity <text>] [--approach direct|offer|social|friend]
                   [--platform <name>] [--friend <name>] [--seed <n>] [--json]

  --name <text>       their name
  --my-name <text>    your name (used when you offer your number)
  --reason <r>        continue (the conversation later; default) or activity (a plan to coordinate)
  --activity <text>   the plan, e.g. "that new cafe next week"; needed with --reason activity
  --approach <a>      direct (default), offer (give your number), social (connect on a platform),
                      friend (through a mutual friend)
  --platform <name>   for social: where to connect (default Instagram)
  --friend <name>     for friend: the mutual friend's name
  --seed <n>          picks among phrasings; the same seed gives the same words (default 0)
  --json              print { line, tips, ifDeclined, ifAccepted }

Example: rapport ask --name Sam --reason activity --activity "that new cafe next week"`,
  coach: `rapport coach: check a text message before you send it

Usage: rapport coach [--name <theirs>] [--topic <t>]... [--hours-since-meeting <h>]
                     [--unanswered <n>] [--json] [--] <text>
       (the text is read from stdin when no text argument is given)

  --name <text>               their name
  --topic <text>              something you talked about; repeat for several
  --hours-since-meeting <h>   hours since you met (0 or more)
  --unanswered <n>            your messages they have not answered yet
  --json                      print { verdict, score, flags }

Flags: generic, no-shared-topic, no-open-question, too-soon, pressure, double-text,
too-long, apologetic, too-strong. Verdict: send, or revise.
Example: rapport coach --topic "jazz festival" "How was the rest of the jazz festival?"`,
  plan: `rapport plan: when to send the first text, and the check-ins after it

Usage: rapport plan --met <date-time> [--tz <IANA zone>] [--quiet HH:MM-HH:MM]
                    [--topic <t>]... [--name <theirs>] [--json]

  --met <date-time>   when you met: ISO 8601, local to --tz unless it has an offset,
                      e.g. 2026-03-28T20:00 or 2026-03-28T20:00+01:00
  --tz <zone>         IANA time zone, e.g. Europe/Berlin (default: this system's zone)
  --quiet <range>     hours not to text in (default 22:00-08:00)
  --topic <text>      something you talked about; repeat for several
  --name <text>       their name
  --json              print { status, advice, firstMessage, cadence }

Example: rapport plan --met 2026-03-28T20:00 --tz Europe/Berlin --topic "jazz piano"`,
  practice: `rapport practice: practise reading the moment

Usage: rapport practice [--count <n>] [--seed <n>] [--json]

  --count <n>   how many scenarios in a round (default 5)
  --seed <n>    which scenarios, in which order (default: a new round each time)
  --json        list every scenario, with the verdicts that are right and why

In a round, answer each scenario with the number of a verdict; the right call is explained.`,
  serve: `rapport serve: start the Rapport server

Usage: rapport serve [--port <n>] [--host <address>]

  --port <n>         port to listen on (default 3000, or PORT)
  --host <address>   address to listen on (default 127.0.0.1, or HOST; 0.0.0.0 for the LAN)

Environment: DATABASE_URL=postgres://… for PostgreSQL (default: SQLite in DATA_DIR, ./data),
PUBLIC_URL (the address others reach it at; requests must name its host or localhost),
ALLOW_SIGNUPS=true, LOG_LEVEL, WEB_DIR (the built web app served at /; default packages/web/dist
beside the command), MAX_CONNECTIONS (default 1000; fewer when the limit of open files is low: it
needs at least 80, ulimit -n), HEADERS_TIMEOUT_MS (how long a client may take to send its headers;
default 10000), SHED_HEAP_MB (heap in use past which requests answer 503 until it falls; default
90% of what Node may grow to).

Behind a reverse proxy, set TRUST_PROXY to the proxy's address or network (TRUST_PROXY=127.0.0.1,
or several: 10.0.0.0/8,fd00::/8) or to how many proxies are in front (TRUST_PROXY=1), so that
each visitor has their own budget on the public pages; leave it unset without a proxy (default:
off, X-Forwarded-For ignored). Budgets a minute: PUBLIC_LIMIT_PER_IP (60 per address or IPv6 /64)
and PUBLIC_LIMIT_GLOBAL (600 wrong guesses from all together).`,
  migrate: `rapport migrate: bring the database's schema up to date

Usage: rapport migrate

Uses DATABASE_URL, or SQLite in DATA_DIR (./data). Each migration runs in one transaction.`,
  backup: `rapport backup: copy the SQLite database while it serves

Usage: rapport backup <file>

Writes an online, consistent copy of DATA_DIR/rapport.sqlite to <file> (a new file).
On PostgreSQL, use pg_dump instead.`,
  import: `rapport import: add a .vcf address book to an account

Usage: rapport import <file.vcf> [--email <account>] [--json]

  --email <address>   the account to import into (default: the server's owner)
  --json              print { added, merged, skipped }

Reads vCard 2.1, 3.0 and 4.0 as phones, Google and Apple export them. A card whose number the
account has already is merged; bad cards are skipped with their reason; a progress bar shows on a
terminal. Every imported contact is recorded with the consent kind 'imported'.`,
  export: `rapport export: everything of an account

Usage: rapport export [--email <account>] [--vcf]

  --email <address>   the account (default: the server's owner)
  --vcf               print the people as one vCard 4.0 file instead of the JSON

The JSON holds settings, people, encounters, messages, reminders and reflections, and no password
hash, session, token or feed secret.`,
  card: `rapport card: my cards, and a card's offline QR code

Usage: rapport card [--card <label or id>] [--email <account>] [--qr] [--mecard] [--json]

  --card <label|id>   the card (default: the only one); without --qr, lists just that card
  --email <address>   the account (default: the server's owner)
  --qr                draw the card's QR code here, then what it shares: the other person's
                      camera offers to add the contact, no server or signal needed
  --mecard            with --qr: a MeCard instead of a vCard 3.0 (a smaller code)
  --json              print { cards }, or with --qr { card, format, payload }

A card shares only the fields turned on for it; the phone number is off until you turn it on.
Example: rapport card --qr --card "Just Instagram"`,
} as const;

export type HelpTopic = keyof typeof HELP_TEXTS;
