/**
 * The domain thesaurus: each group lists phrases that mean the same thing in questions about the referendum
 * and in the articles. Phrases are matched on lemmatised, stemmed words, so list one form of each.
 * Groups describe the domain (elections, the constitution, Kazakhstan's institutions) and common paraphrases
 * of its verbs, never the wording of particular questions.
 */
export const SYNONYM_GROUPS: Record<string, readonly string[]> = {
  constitution: ['constitution', 'basic law', 'fundamental law'],
  country: ['country', 'nation', 'state abroad'],
  turkiye: ['türkiye', 'turkiye', 'turkey', 'turkish'],
  chamber: ['chamber', 'house of parliament', 'house'],
  telephone: ['telephone', 'phone', 'by phone', 'phone survey'],
  precinct: ['polling station', 'polling place', 'polling site', 'polling booth', 'voting station', 'voting place', 'voting site', 'precinct', 'electoral precinct'],
  cec: ['central election commission', 'central electoral commission', 'cec', 'election commission', 'electoral commission'],
  // People's titles as the sources write them and as readers put them.
  political_scientist: ['political scientist', 'political analyst', 'political expert', 'political commentator', 'politologist', 'political science expert'],
  civil_society: ['civil society', 'civil sector', 'civic sector', 'third sector'],
  // Agreeing with a principle or a standard.
  consistent_with: ['consistent with', 'correspond to', 'in line with', 'in keeping with', 'conform to', 'compatible with', 'in tune with', 'aligned with', 'align with'],
  participant: ['participant', 'attendee', 'those present', 'people present'],
  depend: ['depend on', 'hinge on', 'rest on', 'turn on', 'be determined by', 'be decided by'],
  priority: ['priority', 'precedence', 'prioritize', 'prioritise', 'take precedence', 'come first'],
  intend: ['intend', 'intention', 'plan to', 'planned to', 'planning to', 'going to', 'mean to', 'expect to', 'aim to', 'willing to', 'ready to'],
  osce: ['osce', 'odihr', 'office for democratic institutions and human rights', 'organization for security and co-operation in europe', 'organization for security and cooperation in europe'],
  amendment: ['amendment', 'amend', 'change', 'modification', 'modify', 'revision', 'revise', 'addition'],
  survey: ['survey', 'poll', 'opinion poll', 'questionnaire', 'sociological study', 'study'],
  respondent: ['respondent', 'interviewee', 'people surveyed', 'people polled', 'participant in the survey', 'sample', 'sample size'],
  referendum: ['referendum', 'plebiscite', 'popular vote', 'nationwide vote', 'countrywide vote', 'national vote', 'the vote'],
  abroad: ['abroad', 'live abroad', 'overseas', 'expat', 'expatriate', 'diaspora', 'foreign country', 'outside the country', 'outside kazakhstan', 'in other countries'],
  support: ['support', 'back', 'endorse', 'favor', 'favour', 'approve', 'in favor', 'in favour'],
  open: ['open', 'set up', 'establish', 'create', 'launch'],
  hold: ['hold', 'conduct', 'carry out', 'stage'],
  // Chat says who "showed up"; the sources list who "attended".
  attend: ['attend', 'show up', 'turn up'],
  // Which body another answers to: "the platform under the Ministry", asked as "attached to" or "operates under".
  under: ['under', 'attached to', 'subordinate to', 'affiliated with', 'belong to', 'operate under', 'report to', 'housed in', 'run by'],
  know: ['know', 'aware', 'awareness', 'familiar', 'informed', 'heard of'],
  vote: ['vote', 'ballot', 'cast a ballot', 'go to the polls'],
  apply: ['apply', 'appeal', 'petition', 'turn to', 'file a complaint', 'complain'],
  citizen: ['citizen', 'resident', 'kazakhstani', 'population', 'voter', 'people of kazakhstan', 'regular people', 'ordinary people', 'ordinary citizens', 'common people', 'average people', 'regular citizens', 'everyday people'],
  observer: ['observer', 'monitor', 'observation', 'monitoring', 'observe', 'watch'],
  president: ['president', 'head of state', 'presidential'],
  chair: ['chairman', 'chairwoman', 'chairperson', 'chair', 'preside', 'moderate', 'moderator', 'lead', 'leader', 'head'],
  ombudsman: ['ombudsman', 'ombudsperson', 'ombudswoman', 'commissioner for human rights', 'human rights commissioner', 'human rights ombudsman'],
  mazhilis: ['mazhilis', 'majilis', 'lower chamber', 'lower house'],
  senate: ['senate', 'upper chamber', 'upper house'],
  parliament: ['parliament', 'legislature', 'parliamentary'],
  law: ['law', 'legislation', 'legislative act', 'legal act', 'statute'],
  previous: ['previous', 'last', 'prior', 'preceding', 'earlier', 'first time in'],
  youth: ['youth', 'young people', 'younger generation', 'young'],
  court: ['constitutional court'],
  term: ['term', 'tenure', 'mandate', 'term of office', 'serve', 'stay in office'],
  // How a meeting was held: a question about one format is settled by a sentence naming another.
  format: ['online', 'videoconference', 'video conference', 'via videoconference', 'in person', 'in-person', 'face-to-face', 'face to face', 'offline', 'virtual', 'virtually', 'remotely', 'video link'],
  say: ['say', 'speak', 'talk', 'note', 'stress', 'emphasize', 'emphasise', 'underscore', 'mention', 'remark', 'comment', 'according to', 'reiterate', 'point out', 'tell', 'express', 'in the words of', 'in the opinion of'],
  appoint: ['appoint', 'appointment', 'nominate', 'designate', 'pick'],
  // A title and its everyday English names.
  ambassador_at_large: ['ambassador-at-large', 'ambassador at large', 'roving ambassador', 'roving envoy', 'envoy at large'],
  // Ending a meeting or a speech.
  conclude: ['at the end of', 'at the close of', 'in conclusion', 'to conclude', 'conclude', 'wrap up', 'wind up', 'close the', 'closed the', 'closing remarks', 'closing speech', 'closing words', 'closing statement'],
  urge: ['urge', 'call on', 'call upon', 'call for', 'encourage', 'exhort', 'tell people to', 'tell everyone to', 'tell everybody to', 'tell citizens to', 'ask people to', 'ask everyone to', 'ask everybody to', 'ask citizens to', 'want people to', 'want everyone to', 'want everybody to', 'want citizens to', 'call on people to', 'call on everyone to', 'call on everybody to', 'call on citizens to', 'call on the public to', 'call on voters to', 'urge people to', 'urge everyone to', 'urge citizens to', 'urge the public to', 'urge voters to', 'encourage people to', 'encourage everyone to', 'encourage citizens to', 'encourage the public to', 'encourage voters to'],
  replace: ['replace', 'transform', 'transformation', 'substitute', 'supersede', 'succeed', 'turn into', 'convert', 'become'],
  adult: ['adult', 'over 18', 'aged 18', 'voting age', 'grown-up', 'of legal age'],
  percent: ['percent', 'percentage', 'per cent', '%', 'proportion'],
  human_rights: ['human rights', 'rights and freedoms', 'civil rights'],
  // The unrest of January 2022, as the sources and their readers name it.
  january_events: ['january events', 'tragic events', 'tragic january events', 'january unrest', 'unrest', 'january riots', 'riots', 'turmoil', 'disturbances', 'bloody january'],
  excessive_force: ['disproportionate use of force', 'excessive force', 'excessive use of force', 'disproportionate force', 'heavy-handed', 'police brutality', 'brutality'],
  detainee: ['detained citizen', 'detainee', 'detained people', 'detained person', 'people in custody', 'those detained', 'people held', 'person held'],
  // What one thing does to another: asked as an effect, told as a cause ("has spurred modernization").
  effect: ['effect', 'impact', 'influence', 'affect', 'spur', 'give impetus', 'impetus', 'lead to', 'result in', 'trigger', 'prompt', 'set in motion', 'bring about'],
  rights_defender: ['human rights defender', 'rights defender', 'human rights advocate', 'rights advocate', 'human rights activist', 'rights activist'],
  reveal: ['reveal', 'expose', 'uncover', 'lay bare', 'bring to light'],
  decentralization: ['decentralization', 'decentralisation', 'redistribution of power', 'balance of powers', 'decentralizing'],
  // A law is enacted, in the sources adopted (not "passed": WordNet's "passing" is also a death); laws in force are "currently applicable".
  adopt: ['adopt', 'enact'],
  in_force: ['existing', 'currently applicable', 'in force', 'current'],
  // WordNet knows "UN" is the United Nations, but a relation of several words reaches no sentence on its own.
  un: ['un', 'united nations', 'u.n.'],
  // Of the country, as opposed to foreign: the sources say "domestic human rights defenders", readers "local NGOs".
  domestic: ['domestic', 'local'],
};
