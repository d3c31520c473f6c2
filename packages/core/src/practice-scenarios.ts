import type { Cue, Phase, Verdict } from './vocabulary.ts';

/**
 * One moment to practise reading: what you see, and which verdicts the guide supports for it.
 * @example
 * const scenario: PracticeScenario = {
 *   id: 'gym-first-hello', title: 'First hello at the gym', situation: 'You just said hi.',
 *   minutes: 1, phase: 'opening', cues: ['smiling'], right: ['wait'], why: 'Too early to ask.',
 * };
 */
export interface PracticeScenario {
  /** Kebab-case and stable: stored practice answers refer to it. */
  id: string;
  title: string;
  /** What you see, in the second person, 1–3 sentences. */
  situation: string;
  minutes: number;
  phase: Phase;
  cues: readonly Cue[];
  /** The verdicts that are right; usually one, two where the guide allows both. */
  right: readonly Verdict[];
  /** Why, in the guide's ideas and plain words. */
  why: string;
}

/**
 * The scenario trainer's table, written from the guide. Every verdict, cue and phase appears, and the
 * moment advisor agrees with every scenario (its verdict is one of `right`).
 * @example PRACTICE_SCENARIOS.find((scenario) => scenario.id === 'coffee-line-great-start')?.right // ['wait']
 */
