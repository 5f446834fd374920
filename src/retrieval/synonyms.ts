/**
 * The domain thesaurus: each group lists phrases that mean the same thing in questions about the referendum
 * and in the articles. Phrases are matched on lemmatised, stemmed words, so list one form of each.
 * Groups describe the domain (elections, the constitution, Kazakhstan's institutions) and common paraphrases
 * of its verbs, never the wording of particular questions.
 */
export const SYNONYM_GROUPS: Record<string, readonly string[]> = {
  precinct: ['polling station', 'polling place', 'polling site', 'polling booth', 'voting station', 'voting place', 'voting site', 'precinct', 'electoral precinct'],
  cec: ['central election commission', 'central electoral commission', 'cec', 'election commission', 'electoral commission'],
  osce: ['osce', 'odihr', 'office for democratic institutions and human rights', 'organization for security and co-operation in europe', 'organization for security and cooperation in europe'],
  amendment: ['amendment', 'amend', 'change', 'modification', 'modify', 'revision', 'revise', 'addition'],
  survey: ['survey', 'poll', 'opinion poll', 'questionnaire', 'sociological study', 'study'],
  respondent: ['respondent', 'interviewee', 'people surveyed', 'people polled', 'participant in the survey'],
  referendum: ['referendum', 'plebiscite', 'popular vote', 'nationwide vote', 'national vote'],
  abroad: ['abroad', 'overseas', 'foreign country', 'outside the country', 'outside kazakhstan', 'in other countries'],
  support: ['support', 'back', 'endorse', 'favor', 'favour', 'approve', 'in favor', 'in favour'],
  open: ['open', 'set up', 'establish', 'create', 'launch'],
  hold: ['hold', 'conduct', 'organize', 'organise', 'carry out', 'stage'],
  know: ['know', 'aware', 'awareness', 'familiar', 'informed', 'heard of'],
  participate: ['participate', 'take part', 'involve', 'attend', 'turnout', 'join'],
  vote: ['vote', 'ballot', 'cast a ballot', 'go to the polls'],
  apply: ['apply', 'appeal', 'petition', 'turn to', 'file a complaint', 'complain'],
  citizen: ['citizen', 'resident', 'kazakhstani', 'population', 'voter', 'people of kazakhstan'],
  observer: ['observer', 'monitor', 'observation', 'monitoring', 'observe'],
  president: ['president', 'head of state', 'presidential'],
  chair: ['chairman', 'chairwoman', 'chairperson', 'chair', 'preside', 'moderate', 'moderator', 'lead', 'leader', 'head'],
  ombudsman: ['ombudsman', 'commissioner for human rights', 'human rights commissioner', 'human rights ombudsman'],
  mazhilis: ['mazhilis', 'majilis', 'lower chamber', 'lower house'],
  senate: ['senate', 'upper chamber', 'upper house'],
  parliament: ['parliament', 'legislature', 'parliamentary'],
  law: ['law', 'legislation', 'legislative act', 'legal act', 'statute'],
  previous: ['previous', 'last', 'prior', 'preceding', 'earlier', 'first time in'],
  astana: ['astana', 'nur-sultan', 'nur sultan', 'akmola', 'tselinograd'],
  youth: ['youth', 'young people', 'younger generation', 'young'],
  court: ['constitutional court', 'constitutional council'],
  meeting: ['meeting', 'session', 'conference', 'event', 'gathering', 'forum', 'panel'],
  term: ['term', 'tenure', 'mandate', 'term of office'],
  appoint: ['appoint', 'appointment', 'nominate', 'designate'],
  replace: ['replace', 'transform', 'transformation', 'substitute', 'supersede', 'succeed', 'turn into', 'convert', 'become'],
  adult: ['adult', 'over 18', 'aged 18', 'voting age', 'grown-up', 'of legal age'],
  percent: ['percent', 'percentage', 'per cent', '%', 'proportion'],
  human_rights: ['human rights', 'rights and freedoms', 'civil rights'],
  decentralization: ['decentralization', 'decentralisation', 'redistribution of power', 'balance of powers', 'decentralizing'],
};
