import { createSeededRandom } from '@rapport/core';

/**
 * A varied corpus of first and follow-up texts for benchmarking the message coach: hand-written
 * fragments combined by a seeded PRNG, so every run measures the same 1,200 messages.
 */

const NAMES = [
  'Sam',
  'Alex',
  'Priya',
  'Jordan',
  'Mia',
  'Tomás',
  'Aisha',
  'Leo',
  'Hannah',
  'Kenji',
  'Zoe',
  'Omar',
];
const MORE_NAMES = [
  'Chloé',
  'Ravi',
  'Noor',
  'Ben',
  'Ingrid',
  'Mateo',
  'Yuki',
  'Grace',
  'Femi',
  'Lena',
  'Dev',
];

/** [topic as said in a sentence, a question about it] */
const TOPICS: readonly (readonly [string, string])[] = [
  ['the jazz festival', 'how did you first get into jazz'],
  ['your hiking trip to the lakes', 'which trail would you do again'],
  ['the new cafe on Elm Street', 'what should I order there first'],
  ['your sourdough starter', 'how is the starter doing'],
  ['learning Japanese', 'what got you started with Japanese'],
  ['the marathon training', 'how far are you running these days'],
  ['your band', 'when is your next gig'],
  ['the book club', 'what are you reading this month'],
  ['that documentary about octopuses', 'what was the strangest thing in it'],
  ['climbing at the bouldering gym', 'how long have you been climbing'],
  ['your dog Biscuit', 'what tricks does Biscuit know'],
  ['the pottery class', 'what did you end up making'],
  ['your move to Lisbon', 'what do you miss most about Lisbon'],
  ['board games', 'which game should I try next'],
  ['the film photography thing', 'what camera do you shoot with'],
  ['the salsa night', 'where do you usually go dancing'],
  ['your startup idea', 'how is the pitch coming along'],
  ['the chess tournament', 'how did your last round go'],
  ['birdwatching', 'what was the best bird you saw this year'],
  ['the vegan ramen place', 'what else is good on their menu'],
  ['your garden', 'what are you growing this season'],
  ['the trivia night', 'which category do you always win'],
  ['surfing in Portugal', 'when are you heading back'],
  ['the podcast you recommended', 'which episode should I start with'],
  ['your cat who opens doors', 'how did she learn that'],
  ['the museum exhibit on maps', 'what was your favourite map'],
  ['cycling to work', 'how long is your ride'],
  ['the volunteer shift at the food bank', 'how did you get involved'],
  ['your grandmother’s recipes', 'which one is your favourite'],
  ['the open mic', 'what are you going to play'],
  ['knitting', 'what are you working on now'],
  ['the concert next weekend', 'who else is playing'],
  ['sci-fi novels', 'what would you recommend after Dune'],
  ['the coding bootcamp', 'what are you building for the final project'],
  ['your trip to Mexico City', 'where did you eat the best tacos'],
  ['the improv class', 'what was the funniest scene'],
  ['kayaking', 'where do you usually paddle'],
  ['the farmers market', 'which stall is your favourite'],
  ['astronomy', 'what is the best thing to see this month'],
  ['the wedding you were planning', 'how is the planning going'],
  ['vinyl records', 'what was your last find'],
  ['the yoga retreat', 'what was the schedule like'],
  ['your thesis on bees', 'what surprised you most about bees'],
  ['the escape room', 'how fast did your team get out'],
  ['street photography', 'where do you like to shoot'],
  ['the cooking competition show', 'who do you think will win'],
  ['skiing in the Alps', 'which resort was your favourite'],
  ['your Spanish lessons', 'how are the lessons going'],
  ['the indie game you are making', 'what is the game about'],
  ['rock climbing in Yosemite', 'what route are you training for'],
  ['the comedy show', 'who is your favourite comedian'],
  ['the hackathon', 'what did your team build'],
  ['your plants taking over the flat', 'how many plants are we talking about'],
  ['the half marathon', 'what is your goal time'],
  ['the art walk downtown', 'which gallery was the best'],
];

