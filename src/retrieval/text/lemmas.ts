/**
 * Irregular English forms the Porter stemmer cannot reduce ("held" → "hold"), so questions match the text in any tense.
 * No prototype: a question word such as "constructor" or "toString" must not find Object's methods here.
 */
export const IRREGULAR_LEMMAS: Readonly<Record<string, string | undefined>> = Object.assign(Object.create(null) as Record<string, string>, {
  held: 'hold', took: 'take', taken: 'take', won: 'win', knew: 'know', known: 'know', led: 'lead', said: 'say',
  chose: 'choose', chosen: 'choose', gave: 'give', given: 'give', began: 'begin', begun: 'begin', met: 'meet',
  sent: 'send', made: 'make', got: 'get', gotten: 'get', went: 'go', gone: 'go', came: 'come', saw: 'see', seen: 'see',
  told: 'tell', thought: 'think', found: 'find', brought: 'bring', bought: 'buy', wrote: 'write', written: 'write',
  spoke: 'speak', spoken: 'speak', ran: 'run', stood: 'stand', understood: 'understand', became: 'become', kept: 'keep',
  left: 'leave', felt: 'feel', meant: 'mean', paid: 'pay', put: 'put', set: 'set', read: 'read', heard: 'hear',
  signed: 'sign', elected: 'elect', chaired: 'chair', headed: 'head', voted: 'vote', backed: 'back',
  men: 'man', women: 'woman', people: 'people', children: 'child', countries: 'country', bodies: 'body',
});