export const PRACTICE_SCENARIOS: readonly PracticeScenario[] = [
  // wait
  {
    id: 'coffee-line-great-start',
    title: 'Great signals in minute two',
    situation:
      'In the coffee-shop queue you joke about the impossible menu and the person ahead of you laughs, smiles and holds your gaze. You have been talking for two minutes.',
    minutes: 2,
    phase: 'flowing',
    cues: ['laughing', 'smiling', 'eye-contact'],
    right: ['wait'],
    why: 'The signals are great, but the guide says to avoid popping the question within the first few minutes: it can come across as too forward. Keep talking and let the rapport grow.',
  },
  {
    id: 'gym-first-hello',
    title: 'First hello at the gym',
    situation:
      'Between sets you ask the person at the next rack whether they are using the bench. They smile and say go ahead; it has been a minute.',
    minutes: 1,
    phase: 'opening',
    cues: ['smiling'],
    right: ['wait'],
    why: 'A smile is a good start, not a conversation. Focus on building rapport first: nurture the seed before you expect it to grow.',
  },
  {
    id: 'bookshop-shared-shelf',
    title: 'Same shelf at the bookshop',
    situation:
      'You both reach for the same poetry collection. Six minutes in, you are still trading first impressions of the author, and they look at you as they talk.',
    minutes: 6,
    phase: 'opening',
    cues: ['eye-contact', 'shared-interest'],
    right: ['wait'],
    why: 'A shared interest is a promising seed, but the conversation is still opening. Build rapport first; the guide says the best time is after a meaningful conversation.',
  },
  {
    id: 'conference-polite-chat',
    title: 'Polite chat at a conference',
    situation:
      'At the conference coffee break you talk about the keynote for twelve minutes. They are friendly and look at you, smiling politely, but ask you nothing back.',
    minutes: 12,
    phase: 'flowing',
    cues: ['eye-contact', 'smiling'],
    right: ['wait'],
    why: 'Eye contact and a smile are good signs, but rapport is not built yet. Look for more: shared laughs and questions asked in return.',
  },
  {
    id: 'train-window-seat',
    title: 'Long train ride, quiet talk',
    situation:
      'On a long train ride you have chatted on and off with the person by the window for fifteen minutes. They stayed in their seat when others moved, but the talk is mostly small.',
    minutes: 15,
    phase: 'flowing',
    cues: ['lingering'],
    right: ['wait'],
    why: 'One quiet sign is not a connection yet, and there is time left. Keep the conversation going and watch for the guide’s signs: eye contact, smiles, laughs, questions back.',
  },
  {
    id: 'language-exchange-phone-glance',
    title: 'Language exchange, still warming up',
    situation:
      'Seven minutes into a language-exchange evening your partner asks you questions back in Spanish, but glances at their phone between sentences. You are still on introductions.',
    minutes: 7,
    phase: 'opening',
    cues: ['questions-back', 'checking-phone'],
    right: ['wait'],
    why: 'Mixed signals at the very start of a conversation: keep talking and see whether it starts to flow. Rapport comes before the question.',
  },
  {
    id: 'dog-park-minute-four',
    title: 'Dog park, minute four',
    situation:
      'Your dogs are chasing each other. The owner leans in, laughs at your dog’s antics and asks you all about the breed. It has been four minutes.',
    minutes: 4,
    phase: 'flowing',
    cues: ['leaning-in', 'laughing', 'questions-back'],
    right: ['wait'],
    why: 'Lovely signs, still within the first few minutes. The guide warns that asking this early might come across as too forward: enjoy the conversation a little longer.',
  },
  // ask-now
  {
    id: 'climbing-wall-belay-banter',
    title: 'Banter at the climbing wall',
    situation:
      'You have been belaying each other for twenty minutes at the climbing wall, laughing at your failed attempts, and they keep asking how you learned to read routes.',
    minutes: 20,
    phase: 'flowing',
    cues: ['laughing', 'questions-back'],
    right: ['ask-now'],
    why: 'A meaningful conversation, shared laughs and questions in return: the guide’s golden hour. Ask directly with a reason, like climbing together next week.',
  },
  {
    id: 'board-game-cafe-long-talk',
    title: 'Forty-five minutes at the board-game café',
    situation:
      'At a board-game café you and a stranger from the next table have talked strategy for forty-five minutes, laughing, holding eye contact, both obsessed with the same game.',
    minutes: 45,
    phase: 'flowing',
    cues: ['laughing', 'eye-contact', 'shared-interest'],
    right: ['ask-now'],
    why: 'Rapport is clear and you have talked a long time: the guide says don’t wait too long either. Seize the moment before the conversation winds down.',
  },
  {
    id: 'running-club-cooldown',
    title: 'Running-club cooldown',
    situation:
      'Stretching after the running club’s Sunday loop, the runner beside you smiles, looks at you as you talk and leans in to hear over the traffic. Fifteen minutes have flown by.',
    minutes: 15,
    phase: 'flowing',
    cues: ['smiling', 'eye-contact', 'leaning-in'],
    right: ['ask-now'],
    why: 'Smiles, eye contact and body language that shows interest and comfort: rapport is there. Ask now, directly and genuinely.',
  },
  {
    id: 'cooking-class-dumplings',
    title: 'Dumplings at the cooking class',
    situation:
      'Paired up at a dumpling-folding class, you discover you both grew up on the same street food. Twenty-five minutes in, they keep asking about your favourite stalls.',
    minutes: 25,
    phase: 'flowing',
    cues: ['questions-back', 'shared-interest'],
    right: ['ask-now'],
    why: 'Questions in return show they are open to further interaction, and a shared interest gives you a reason to ask: “Can I get your number so we can find that food market together?”',
  },
  {
    id: 'conference-panel-follow-up',
    title: 'After the panel',
    situation:
      'After a panel on accessible design, an attendee asks you question after question about your project. You have talked for eighteen minutes, eye to eye, about the same passion.',
    minutes: 18,
    phase: 'flowing',
    cues: ['questions-back', 'shared-interest', 'eye-contact'],
    right: ['ask-now', 'offer-instead'],
    why: 'Rapport is there, so asking directly is right. At a work event a direct ask may feel bold, and the guide also allows an alternative: offer your number or connect on a platform.',
  },
  {
    id: 'record-store-deep-cut',
    title: 'Deep cuts at the record store',
    situation:
      'In the record store you both laugh at the same terrible album cover and end up browsing together for ten minutes; they stay after paying, still talking.',
    minutes: 10,
    phase: 'flowing',
    cues: ['laughing', 'lingering'],
    right: ['ask-now'],
    why: 'Shared laughs, and they linger when they could have left: they are enjoying the conversation. Ask now with a reason to continue it.',
  },
  {
    id: 'language-exchange-flowing',
    title: 'Language exchange in full flow',
    situation:
      'Half an hour into a language exchange you are both laughing at each other’s idioms, and they ask how you would say their favourite saying in your language.',
    minutes: 28,
    phase: 'flowing',
    cues: ['laughing', 'questions-back', 'shared-interest'],
    right: ['ask-now'],
    why: 'A meaningful conversation, shared laughs and questions back: the guide’s best moment. “I’ve really enjoyed this. Can I get your number so we can practise again?”',
  },
  // ask-before-it-ends
  {
    id: 'concert-queue-doors-open',
    title: 'Concert queue, doors opening',
    situation:
      'You have spent half an hour in the concert queue laughing about the band’s old albums; they ask which songs you hope to hear. Now the doors are opening and the line starts to move.',
    minutes: 30,
    phase: 'winding-down',
    cues: ['laughing', 'questions-back', 'smiling'],
    right: ['ask-before-it-ends'],
    why: 'Rapport is there and the moment is ending. The guide says to seize the moment: ask before you part, or the chance is gone.',
  },
  {
    id: 'ferry-docking',
    title: 'The ferry is docking',
    situation:
      'On the ferry deck you have talked photography for forty minutes, leaning on the rail side by side, smiling and looking at each other’s shots. The horn sounds: you are docking.',
    minutes: 40,
    phase: 'winding-down',
    cues: ['shared-interest', 'eye-contact', 'leaning-in', 'smiling'],
    right: ['ask-before-it-ends'],
    why: 'A real connection and a conversation about to end: if you wait until it is over, it may feel awkward. Ask now, before it ends.',
  },
  {
    id: 'museum-closing-time',
    title: 'Museum closing time',
    situation:
      'The museum announces closing time. The visitor you have been discussing the exhibition with for twenty-two minutes lingers by the exit and asks which room you liked best.',
    minutes: 22,
    phase: 'winding-down',
    cues: ['questions-back', 'lingering'],
    right: ['ask-before-it-ends'],
    why: 'They ask questions back and stay longer than they must: rapport. The conversation is winding down, so ask before it ends.',
  },
  {
    id: 'wedding-last-dance',
    title: 'Last song at the wedding',
    situation:
      'At a friend’s wedding you have laughed with a guest at your table all evening, with plenty of eye contact. The band announces the last song.',
    minutes: 60,
    phase: 'winding-down',
    cues: ['laughing', 'eye-contact'],
    right: ['ask-before-it-ends'],
    why: 'Shared laughs and eye contact over a long evening, and the night is ending. Seize the moment: “Before you go, I’ve really enjoyed this. Can I get your number?”',
  },
  {
    id: 'hostel-kitchen-checkout',
    title: 'Hostel kitchen, checkout day',
    situation:
      'In the hostel kitchen you and another traveller have swapped hiking stories for thirty-five minutes, laughing and asking each other about routes. They are checking out within the hour.',
    minutes: 35,
    phase: 'winding-down',
    cues: ['laughing', 'questions-back', 'shared-interest'],
    right: ['ask-before-it-ends', 'offer-instead'],
    why: 'Rapport is clear and time is running out, so ask before it ends. With a traveller, the guide’s alternative also fits: “Are you on Instagram? I’d love to connect there.”',
  },
  // offer-instead
  {
    id: 'farmers-market-hurry-smile',
    title: 'In a hurry, but smiling',
    situation:
      'At the farmers market you chat with someone at the honey stall for ten minutes. They smile warmly but say they have to run to pick up their kid, and start packing their bags.',
    minutes: 10,
    phase: 'winding-down',
    cues: ['smiling', 'in-a-hurry'],
    right: ['offer-instead'],
    why: 'A warm smile, but they are busy and leaving. Offering your number is a low-pressure way to show interest: it puts the ball in their court and respects their time.',
  },
  {
    id: 'trivia-night-weak-long',
    title: 'Long trivia night, weak signals',
    situation:
      'You have been on the same trivia team for forty minutes. They make eye contact when you answer, but keep the talk to the questions and ask nothing about you.',
    minutes: 40,
    phase: 'flowing',
    cues: ['eye-contact'],
    right: ['offer-instead'],
    why: 'A long talk with weak signals: waiting longer will not make the moment clearer, and the guide says don’t wait too long. Offer your number and let them decide.',
  },
  {
    id: 'yoga-class-quick-goodbye',
    title: 'Quick goodbye after yoga',
    situation:
      'Rolling up your mats after yoga, you and your neighbour laugh about a wobbly pose, smiling and making eye contact. Three minutes later they say they have to go.',
    minutes: 3,
    phase: 'winding-down',
    cues: ['laughing', 'smiling', 'eye-contact'],
    right: ['offer-instead'],
    why: 'Good signs, but only a few minutes in: asking for their number would be too forward. Since it is ending, offer yours instead: low pressure, their choice.',
  },
  {
    id: 'coworking-phone-checks',
    title: 'Co-working space, phone buzzing',
    situation:
      'At the co-working space’s coffee machine you have laughed together for twenty minutes and they ask about your work, but they keep checking their phone.',
    minutes: 20,
    phase: 'flowing',
    cues: ['laughing', 'questions-back', 'checking-phone'],
    right: ['offer-instead'],
    why: 'Mixed signals: good rapport, yet their attention is elsewhere. To gauge their interest first, the guide suggests offering your number: the ball is in their court.',
  },
  {
    id: 'pottery-class-partner-mention',
    title: 'Friendly, and mentions a partner',
    situation:
      'At pottery class the person at the next wheel laughs with you and asks about your glazes. Twenty-five minutes in, they mention that their partner gave them the class as a gift.',
    minutes: 25,
    phase: 'flowing',
    cues: ['laughing', 'questions-back', 'mentions-partner'],
    right: ['offer-instead', 'let-it-be'],
    why: 'Friendly is not the same as available: they might be in a relationship, so respect their boundaries. Do not ask; offering a way to stay in touch as friends, or simply letting it be, both respect that.',
  },
  {
    id: 'airport-gate-boarding',
    title: 'Boarding call at the gate',
    situation:
      'At the airport gate you discover you are both heading to the same music festival. Fifteen minutes later their boarding group is called.',
    minutes: 15,
    phase: 'winding-down',
    cues: ['shared-interest'],
    right: ['offer-instead'],
    why: 'One shared interest and the conversation is ending: not enough rapport for a direct ask. Offer your number or suggest connecting on Instagram, a low-pressure way to stay in touch.',
  },
  {
    id: 'volunteer-cleanup-closed',
    title: 'Beach clean-up, arms crossed',
    situation:
      'Half an hour into a beach clean-up, your fellow volunteer smiles and talks about ocean conservation with you, but stands with arms crossed, angled away.',
    minutes: 30,
    phase: 'flowing',
    cues: ['smiling', 'shared-interest', 'closed-posture'],
    right: ['offer-instead'],
    why: 'Their words say interest, their body language says less comfort. With mixed signals, offer your number instead of asking: they decide.',
  },
  {
    id: 'plant-shop-last-customers',
    title: 'Last customers at the plant shop',
    situation:
      'You and another customer have compared notes on dying ferns for twelve minutes; they smile and look at you, but ask you nothing. The shop is closing.',
    minutes: 12,
    phase: 'winding-down',
    cues: ['smiling', 'eye-contact'],
    right: ['offer-instead'],
    why: 'Friendly but not yet a connection, and the conversation is ending. Offering your number expresses interest without being pushy.',
  },
  // let-it-be
  {
    id: 'party-uncomfortable-laughter',
    title: 'Laughter, but uncomfortable',
    situation:
      'At a house party the guest you are talking to laughs and smiles at your stories, but keeps stepping back and glancing at their friends as if looking for a way out.',
    minutes: 20,
    phase: 'flowing',
    cues: ['laughing', 'smiling', 'uncomfortable'],
    right: ['let-it-be'],
    why: 'Laughter can be politeness. Discomfort settles it: the guide says to always prioritize making them feel comfortable and respected. Do not ask; wrap up warmly.',
  },
  {
    id: 'bus-stop-short-answers',
    title: 'Short answers at the bus stop',
    situation:
      'Eight minutes at the bus stop: you ask about their day, they answer in single words and look down the street for the bus.',
    minutes: 8,
    phase: 'flowing',
    cues: ['short-answers', 'looking-away'],
    right: ['let-it-be'],
    why: 'Only signs of disinterest. Gauge their interest from their cues and respect it: end on a friendly note and move on with dignity.',
  },
  {
    id: 'gym-headphones-phone',
    title: 'Headphones at the gym',
    situation:
      'You say hi to someone between machines. They pause their music, arms crossed, scrolling their phone while you talk.',
    minutes: 3,
    phase: 'opening',
    cues: ['checking-phone', 'closed-posture'],
    right: ['let-it-be'],
    why: 'Body language tells you their level of comfort, and here it says not now. Respect it: let them get back to their workout.',
  },
  {
    id: 'art-gallery-partner',
    title: 'At the gallery, with a partner',
    situation:
      'At a gallery opening you discuss a painting for twelve minutes with another visitor, who says they should find their partner, who is somewhere in the next room.',
    minutes: 12,
    phase: 'flowing',
    cues: ['mentions-partner'],
    right: ['let-it-be'],
    why: 'They might be in a relationship, and nothing else says they want more. Respect their boundaries: it was a nice chat, let it be.',
  },
  {
    id: 'hiking-trail-in-a-hurry',
    title: 'In a hurry on the trail',
    situation:
      'You stop at a trail junction with another hiker. After six minutes of short replies they say they need to hurry to reach the summit before the weather turns.',
    minutes: 6,
    phase: 'winding-down',
    cues: ['in-a-hurry', 'short-answers'],
    right: ['let-it-be'],
    why: 'Busy and not engaged: no sign they want to keep talking. Wish them a good climb and move on; never pressure anyone.',
  },
  {
    id: 'laundromat-uncomfortable',
    title: 'Uneasy at the laundromat',
    situation:
      'Waiting for the dryers, you have chatted for fifteen minutes. When you move to sit closer, they tense up and go quiet.',
    minutes: 15,
    phase: 'winding-down',
    cues: ['uncomfortable'],
    right: ['let-it-be'],
    why: 'Discomfort alone is enough: respect their boundaries and give them space. “It was nice talking to you” and nothing more.',
  },
  {
    id: 'ski-lift-looking-away',
    title: 'Silent ski lift',
    situation:
      'Ten minutes on a slow chairlift: they look away at the slopes, give short answers and check their phone for the snow report.',
    minutes: 10,
    phase: 'flowing',
    cues: ['looking-away', 'short-answers', 'checking-phone'],
    right: ['let-it-be'],
    why: 'Their cues say they are not interested in talking. Respecting that is part of the guide: enjoy the view and let it be.',
  },
];