const OPENERS = [
  'Hey {name}!',
  'Hi {name},',
  'Hey,',
  'Hello {name} :)',
  'Hiya!',
  '{name}!',
  'Good morning {name}.',
];
const MORE_OPENERS = [
  'Hey you,',
  'Hi!',
  'Evening {name},',
  'Heyyy',
  'Yo {name}',
  'Hi there,',
  'Hey stranger!',
];
const MET = [
  'It was great meeting you earlier!',
  'I really enjoyed talking with you last night.',
  'So nice to meet you at the party.',
  'Fun running into you at the bookshop today.',
  'Thanks for the great chat at the station.',
  'Still smiling about our conversation.',
  'That was the best queue conversation I have ever had.',
];
const MEMORY = [
  'I was just thinking about what you said about {topic}.',
  'You mentioned {topic} and I cannot stop laughing about it.',
  'I looked up {topic} after we talked.',
  'We talked about {topic} and I had to tell you: I tried it!',
  'Remember {topic}? I told my sister about it.',
  'Like you said, {topic} sounds amazing.',
  'I keep thinking about {topic}.',
  'You were telling me about {topic} when my bus came.',
];
const YES_NO = [
  'Do you want to grab coffee sometime?',
  'Are you free this weekend?',
  'Would you be interested in joining me?',
  'Did you get home okay?',
  'Can I see you again?',
  'Wanna hang out Thursday?',
  'You still up for that drink?',
  'Is that place still open?',
];
const PUSHY = [
  'Why haven’t you answered??',
  'Hello???',
  'Are you ignoring me?',
  'I’ve been waiting all day.',
  'Just reply already!!!',
  'I guess you’re too busy for me.',
  'Fine, whatever.',
  'You never reply to anything.',
  'Did you even read my last message?',
  'Answer me please.',
];
const SORRY = [
  'Sorry to bother you,',
  'Sorry if this is weird, but',
  'This is probably stupid,',
  'You probably don’t remember me, but',
  'Feel free to ignore this,',
  'I know you’re busy,',
  'No pressure lol but',
  'I’m so bad at texting,',
];
const STRONG = [
  'I can’t stop thinking about you.',
  'I think I’m in love.',
  'Love you already!',
  'I think we are soulmates.',
  'This was meant to be.',
  'Marry me? Kidding. Mostly.',
  'Miss you so much.',
  'I dreamed about you last night.',
  'You’re perfect, babe.',
];
const FLAT = [
  'ok',
  'cool',
  'what’s up',
  'sup',
  'hey how are you',
  'nice meeting you',
  'hope your day is going well',
  'just checking in',
  'so anyway',
  'how was your day?',
  'wyd',
  'good morning!',
];
const PLANS = [
  'I’m planning to go to {topic} next weekend.',
  'There is a thing about {topic} on Saturday at the library.',
  'My friend runs a meetup about {topic} on Tuesdays.',
  'I found a place that does {topic} near the river.',
];
const STORIES = [
  'My week has been chaos, the printer at work caught fire (small fire, everyone is fine).',
  'I finally fixed the squeaky door, which took three videos and a borrowed drill.',
  'My neighbour’s parrot has learned to imitate my ringtone, so now I answer the bird.',
  'I tried to bake bread again and it came out the size of a hockey puck.',
  'The rain here has not stopped since Monday and my umbrella has given up on life.',
  'I started a new project at work that involves a lot of spreadsheets and far too many meetings.',
  'My brother visited and we spent the whole weekend arguing about the best pizza in town.',
  'I walked past that bakery we talked about and the queue went around the block.',
  'I have been trying to read more before bed instead of scrolling, with mixed results.',
  'My flatmate adopted a kitten, and the kitten has adopted my sofa.',
  'I signed up for a language exchange, which is terrifying and fun at the same time.',
  'Someone on the train was reading the exact book you mentioned, which felt like a sign.',
];
const CLOSERS = [
  'Talk soon!',
  'Have a good one.',
  'Anyway, enjoy your evening.',
  'Cheers,',
  'x',
  'Speak soon :)',
];
const EMOJI = ['😊', '😂', '🎷', '🙌', '☕️', '🌿', '🙂', '👋', '🔥', '🥲', '😅', '❤️'];

function buildCorpus(size: number, seed: number): string[] {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (probability: number) => random() < probability;
  const names = [...NAMES, ...MORE_NAMES];
  const openers = [...OPENERS, ...MORE_OPENERS];
  const messages = new Set<string>();

  const compose = (): string => {
    const name = pick(names);
    const [topic, question] = pick(TOPICS);
    const slot = (fragment: string) => fragment.replace('{name}', name).replace('{topic}', topic);
    const ask = `${question.charAt(0).toUpperCase()}${question.slice(1)}?`;
    const parts: string[] = [];
    const kind = random();
    if (kind < 0.12) {
      parts.push(pick(FLAT));
      if (chance(0.4)) parts.unshift(name);
    } else if (kind < 0.42) {
      if (chance(0.8)) parts.push(slot(pick(openers)));
      if (chance(0.6)) parts.push(pick(MET));
      parts.push(slot(pick(MEMORY)));
      parts.push(chance(0.7) ? ask : pick(YES_NO));
    } else if (kind < 0.52) {
      parts.push(pick(PUSHY));
      if (chance(0.5)) parts.push(pick(PUSHY));
    } else if (kind < 0.62) {
      parts.push(
        pick(SORRY),
        chance(0.5) ? pick(YES_NO).toLowerCase() : `${slot(pick(MEMORY)).toLowerCase()}`,
      );
    } else if (kind < 0.7) {
      parts.push(slot(pick(openers)), pick(STRONG));
      if (chance(0.5)) parts.push(pick(YES_NO));
    } else if (kind < 0.8) {
      parts.push(slot(pick(PLANS)), chance(0.5) ? pick(YES_NO) : ask);
    } else if (kind < 0.9) {
      // A wall of text: many sentences in a row, sometimes with the right ingredients buried inside.
      parts.push(slot(pick(openers)), pick(MET));
      const count = 5 + Math.floor(random() * 9);
      for (let index = 0; index < count; index++) parts.push(pick(STORIES));
      parts.push(slot(pick(MEMORY)), ask);
    } else {
      parts.push(slot(pick(MEMORY)));
      if (chance(0.5)) parts.push(pick(STORIES));
      parts.push(chance(0.5) ? ask : pick(YES_NO));
    }
    if (chance(0.3)) parts.push(pick(CLOSERS));
    if (chance(0.25)) parts.push(pick(EMOJI));
    let message = parts.join(chance(0.15) ? '\n' : ' ');
    const style = random();
    if (style < 0.07) message = message.toUpperCase();
    else if (style < 0.15) message = message.toLowerCase().replace(/[.!]/g, '');
    return message;
  };

  // Duplicates are skipped, so the corpus is `size` distinct messages.
  while (messages.size < size) messages.add(compose());
  return [...messages];
}

export const COACH_CORPUS: readonly string[] = buildCorpus(1200, 20240607);
